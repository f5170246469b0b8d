import { Value } from 'typebox/value';
import type { JobDefinition, JobPayload } from './job-definitions.js';

export interface JobContext {
  jobId: string | undefined;
  attemptsMade: number;
}

export type JobHandler<D extends JobDefinition> = (payload: JobPayload<D>, context: JobContext) => Promise<void>;

/**
 * Job names and their handlers. Start-up fails unless every defined job has exactly one handler
 * and no handler is registered for an unknown job.
 */
export class JobRegistry {
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly handlers = new Map<string, JobHandler<JobDefinition>>();

  define(...definitions: JobDefinition[]): this {
    for (const definition of definitions) {
      if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} is defined twice`);
      this.definitions.set(definition.name, definition);
    }
    return this;
  }

  handle<D extends JobDefinition>(definition: D, handler: JobHandler<D>): this {
    if (this.handlers.has(definition.name)) throw new Error(`Job ${definition.name} has two handlers`);
    this.handlers.set(definition.name, handler as unknown as JobHandler<JobDefinition>);
    return this;
  }

  /** Called by the worker entry before it starts consuming. */
  assertComplete(): void {
    const missing = [...this.definitions.keys()].filter((name) => !this.handlers.has(name));
    const unknown = [...this.handlers.keys()].filter((name) => !this.definitions.has(name));
    if (missing.length || unknown.length) {
      throw new Error(
        `Job registry incomplete: ${missing.length ? `no handler for ${missing.join(', ')}` : ''}${
          unknown.length ? ` handlers for undefined jobs ${unknown.join(', ')}` : ''
        }`,
      );
    }
  }

  definition(name: string): JobDefinition | undefined {
    return this.definitions.get(name);
  }

  allDefinitions(): JobDefinition[] {
    return [...this.definitions.values()];
  }

  queuesInUse(): string[] {
    return [...new Set(this.allDefinitions().map((d) => d.queue))];
  }

  async run(name: string, payload: unknown, context: JobContext): Promise<void> {
    const definition = this.definitions.get(name);
    const handler = this.handlers.get(name);
    if (!definition || !handler) throw new Error(`No handler for job ${name}`);
    assertValidPayload(definition, payload);
    await handler(payload as never, context);
  }
}

export function assertValidPayload(definition: JobDefinition, payload: unknown): void {
  if (!Value.Check(definition.payload, payload)) {
    const first = [...Value.Errors(definition.payload, payload)][0];
    throw new Error(`Invalid payload for job ${definition.name}: ${first ? JSON.stringify(first) : 'unknown'}`);
  }
}
