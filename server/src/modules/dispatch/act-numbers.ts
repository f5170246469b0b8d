import { sql } from 'drizzle-orm';
import { CHASE_NUMBER_PREFIXES, type ChaseKind } from '@hotline/shared/domain/chase-ladder';
import { toShanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { Tx } from '../../platform/db/client.js';

/**
 * 催办单 / 通报 / 督办单 numbers: PREFIX-YYYYMMDD-NNNN, a counter per prefix and Asia/Shanghai day. A transaction
 * advisory lock per (prefix, day) serialises the few issuers of one day, so two acts never share a number.
 */
export async function nextActNumber(tx: Tx, kind: ChaseKind | 'supervision', now: Date): Promise<string> {
  const prefix = `${CHASE_NUMBER_PREFIXES[kind]}-${toShanghaiDate(now).replaceAll('-', '')}-`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${prefix}))`);
  const table = kind === 'supervision' ? sql`supervision_orders` : sql`chase_notices`;
  const rows = await tx.execute<{ n: number }>(sql`
    select coalesce(max(substring(number from ${prefix.length + 1}::int)::int), 0)::int as n
    from ${table} where number like ${prefix + '%'}`);
  const next = Number(rows[0]?.n ?? 0) + 1;
  return `${prefix}${String(next).padStart(4, '0')}`;
}
