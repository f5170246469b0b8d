import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/index.js';
import type { Clock } from '../../lib/clock.js';
import type { Database } from '../../platform/db/client.js';
import type { Queues } from '../../platform/queue/queues.js';
import { createHistoryImportService } from './history-import.service.js';
import { historyImportRoutes } from './history-import.routes.js';
import { createDispatchModelService, type DispatchModelService } from './dispatch-model.service.js';
import { dispatchModelRoutes } from './dispatch-model.routes.js';
import { createDuplicatesService } from './duplicates.service.js';
import { intelligenceAssistRoutes } from './intelligence-assist.routes.js';
import { createIntelligenceSettings } from './intelligence-settings.service.js';
import { createDirectDispatch, type DispatchTicket } from './direct-dispatch.service.js';
import { intelligenceAdminRoutes } from './intelligence-admin.routes.js';

/** What the intelligence module is given (a full AppDeps fits). */
export interface IntelligenceDeps {
  config: Pick<Config, 'duplicateThresholdPercent' | 'duplicateWindowHours'>;
  clock: Clock;
  database: Pick<Database, 'db'>;
  queues: Queues;
  /** The ticket module's 派单 action, for 直派 (absent: 直派 answers 409). */
  dispatchTicket?: DispatchTicket;
}

/** 智能辅助: history import, dispatch suggestions and their model, duplicates (并单), matter suggestions, prefill. */
export async function registerIntelligence(
  app: FastifyInstance,
  deps: IntelligenceDeps,
): Promise<{ model: DispatchModelService }> {
  const { db } = deps.database;
  const { clock, queues } = deps;
  const settings = createIntelligenceSettings({ db, clock });
  const model = createDispatchModelService({ db, clock, settings: () => settings.get() });
  await app.register(historyImportRoutes, { history: createHistoryImportService({ db, clock }) });
  await app.register(dispatchModelRoutes, { model, queues, clock });
  const duplicates = createDuplicatesService({
    db,
    clock,
    unitDistribution: () => model.unitDistribution(),
    settings: {
      thresholdPercent: deps.config.duplicateThresholdPercent,
      windowHours: deps.config.duplicateWindowHours,
    },
  });
  await app.register(intelligenceAssistRoutes, { db, duplicates });
  const direct = createDirectDispatch({ db, model, settings, dispatchTicket: deps.dispatchTicket ?? null });
  await app.register(intelligenceAdminRoutes, { db, settings, direct });
  return { model };
}
