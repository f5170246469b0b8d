import type { WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import type { CategoryFlag, ClockKind, ClockUnit, TicketType, Urgency } from '@hotline/shared/domain/ticket-types';
import type { AdminUser, AdminUserList, CreateUserBody, UpdateUserBody } from '@hotline/shared/contracts/users';
import { http } from '../../app/http';
import { toQueryString } from '../../app/query-string';

/** 工作日历: one exception day (a weekday holiday, or a weekend make-up working day, 调休上班). */
export interface CalendarDay {
  date: string;
  isWorkingDay: boolean;
  name: string | null;
  source: 'chinese-days' | 'admin';
  updatedAt: string;
}

export interface CalendarYear {
  year: number;
  covered: boolean;
  days: CalendarDay[];
}

export interface CalendarDayInput {
  date: string;
  isWorkingDay: boolean;
  name: string | null;
}

export interface CalendarSaveResult extends CalendarYear {
  added: string[];
  changed: string[];
  removed: string[];
}

export interface CalendarCoverage {
  coveredYears: number[];
  missingYear: number | null;
  warning: string | null;
}

export function getCalendarYear(year: number): Promise<CalendarYear> {
  return http.get<CalendarYear>(`/api/admin/calendar?year=${year}`);
}

/** Replaces the whole year's exceptions; the caller shows the server's message itself. */
export function saveCalendarYear(year: number, days: CalendarDayInput[]): Promise<CalendarSaveResult> {
  return http.put<CalendarSaveResult>(`/api/admin/calendar?year=${year}`, { days }, { silent: true });
}

export function getCalendarCoverage(): Promise<CalendarCoverage> {
  return http.get<CalendarCoverage>('/api/admin/calendar/coverage');
}

/** 时限规则: one row; a null dimension matches any ticket. */
export interface ClockRule {
  kind: ClockKind;
  type: TicketType | null;
  urgency: Urgency | null;
  category: CategoryFlag | null;
  duration: { amount: number; unit: ClockUnit };
  priority: number;
  note?: string;
}

export interface ClockSettings {
  warningFraction: number;
  warningWorkingDaysBefore: number;
  chaseWorkingDaysAfterDue: number;
  publicNoticeWorkingDaysAfterChase: number;
  chaseMinutesAfterDue: number;
  publicNoticeMinutesAfterChase: number;
  autoSignOnSignForDue: boolean;
  reviewPausesClock: boolean;
  resumeMinimumMinutes: number;
}

export interface ClockPolicy {
  rules: ClockRule[];
  settings: ClockSettings;
}

export function getClockPolicy(): Promise<ClockPolicy> {
  return http.get<ClockPolicy>('/api/admin/clock-policy');
}

export function saveClockPolicy(policy: ClockPolicy): Promise<ClockPolicy> {
  return http.put<ClockPolicy>('/api/admin/clock-policy', policy, { silent: true });
}

/** 派单目录: matter/category/type + area keyword → the suggested unit. */
export interface CatalogueEntry {
  id: string;
  matterId: string | null;
  matterCode: string | null;
  category: CategoryFlag | null;
  ticketType: TicketType | null;
  areaKeyword: string | null;
  department: { id: string; name: string };
  priority: number;
  note: string | null;
  active: boolean;
}

export interface CatalogueEntryBody {
  matterId?: string | null;
  matterCode: string | null;
  category: CategoryFlag | null;
  ticketType: TicketType | null;
  areaKeyword: string | null;
  departmentId: string;
  priority: number;
  note: string | null;
  active: boolean;
}

export function listCatalogue(): Promise<{ items: CatalogueEntry[] }> {
  return http.get<{ items: CatalogueEntry[] }>('/api/dispatch-catalogue');
}

export function createCatalogueEntry(body: CatalogueEntryBody): Promise<{ id: string }> {
  return http.post<{ id: string }>('/api/dispatch-catalogue', body, { silent: true });
}

export function updateCatalogueEntry(id: string, body: CatalogueEntryBody): Promise<{ id: string }> {
  return http.put<{ id: string }>(`/api/dispatch-catalogue/${encodeURIComponent(id)}`, body, { silent: true });
}

export function deleteCatalogueEntry(id: string): Promise<unknown> {
  return http.delete(`/api/dispatch-catalogue/${encodeURIComponent(id)}`);
}

/** 审计日志 */
export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  /** Display name of the acting user; null for the system and anonymous requests. */
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  ip: string | null;
  detail: unknown;
}

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
}

export function listAudit(
  filter: AuditFilter,
  beforeId: number | null,
  limit: number,
): Promise<{ items: AuditEntry[] }> {
  const trimmed = Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, value?.trim()]));
  return http.get<{ items: AuditEntry[] }>(`/api/audit${toQueryString({ ...trimmed, beforeId, limit })}`);
}

/** 用户管理 */
export type { AdminUser, AdminUserList, CreateUserBody, UpdateUserBody } from '@hotline/shared/contracts/users';

export interface UserFilter {
  q?: string;
  role?: string;
  departmentId?: string;
  active?: boolean | null;
}

export function listUsers(filter: UserFilter, page: number, pageSize: number): Promise<AdminUserList> {
  return http.get<AdminUserList>(
    `/api/admin/users${toQueryString({ ...filter, q: filter.q?.trim(), page, pageSize })}`,
  );
}

/** The dialogs show the server's refusal themselves, hence silent. */
export function createUser(body: CreateUserBody): Promise<AdminUser> {
  return http.post<AdminUser>('/api/admin/users', body, { silent: true });
}

export function updateUser(id: string, body: UpdateUserBody): Promise<AdminUser> {
  return http.put<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}`, body, { silent: true });
}

export function resetUserPassword(id: string, newPassword: string): Promise<{ ok: boolean }> {
  return http.post<{ ok: boolean }>(
    `/api/admin/users/${encodeURIComponent(id)}/password`,
    { newPassword },
    { silent: true },
  );
}

export function unlockUser(id: string): Promise<AdminUser> {
  return http.post<AdminUser>(`/api/admin/users/${encodeURIComponent(id)}/unlock`, {});
}

/** 工单流程规则 (issue 9.14): the schema is shared/src/domain/workflow-policy.ts. */
export function getWorkflowPolicy(): Promise<WorkflowPolicy> {
  return http.get<WorkflowPolicy>('/api/admin/workflow-policy');
}

export function saveWorkflowPolicy(policy: WorkflowPolicy): Promise<WorkflowPolicy> {
  return http.put<WorkflowPolicy>('/api/admin/workflow-policy', policy);
}
