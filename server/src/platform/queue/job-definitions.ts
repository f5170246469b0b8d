import type { Static, TSchema } from 'typebox';

/** One queue per concern; a queue per skill group is added by the routing domain at run time. */
export const QUEUE_NAMES = ['deadlines', 'notifications', 'callbacks', 'reports', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * A job name with its payload schema. Payloads are validated when enqueued and again when handled:
 * a job written by an older release must not crash a newer worker.
 */
export interface JobDefinition<S extends TSchema = TSchema> {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: S;
  /** BullMQ runs jobs without a priority before every prioritised one, so every job has one (1 = most urgent). */
  readonly priority: number;
}

export type JobPayload<D extends JobDefinition> = Static<D['payload']>;

export function defineJob<S extends TSchema>(definition: {
  queue: QueueName;
  name: string;
  payload: S;
  priority?: number;
}): JobDefinition<S> {
  if (definition.name.includes(':')) throw new Error(`Job name ${definition.name} may not contain ':'`);
  return Object.freeze({ ...definition, priority: definition.priority ?? 10 });
}
