import { sql } from 'drizzle-orm';
import type { SuggestionAcceptanceReport } from '@hotline/shared/contracts/intelligence';
import type { Db } from '../../platform/db/client.js';

/**
 * 采纳率 in use: of the dispatches the console recorded, which suggestion rank the agent took (or none: overridden),
 * and how often the unit later returned it (退单), 直派 beside manual dispatch.
 */
export async function acceptanceReport(db: Db): Promise<SuggestionAcceptanceReport> {
  const [totals] = await db.execute<{
    choices: number;
    r1: number;
    r2: number;
    r3: number;
    r4: number;
    r5: number;
    overridden: number;
    direct: number;
    direct_returned: number;
    manual: number;
    manual_returned: number;
  }>(sql`
    with c as (
      select array_position(c.suggested_department_ids, c.chosen_department_id) as rank, c.direct,
             exists (select 1 from dispatch_rounds r
                      where r.ticket_id = c.ticket_id and r.department_id = c.chosen_department_id
                        and r.role = 'lead' and r.returned_at is not null) as returned
        from dispatch_suggestion_choices c)
    select count(*)::int as choices,
           count(*) filter (where rank = 1)::int as r1, count(*) filter (where rank = 2)::int as r2,
           count(*) filter (where rank = 3)::int as r3, count(*) filter (where rank = 4)::int as r4,
           count(*) filter (where rank = 5)::int as r5, count(*) filter (where rank is null)::int as overridden,
           count(*) filter (where direct)::int as direct,
           count(*) filter (where direct and returned)::int as direct_returned,
           count(*) filter (where not direct)::int as manual,
           count(*) filter (where not direct and returned)::int as manual_returned
      from c`);
  const versions = await db.execute<{ model_version: number | null; choices: number; took_top1: number }>(sql`
    select model_version, count(*)::int as choices, count(*) filter (where took_top1)::int as took_top1
      from dispatch_suggestion_choices group by model_version order by model_version desc nulls last limit 20`);
  const t = totals!;
  const n = t.choices;
  return {
    choices: n,
    byRank: [t.r1, t.r2, t.r3, t.r4, t.r5],
    overridden: t.overridden,
    top1Rate: n ? t.r1 / n : 0,
    top3Rate: n ? (t.r1 + t.r2 + t.r3) / n : 0,
    direct: { dispatched: t.direct, returned: t.direct_returned },
    manual: { dispatched: t.manual, returned: t.manual_returned },
    byModelVersion: [...versions].map((v) => ({
      modelVersion: v.model_version,
      choices: v.choices,
      tookTop1: v.took_top1,
    })),
  };
}
