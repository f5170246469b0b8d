import { validateClockPolicy, type ClockPolicyRow } from '@hotline/shared/domain/clock-policy';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import {
  DEFAULT_CLOCK_SETTINGS,
  loadClockPolicyRows,
  loadClockSettings,
  replaceClockPolicyRows,
  saveClockSettings,
  type ClockSettings,
} from './clock-policy.repository.js';
import { clockPolicyStoreFor, type ClockPolicyStore } from './clock-policy.store.js';

export interface ClockPolicyDocument {
  rules: ClockPolicyRow[];
  settings: ClockSettings;
}

/** What PUT accepts: the settings added later (minute offsets, review pause) may be left out and keep their value. */
type OptionalSettings =
  'chaseMinutesAfterDue' | 'publicNoticeMinutesAfterChase' | 'reviewPausesClock' | 'resumeMinimumMinutes';
export interface ClockPolicyInput {
  rules: ClockPolicyRow[];
  settings: Omit<ClockSettings, OptionalSettings> & Partial<Pick<ClockSettings, OptionalSettings>>;
}

function validateSettings(settings: ClockSettings): string[] {
  const problems: string[] = [];
  if (!(settings.warningFraction > 0 && settings.warningFraction <= 1)) problems.push('预警比例必须大于0且不超过1');
  if (!Number.isInteger(settings.warningWorkingDaysBefore) || settings.warningWorkingDaysBefore < 0)
    problems.push('到期前预警的工作日数必须是不小于0的整数');
  if (!Number.isInteger(settings.chaseWorkingDaysAfterDue) || settings.chaseWorkingDaysAfterDue < 1)
    problems.push('催办须在到期后至少1个工作日');
  if (!Number.isInteger(settings.publicNoticeWorkingDaysAfterChase) || settings.publicNoticeWorkingDaysAfterChase < 1)
    problems.push('通报须在催办后至少1个工作日');
  if (!(settings.chaseMinutesAfterDue > 0)) problems.push('分钟时限的催办须在到期后至少1分钟');
  if (!(settings.publicNoticeMinutesAfterChase > 0)) problems.push('分钟时限的通报须在催办后至少1分钟');
  if (!(settings.resumeMinimumMinutes >= 0)) problems.push('退单驳回后保留的时间不能为负数');
  return problems;
}

/** 时限规则 administration: the duration rows and the stage ladder, saved together and audited. */
export function createClockPolicyService(deps: { db: Db; clock: Clock; store?: ClockPolicyStore }) {
  const { db, clock } = deps;
  const store = deps.store ?? clockPolicyStoreFor(db, clock);
  return {
    async get(): Promise<ClockPolicyDocument> {
      store.invalidate();
      const snapshot = await store.get(db);
      return { rules: [...snapshot.rows], settings: snapshot.settings };
    },

    async replace(actor: AuditActor, input: ClockPolicyInput): Promise<ClockPolicyDocument> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        // Read from the table, not the store: the store may hold a copy up to 30 s old (an edit by another node).
        const rulesBefore = await loadClockPolicyRows(tx);
        const settingsBefore = (await loadClockSettings(tx)) ?? DEFAULT_CLOCK_SETTINGS;
        const document: ClockPolicyDocument = {
          rules: input.rules,
          settings: { ...settingsBefore, ...input.settings },
        };
        const problems = [...validateClockPolicy(document.rules), ...validateSettings(document.settings)];
        if (problems.length) throw badRequest(`时限规则有误：${problems.join('；')}`, 'invalid_clock_policy');
        await replaceClockPolicyRows(tx, document.rules, actor.userId, now);
        await saveClockSettings(tx, document.settings, actor.userId, now);
        await recordAudit(tx, actor, {
          action: 'clock_policy.update',
          entityType: 'clock_policy',
          detail: {
            rulesBefore: rulesBefore.length,
            rulesAfter: document.rules.length,
            settingsBefore,
            settingsAfter: document.settings,
          },
        });
      });
      store.invalidate();
      return this.get();
    },
  };
}

export type ClockPolicyService = ReturnType<typeof createClockPolicyService>;
