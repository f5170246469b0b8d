import { splitSms } from '@hotline/shared/domain/sms-split';
import type { Tx } from '../../platform/db/client.js';
import { randomUUID } from 'node:crypto';
import { smsOutbox } from '../notifications/notifications.table.js';
import { enqueueSms } from '../notifications/sms-delivery.service.js';
import type { DispatchDeps } from './dispatch-context.js';

export const SMS_SIGNATURE = '【12345热线】';

/**
 * Writes an SMS to the outbox inside the action's transaction (so the message and the act it reports commit
 * together) and returns its id; send it with `enqueueOutbox` after the commit.
 */
export async function writeSms(tx: Tx, deps: DispatchDeps, phone: string, body: string, now: Date): Promise<string> {
  const { id, statement } = smsStatement(tx, deps, phone, body, now);
  await statement;
  return id;
}

/**
 * `writeSms` as a statement not yet executed, for the action's one write statement (`ActionOutcome.writes`); the id
 * is chosen here so the caller can enqueue it after the commit.
 */
export function smsStatement(tx: Tx, deps: DispatchDeps, phone: string, body: string, now: Date) {
  const text = `${SMS_SIGNATURE}${body}`;
  const id = randomUUID();
  const statement = tx.insert(smsOutbox).values({
    id,
    noticeId: null,
    phone,
    body: text,
    segments: splitSms(text),
    provider: deps.smsProviderName ?? 'development',
    createdAt: now,
  });
  return { id, statement };
}

/** After the commit: one notifications-queue job per outbox row (fixed job id: idempotent). */
export function enqueueOutbox(deps: DispatchDeps, outboxIds: readonly string[]): () => Promise<void> {
  return async () => {
    if (!deps.queues) return;
    for (const id of outboxIds) await enqueueSms(deps.queues, id);
  };
}
