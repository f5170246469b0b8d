import { Type } from 'typebox';
import { defineJob } from '../../platform/queue/job-definitions.js';
import type { JobRegistry } from '../../platform/queue/job-registry.js';

/** Sends one outbox message. Retried with exponential backoff by BullMQ; the handler is idempotent per message. */
export const sendSmsJob = defineJob({
  queue: 'notifications',
  name: 'sms-send',
  payload: Type.Object({ outboxId: Type.String({ format: 'uuid' }) }),
  priority: 5,
});

/** Attempts of an SMS before it is marked failed (2 s, 4 s, 8 s, 16 s between them). */
export const SMS_MAX_ATTEMPTS = 5;

export const smsJobId = (outboxId: string) => `sms-${outboxId}`;

/** `delivery` is the SMS delivery service (sms-delivery.service.ts); passed in so this file stays free of it. */
export function registerNotificationJobs(
  registry: JobRegistry,
  delivery: { deliver(outboxId: string, attemptsMade: number): Promise<void> },
): void {
  registry.define(sendSmsJob).handle(sendSmsJob, async (payload, context) => {
    await delivery.deliver(payload.outboxId, context.attemptsMade);
  });
}
