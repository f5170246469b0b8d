import { sql } from 'drizzle-orm';
import { TICKET_TYPE_LABELS } from '@hotline/shared/domain/ticket-types';
import type { DbOrTx } from '../../platform/db/client.js';
import { pgArray } from './pg-array.js';

/**
 * The problem a fact belongs to: its matter — or, when no matter was cited, its ticket type (诉求类别) — in its area
 * (district; 'unknown' when the address names none). `<matter id | type:<type>>@<area>`.
 */
export const PROBLEM_KEY = sql`coalesce(f.matter_id::text, 'type:' || coalesce(f.type, 'other')) || '@' || coalesce(f.area, 'unknown')`;

/** Names for problem keys: 「matter (or 投诉类诉求（未关联事项）) · district」. */
export async function problemLabels(db: DbOrTx, keys: string[]): Promise<Map<string, string>> {
  const matterIds = keys.map((k) => k.split('@')[0]!).filter((k) => /^[0-9a-f-]{36}$/.test(k));
  const matters = await db.execute<{ id: string; name: string }>(sql`
    SELECT m.id::text AS id, coalesce(v.name, m.code) AS name FROM kb_matters m
    LEFT JOIN kb_matter_versions v ON v.id = m.published_version_id WHERE m.id = ANY(${pgArray(matterIds, 'uuid')})`);
  const districts = await db.execute<{ id: string; name: string }>(
    sql`SELECT id::text AS id, name FROM departments WHERE kind = 'district'`,
  );
  const matter = new Map(matters.map((m) => [m.id, m.name]));
  const area = new Map(districts.map((d) => [d.id, d.name]));
  return new Map(
    keys.map((key) => {
      const [what = '', where = 'unknown'] = key.split('@');
      const problem = what.startsWith('type:')
        ? `${(TICKET_TYPE_LABELS as Record<string, string>)[what.slice(5)] ?? '其他'}类诉求（未关联事项）`
        : (matter.get(what) ?? '未识别事项');
      return [key, `${problem} · ${area.get(where) ?? '未识别区域'}`];
    }),
  );
}
