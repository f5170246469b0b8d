import { pgTable, smallint, jsonb, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import type { WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import { users } from '../auth/users.table.js';

/** 工单流程规则: one row (id 1) holding the admin-edited workflow policy; absent = DOMAIN's defaults. */
export const workflowPolicy = pgTable(
  'workflow_policy',
  {
    id: smallint('id').primaryKey().default(1),
    policy: jsonb('policy').$type<WorkflowPolicy>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [index('workflow_policy_updated_by_idx').on(t.updatedBy)],
);
