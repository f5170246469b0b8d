/**
 * Contract type checks (tsd style): the console's types come from shared/src/contracts, so changing a schema there
 * must break the console's type-check. Each `@ts-expect-error` below is a shape the contract refuses today; if the
 * contract changes, either the good line or the expectation fails (test/integration/contract-console-types.test.ts proves both ways).
 */
import type { AuditEntry } from '@hotline/shared/contracts/audit';
import type { CalendarDayInput, CalendarYear } from '@hotline/shared/contracts/calendar';
import type { ClockPolicy } from '@hotline/shared/contracts/clock-policy';
import type { ErrorResponse } from '@hotline/shared/contracts/common';
import type { AttachmentView } from '@hotline/shared/contracts/attachments';
import type { ExtensionBody, IntakeBody } from '@hotline/shared/contracts/tickets';

export const day: CalendarDayInput = { date: '2026-10-01', isWorkingDay: false, name: '国庆节' };
// @ts-expect-error isWorkingDay is a boolean in the contract
export const dayWithText: CalendarDayInput = { date: '2026-10-01', isWorkingDay: 'no' };

export const year: CalendarYear = { year: 2026, covered: true, days: [] };
// @ts-expect-error covered is required
export const yearWithoutCoverage: CalendarYear = { year: 2026, days: [] };

export const policySettings: ClockPolicy['settings'] = {
  warningFraction: 0.75,
  warningWorkingDaysBefore: 1,
  chaseWorkingDaysAfterDue: 1,
  publicNoticeWorkingDaysAfterChase: 5,
  autoSignOnSignForDue: false,
};
// @ts-expect-error the rule's kind is one of CLOCK_KINDS
export const badKind: ClockPolicy['rules'][number]['kind'] = 'lunch_break';

export const auditId: AuditEntry['id'] = 1;
// @ts-expect-error audit ids are numbers (bigserial), not UUIDs
export const auditUuid: AuditEntry['id'] = '00000000-0000-0000-0000-000000000000';

export const attachmentSize: AttachmentView['size'] = 1024;

export const extension: ExtensionBody = { days: 3, reason: '需要现场勘查', legalBasis: '《信访工作条例》第三十二条' };
// @ts-expect-error the reason of an extension is required
export const extensionWithoutReason: ExtensionBody = { days: 3, legalBasis: '《信访工作条例》第三十二条' };

export const decision: IntakeBody['decision'] = 'answered';
// @ts-expect-error not an intake decision
export const badDecision: IntakeBody['decision'] = 'ignored';

export const problems: ErrorResponse['problems'] = [{ path: 'caller.phone', code: 'pattern', message: '格式不正确' }];
// @ts-expect-error a problem has a path
export const problemWithoutPath: ErrorResponse['problems'] = [{ code: 'pattern', message: '格式不正确' }];
