import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app.js';
import { createHistoryImportService } from './history-import.service.js';
import { historyImportRoutes } from './history-import.routes.js';

/** 智能辅助: history import, dispatch suggestions and their model, duplicates (并单), matter suggestions, prefill. */
export async function registerIntelligence(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps.database;
  await app.register(historyImportRoutes, { history: createHistoryImportService({ db, clock: deps.clock }) });
}
