/** Every table of every domain, for drizzle's relational queries and drizzle-kit. */
export * from './modules/departments/departments.table.js';
export * from './modules/auth/users.table.js';
export * from './modules/audit/audit.table.js';
