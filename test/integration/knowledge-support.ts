import { randomUUID } from 'node:crypto';
import type { TicketState, TicketType } from '@hotline/shared/domain/ticket-types';
import type { Db } from '../../server/src/platform/db/client.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { kbBundles } from '../../server/src/modules/knowledge/knowledge.table.js';
import { eq } from 'drizzle-orm';

/** A ticket row as the KB tests need it (the tickets module's own factories may replace this). */
export async function insertTicket(
  db: Db,
  options: { type?: TicketType; status?: TicketState; callerPhone?: string } = {},
) {
  const [row] = await db
    .insert(tickets)
    .values({
      number: `KB${randomUUID().slice(0, 12)}`,
      status: options.status ?? 'intake',
      channel: 'phone',
      type: options.type ?? 'consultation',
      urgency: 'normal',
      title: '咨询开餐馆需要办理哪些手续',
      content: '市民来电咨询开餐馆需要办理哪些手续、带什么材料。',
      address: '示范市西湖区文三路 1 号',
      callerName: '张三',
      callerPhone: options.callerPhone ?? '13812345678',
    })
    .returning();
  return row!;
}

export async function bundleIdByName(db: Db, name: string): Promise<string> {
  const [row] = await db.select({ id: kbBundles.id }).from(kbBundles).where(eq(kbBundles.name, name));
  if (!row) throw new Error(`bundle ${name} not seeded`);
  return row.id;
}
