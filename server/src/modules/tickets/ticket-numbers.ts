import { sql, type SQL } from 'drizzle-orm';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { DbOrTx } from '../../platform/db/client.js';

/**
 * Human-readable ticket numbers: `YYYYMMDD` (Asia/Shanghai) + a 6-digit counter that restarts each day.
 * The counter is `nextval(ticket_number_seq) - base of the day`; the base is recorded once per day (outside the
 * intake transaction) and cached, so an intake costs no extra round trip and no shared row lock.
 */
export function createTicketNumberer() {
  const bases = new Map<string, number>();

  async function dayBase(db: DbOrTx, day: string): Promise<number> {
    const cached = bases.get(day);
    if (cached !== undefined) return cached;
    // The base must be read before any nextval of the day; every intake reads it first, so the day's values exceed it.
    await db.execute(sql`
      insert into ticket_number_days (day, base)
      select ${day}::date, case when is_called then last_value else last_value - 1 end from ticket_number_seq
      on conflict (day) do nothing`);
    const rows = await db.execute<{ base: string | number }>(
      sql`select base from ticket_number_days where day = ${day}::date`,
    );
    const base = Number(rows[0]!.base);
    if (bases.size > 8) bases.clear();
    bases.set(day, base);
    return base;
  }

  async function dayNumbering(db: DbOrTx, now: Date): Promise<{ prefix: string; base: number }> {
    const day = toShanghaiDate(now);
    return { prefix: day.replaceAll('-', ''), base: await dayBase(db, day) };
  }

  return {
    dayNumbering,
    /** A SQL expression for the `number` column of the ticket being inserted at `now`. */
    async numberExpression(db: DbOrTx, now: Date): Promise<SQL> {
      const { prefix, base } = await dayNumbering(db, now);
      return sql`${prefix} || lpad((nextval('ticket_number_seq') - ${base})::text, 6, '0')`;
    },
  };
}
export type TicketNumberer = ReturnType<typeof createTicketNumberer>;
