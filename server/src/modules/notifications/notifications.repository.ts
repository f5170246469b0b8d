import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.js';
import { smsOutbox, type SmsOutboxRow } from './notifications.table.js';

export async function insertOutboxMessage(
  db: DbOrTx,
  values: {
    noticeId: string | null;
    phone: string;
    body: string;
    segments: string[];
    provider: string;
    createdAt: Date;
  },
): Promise<SmsOutboxRow> {
  const [row] = await db.insert(smsOutbox).values(values).returning();
  return row!;
}

export async function findOutboxMessage(db: DbOrTx, id: string): Promise<SmsOutboxRow | null> {
  const rows = await db.select().from(smsOutbox).where(eq(smsOutbox.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function updateOutboxMessage(db: DbOrTx, id: string, patch: Partial<typeof smsOutbox.$inferInsert>) {
  await db.update(smsOutbox).set(patch).where(eq(smsOutbox.id, id));
}

export async function listOutbox(db: DbOrTx, limit: number): Promise<SmsOutboxRow[]> {
  return db.select().from(smsOutbox).orderBy(desc(smsOutbox.createdAt)).limit(limit);
}
