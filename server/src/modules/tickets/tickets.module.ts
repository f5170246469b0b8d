import type { FastifyInstance } from 'fastify';
import type postgres from 'postgres';
import type { Clock } from '../../lib/clock.js';
import type { Db, Tx } from '../../platform/db/client.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import type { ClockServiceApi } from '../clocks/clocks.service.js';
import { createClosureService } from '../dispatch/closure.service.js';
import { createDispatchCatalogue } from '../dispatch/dispatch-catalogue.service.js';
import { dispatchCatalogueRoutes } from '../dispatch/dispatch-catalogue.routes.js';
import type { DispatchRules } from '../dispatch/dispatch-context.js';
import { chaseLadderRoutes, dispatchRoutes } from '../dispatch/dispatch.routes.js';
import { createChaseService } from '../dispatch/chase.service.js';
import { createExtensionService } from '../dispatch/extension.service.js';
import { workflowPolicyRoutes } from '../dispatch/workflow-policy.routes.js';
import { createWorkflowPolicyService } from '../dispatch/workflow-policy.service.js';
import type { Queues } from '../../platform/queue/queues.js';
import { createDispatchService } from '../dispatch/dispatch.service.js';
import { createHandlingService } from '../dispatch/handling.service.js';
import { createPublicEnquiries } from './public-enquiries.service.js';
import { publicEnquiryRoutes } from './public-enquiries.routes.js';
import { SYSTEM_TICKET_ACTOR } from './ticket-actor.js';
import { createTicketAttachments } from './ticket-attachments.service.js';
import { publishTicketChanged } from './ticket-events.js';
import { createTicketIntake } from './ticket-intake.service.js';
import { createTicketNumberer } from './ticket-numbers.js';
import { createTicketQueries } from './ticket-query.service.js';
import { createTicketExport } from './ticket-export.service.js';
import { createBulkActions } from '../dispatch/bulk-actions.service.js';
import { bulkActionRoutes } from '../dispatch/bulk-actions.routes.js';
import { ticketRoutes } from './tickets.routes.js';

export interface TicketDomainDeps {
  db: Db;
  /** The raw postgres.js client of the same pool (the intake hot path runs one prepared statement). */
  sql?: postgres.Sql;
  clock: Clock;
  realtime: Realtime | null;
  clocks: ClockServiceApi;
  rules?: Partial<DispatchRules>;
  /** The notifications queue (SMS to citizens and units); null in the seed (messages stay in the outbox). */
  queues?: Queues | null;
  smsProviderName?: string;
  /** Link base of 一次告知单 given at intake. */
  publicBaseUrl?: string;
}

/** The ticket and dispatch services, built once per process (the app, the worker and the seed share this). */
export function createTicketDomain(deps: TicketDomainDeps) {
  const base = { db: deps.db, clock: deps.clock, realtime: deps.realtime };
  const dispatchDeps = {
    ...base,
    clocks: deps.clocks,
    rules: deps.rules,
    queues: deps.queues ?? null,
    smsProviderName: deps.smsProviderName,
  };
  const intake = createTicketIntake({
    ...base,
    sql: deps.sql,
    numberer: createTicketNumberer(),
    notices: {
      publicBaseUrl: deps.publicBaseUrl ?? '',
      smsProviderName: deps.smsProviderName ?? 'development',
      queues: deps.queues ?? null,
    },
  });
  const dispatch = createDispatchService(dispatchDeps);
  const handling = createHandlingService(dispatchDeps);
  const extensions = createExtensionService(dispatchDeps);
  const domain = {
    intake,
    queries: createTicketQueries({
      db: deps.db,
      clock: deps.clock,
      listTicketClocks: deps.clocks.listTicketClocks,
      workingCalendar: (db) => deps.clocks.workingCalendar(db),
      extensionAllowance: extensions.allowance,
    }),
    attachments: createTicketAttachments(base),
    exporter: createTicketExport({ db: deps.db, clock: deps.clock }),
    bulk: createBulkActions({ db: deps.db, dispatch, extensions, handling }),
    enquiries: createPublicEnquiries({ db: deps.db, clock: deps.clock, intake }),
    dispatch,
    handling,
    closure: createClosureService(dispatchDeps),
    extensions,
    chase: createChaseService(dispatchDeps),
    workflowPolicy: createWorkflowPolicyService(base),
    catalogue: createDispatchCatalogue({ db: deps.db, clock: deps.clock }),
    /**
     * The clocks domain's auto-sign hook: when a sign-for clock runs out, the round is signed by the system inside
     * the stage's own transaction (refused by the state machine when it was signed or returned meanwhile), with the
     * handling clock starting at the sign-for due instant. Publishes after the stage's commit.
     */
    async autoSignTicket(tx: Tx, input: { ticketId: string; roundId: string | null; at: Date }) {
      if (!input.roundId) return undefined;
      const applied = await dispatch.signTicket(tx, input.ticketId, input.roundId, SYSTEM_TICKET_ACTOR, input.at);
      return () => publishTicketChanged(deps.realtime, applied.changed);
    },
  };
  deps.clocks.stages.setAutoSignTicket((tx, input) => domain.autoSignTicket(tx, input));
  return domain;
}
export type TicketDomain = ReturnType<typeof createTicketDomain>;

/** Registers every ticket, dispatch and public-enquiry route. */
export async function registerTicketRoutes(app: FastifyInstance, domain: TicketDomain): Promise<void> {
  await app.register(ticketRoutes, domain);
  await app.register(dispatchRoutes, domain);
  await app.register(bulkActionRoutes, { bulk: domain.bulk });
  await app.register(chaseLadderRoutes, domain);
  await app.register(workflowPolicyRoutes, { policy: domain.workflowPolicy });
  await app.register(dispatchCatalogueRoutes, domain);
  await app.register(publicEnquiryRoutes, { enquiries: domain.enquiries });
}
