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

/** What the intelligence module is given (a full AppDeps fits). */
export interface IntelligenceDeps {
  config: Pick<Config, 'duplicateThresholdPercent' | 'duplicateWindowHours'>;
  clock: Clock;
  database: Pick<Database, 'db'>;
  queues: Queues;
}

/** 智能辅助: history import, dispatch suggestions and their model, duplicates (并单), matter suggestions, prefill. */
export async function registerIntelligence(
  app: FastifyInstance,
  deps: IntelligenceDeps,
): Promise<{ model: DispatchModelService }> {
  const { db } = deps.database;
  const { clock, queues } = deps;
  const model = createDispatchModelService({ db, clock });
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
  return { model };
}
