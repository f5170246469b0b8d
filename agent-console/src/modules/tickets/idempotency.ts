/**
 * One Idempotency-Key per form submission (防重复提交): the key is kept across double clicks and retries of the same
 * submission, so the server returns the same ticket; only a successful submission (or clearing the form) starts a new one.
 */
export interface IdempotentSubmission {
  /** The key of the submission in progress; created on first use. */
  key(): string;
  /** The submission succeeded or was abandoned: the next one gets a fresh key. */
  finish(): void;
}

export function createIdempotentSubmission(newKey: () => string = () => crypto.randomUUID()): IdempotentSubmission {
  let current: string | null = null;
  return {
    key() {
      current ??= newKey();
      return current;
    },
    finish() {
      current = null;
    },
  };
}
