import { hash, verify } from '@node-rs/argon2';

// Algorithm is an ambient const enum (not importable under verbatimModuleSyntax): 2 = Argon2id.
const ARGON2ID = 2;

// OWASP's argon2id baseline (19 MiB, 2 iterations): ~25 ms here, so 2,000 agents signing in at shift change is fine.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real hash to verify against when the username does not exist, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password-0A!');
  await verifyPassword(await dummyHash, password);
  return false;
}
