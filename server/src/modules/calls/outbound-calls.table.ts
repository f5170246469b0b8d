import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.js';
import { contacts } from './calls.table.js';

/**
 * 外呼记录: every click-to-dial an agent makes, linked to the 漏接回拨 callback task it works. The number itself is
 * not copied here: it stays on the task (personal data in one place) and goes only to the agent's softphone.
 */
export const outboundCalls = pgTable(
  'outbound_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    dialledAt: timestamp('dialled_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('outbound_calls_contact_id_idx').on(t.contactId)],
);
