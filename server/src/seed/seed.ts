import type { Db } from '../platform/db/client.js';
import { seedDepartmentsAndUsers } from './seed-foundation.js';
import { seedWorkingCalendar } from '../modules/calendar/calendar.service.js';
import { seedDefaultClockPolicy } from '../modules/clocks/clock-policy.repository.js';
import { seedAgentSkills } from '../modules/calls/calls.seed.js';
import { seedKnowledgeBase } from '../modules/knowledge/knowledge.seed.js';
import { seedDemoTickets } from '../modules/tickets/tickets.seed.js';
import { seedDemoHistory } from '../modules/intelligence/demo-history.seed.js';

/** The demo data set: departments, users for every role; domain modules add their demo data here. */
export async function seedDemoData(db: Db, { history = true }: { history?: boolean } = {}): Promise<void> {
  await seedDepartmentsAndUsers(db);
  // 工作日历 from chinese-days and the default 时限规则; both idempotent and never overwrite admin edits.
  await seedWorkingCalendar(db, new Date());
  await seedDefaultClockPolicy(db, new Date());
  await seedAgentSkills(db);
  // DEMO 事项知识库: matters, situations, materials, 一件事 bundles, synonyms (marked demo).
  await seedKnowledgeBase(db);
  // DEMO 工单: a dozen tickets in every state (after the calendar and clock policy they depend on).
  await seedDemoTickets(db);
  // DEMO 历史工单 (a year of dispatched tickets) and a first 智能派单 model trained on it.
  // Test databases leave it out (history=false): tests build the history they need.
  if (history) await seedDemoHistory(db);
}
