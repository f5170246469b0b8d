/** Escapes LIKE/ILIKE wildcards in user input so `%` and `_` match themselves (Postgres' default escape is \\). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
