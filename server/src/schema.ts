/** Every table of every domain, for drizzle's relational queries and drizzle-kit. */
export * from './modules/departments/departments.table.js';
export * from './modules/auth/users.table.js';
export * from './modules/audit/audit.table.js';
export * from './modules/tickets/tickets.table.js';
export * from './modules/dispatch/dispatch.table.js';
export * from './modules/dispatch/chase.table.js';
export * from './modules/dispatch/workflow-policy.table.js';
export * from './modules/calendar/calendar.table.js';
export * from './modules/clocks/clocks.table.js';
export * from './modules/calls/calls.table.js';
export * from './modules/calls/call-ratings.table.js';
export * from './modules/knowledge/knowledge.table.js';
export * from './modules/knowledge/notices.table.js';
export * from './modules/notifications/notifications.table.js';
export * from './modules/supervision/supervision.table.js';
export * from './modules/supervision/assessment.table.js';
export * from './modules/intelligence/intelligence.table.js';
