import { inArray, count } from 'drizzle-orm';
import type { Db } from '../../server/src/platform/db/client.js';
import { ticketClocks } from '../../server/src/modules/clocks/clocks.table.js';

/** Number of clock rows of the given tickets (imported history must have none). */
export async function clockRows(db: Db, ticketIds: string[]): Promise<number> {
  const [row] = await db.select({ n: count() }).from(ticketClocks).where(inArray(ticketClocks.ticketId, ticketIds));
  return row!.n;
}
