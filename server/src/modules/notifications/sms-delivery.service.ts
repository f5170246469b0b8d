import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import type { Queues } from '../../platform/queue/queues.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.js';
import { findOutboxMessage, updateOutboxMessage } from './notifications.repository.js';
import { sendSmsJob, SMS_MAX_ATTEMPTS, smsJobId } from './notifications.jobs.js';
import type { SmsProvider } from './sms-provider.js';

export type SmsDeliveryState = 'sending' | 'sent' | 'failed';

/** Told of every delivery change of a message sent for something (the KB module updates its notice). */
export type DeliveryListener = (
  db: DbOrTx,
  change: { noticeId: string; status: SmsDeliveryState; attempts: number; error: string | null; at: Date },
) => Promise<void>;

/** Enqueues after the transaction that wrote the outbox row has committed. */
export async function enqueueSms(queues: Queues, outboxId: string): Promise<void> {
  await queues.enqueue(sendSmsJob, { outboxId }, { jobId: smsJobId(outboxId), attempts: SMS_MAX_ATTEMPTS });
}

export function createSmsDelivery(deps: {
  db: Db;
  clock: Clock;
  provider: SmsProvider;
  onDeliveryChange?: DeliveryListener;
  maxAttempts?: number;
}) {
  const maxAttempts = deps.maxAttempts ?? SMS_MAX_ATTEMPTS;

  async function record(
    outboxId: string,
    noticeId: string | null,
    status: SmsDeliveryState,
    attempts: number,
    error: string | null,
  ) {
    const at = deps.clock.now();
    await deps.db.transaction(async (tx) => {
      await updateOutboxMessage(tx, outboxId, {
        status,
        attempts,
        lastError: error,
        ...(status === 'sent' ? { sentAt: at } : {}),
      });
      if (noticeId && deps.onDeliveryChange) await deps.onDeliveryChange(tx, { noticeId, status, attempts, error, at });
      if (status !== 'sending') {
        await recordAudit(tx, SYSTEM_ACTOR, {
          action: status === 'sent' ? 'sms.sent' : 'sms.failed',
          entityType: 'sms_outbox',
          entityId: outboxId,
          toState: status,
          reason: error,
          detail: { attempts },
        });
      }
    });
  }

  return {
    /**
     * One attempt. `attemptsMade` is BullMQ's count of earlier failed attempts. A failure is recorded and rethrown
     * so BullMQ retries with backoff; the last failure marks the message failed.
     */
    async deliver(outboxId: string, attemptsMade: number): Promise<void> {
      const message = await findOutboxMessage(deps.db, outboxId);
      if (!message || message.status === 'sent') return; // at-least-once delivery: never send twice
      const attempt = attemptsMade + 1;
      try {
        await deps.provider.send({
          id: message.id,
          phone: message.phone,
          body: message.body,
          segments: message.segments,
        });
      } catch (error) {
        const text = (error as Error).message.slice(0, 500);
        await record(message.id, message.noticeId, attempt >= maxAttempts ? 'failed' : 'sending', attempt, text);
        throw error;
      }
      await record(message.id, message.noticeId, 'sent', attempt, null);
    },
  };
}
