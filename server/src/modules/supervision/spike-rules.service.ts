import { sql } from 'drizzle-orm';
import { Value } from 'typebox/value';
import { checkSpikeRules, SPIKE_RULES, SpikeRules } from '@hotline/shared/domain/hotspots';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import type { SupervisionActor } from './supervision-scope.js';

/** The spike rules in force: the admin's row, or the shared defaults when none was saved (or it no longer fits). */
export async function loadSpikeRules(db: DbOrTx): Promise<SpikeRules> {
  const [row] = await db.execute<{ rules: unknown }>(sql`SELECT rules FROM hotspot_settings WHERE id = 1`);
  return row && Value.Check(SpikeRules, row.rules) ? row.rules : { ...SPIKE_RULES };
}

/** 突增预警阈值: read by leads and admins, edited by admins (validated by the shared schema, audited). */
export function createSpikeRulesService({ db, clock }: { db: Db; clock: Clock }) {
  async function save(actor: SupervisionActor, rules: SpikeRules): Promise<SpikeRules> {
    if (!Value.Check(SpikeRules, rules)) throw badRequest('预警阈值不在允许范围内');
    const problem = checkSpikeRules(rules);
    if (problem) throw badRequest(problem);
    return db.transaction(async (tx) => {
      const before = await loadSpikeRules(tx);
      await tx.execute(sql`
        INSERT INTO hotspot_settings (id, rules, updated_at, updated_by)
        VALUES (1, ${JSON.stringify(rules)}::jsonb, ${clock.now().toISOString()}, ${actor.userId})
        ON CONFLICT (id) DO UPDATE SET rules = excluded.rules, updated_at = excluded.updated_at,
          updated_by = excluded.updated_by`);
      await recordAudit(tx, actor, {
        action: 'supervision.spike_rules',
        entityType: 'hotspot_settings',
        entityId: '1',
        detail: { before, after: rules },
      });
      return rules;
    });
  }
  return { get: () => loadSpikeRules(db), save };
}
export type SpikeRulesService = ReturnType<typeof createSpikeRulesService>;
