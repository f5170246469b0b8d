import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/users.table.js';
import { contacts } from './calls.table.js';

/**
 * 一次一评: the caller's keypress rating after a call (1 满意, 2 基本满意, 3 不满意), at most one per call.
 * Written by the telephony survey; read by the satisfaction figures.
 */
export const callRatings = pgTable(
  'call_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id),
    agentId: uuid('agent_id').references(() => users.id),
    rating: smallint('rating').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('call_ratings_contact_uq').on(t.contactId),
    index('call_ratings_agent_idx').on(t.agentId),
    index('call_ratings_rated_at_idx').on(t.ratedAt),
    check('call_ratings_rating_ck', sql`${t.rating} between 1 and 3`),
  ],
);
