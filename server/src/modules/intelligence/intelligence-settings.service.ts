import { eq, inArray } from 'drizzle-orm';
import { DEFAULT_INTELLIGENCE_SETTINGS, type IntelligenceSettings } from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { departments } from '../departments/departments.table.js';
import { intelligenceSettings } from './intelligence.table.js';

const ROW_ID = 1;

/** 智能辅助 settings (直派 policy): one row, read fresh by every node (no restart), written by an admin, audited. */
export function createIntelligenceSettings({ db, clock }: { db: Db; clock: Clock }) {
  async function get(): Promise<IntelligenceSettings> {
    const [row] = await db
      .select({ settings: intelligenceSettings.settings })
      .from(intelligenceSettings)
      .where(eq(intelligenceSettings.id, ROW_ID));
    return row?.settings ?? DEFAULT_INTELLIGENCE_SETTINGS;
  }

  return {
    get,
    async put(actor: AuditActor, next: IntelligenceSettings): Promise<IntelligenceSettings> {
      const ids = next.directDispatch.departmentIds;
      if (ids.length) {
        const found = await db.select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
        if (found.length !== new Set(ids).size) throw badRequest('直派单位中有不存在的单位', 'unknown_department');
      }
      const before = await get();
      await db.transaction(async (tx) => {
        await tx
          .insert(intelligenceSettings)
          .values({ id: ROW_ID, settings: next, updatedBy: actor.userId, updatedAt: clock.now() })
          .onConflictDoUpdate({
            target: intelligenceSettings.id,
            set: { settings: next, updatedBy: actor.userId, updatedAt: clock.now() },
          });
        await recordAudit(tx, actor, {
          action: 'intelligence.settings_update',
          entityType: 'intelligence_settings',
          detail: { before, after: next },
        });
      });
      return next;
    },
  };
}
export type IntelligenceSettingsService = ReturnType<typeof createIntelligenceSettings>;
