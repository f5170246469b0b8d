import type { WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import type { AuditList, AuditQuery } from '@hotline/shared/contracts/audit';
import type {
  CalendarCoverage,
  CalendarDayInput,
  CalendarSaveResult,
  CalendarYear,
} from '@hotline/shared/contracts/calendar';
import type { ClockPolicy } from '@hotline/shared/contracts/clock-policy';
import type { IdResponse, OkResponse } from '@hotline/shared/contracts/common';
import type {
  DispatchCatalogueEntryBody,
  DispatchCatalogueEntry,
  DispatchCatalogueList,
} from '@hotline/shared/contracts/tickets';
import type {
  AdminDepartment,
  AdminDepartmentList,
  CreateDepartmentBody,
  UpdateDepartmentBody,
} from '@hotline/shared/contracts/departments';
import type { AdminUser, AdminUserList, CreateUserBody, UpdateUserBody } from '@hotline/shared/contracts/users';
import { http } from '../../app/http';
import { toQueryString } from '../../app/query-string';

/** 工作日历, 时限规则, 派单目录 and 审计日志 are typed from the shared contracts (one definition with the server). */
export type {
  CalendarCoverage,
  CalendarDay,
  CalendarDayInput,
  CalendarSaveResult,
  CalendarYear,
} from '@hotline/shared/contracts/calendar';
export type { ClockPolicy, ClockRule, ClockSettings } from '@hotline/shared/contracts/clock-policy';
export type { AuditEntry, AuditList } from '@hotline/shared/contracts/audit';
export type CatalogueEntry = DispatchCatalogueEntry;
export type CatalogueEntryBody = DispatchCatalogueEntryBody;

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

export function getClockPolicy(): Promise<ClockPolicy> {
  return http.get<ClockPolicy>('/api/admin/clock-policy');
}

export function saveClockPolicy(policy: ClockPolicy): Promise<ClockPolicy> {
  return http.put<ClockPolicy>('/api/admin/clock-policy', policy, { silent: true });
}

export function listCatalogue(): Promise<DispatchCatalogueList> {
  return http.get<DispatchCatalogueList>('/api/dispatch-catalogue');
}

export function createCatalogueEntry(body: DispatchCatalogueEntryBody): Promise<IdResponse> {
  return http.post<IdResponse>('/api/dispatch-catalogue', body, { silent: true });
}

export function updateCatalogueEntry(id: string, body: DispatchCatalogueEntryBody): Promise<IdResponse> {
  return http.put<IdResponse>(`/api/dispatch-catalogue/${encodeURIComponent(id)}`, body, { silent: true });
}

export function deleteCatalogueEntry(id: string): Promise<OkResponse> {
  return http.delete<OkResponse>(`/api/dispatch-catalogue/${encodeURIComponent(id)}`);
}

/** 审计日志 */
export type AuditFilter = Pick<AuditQuery, 'entityType' | 'entityId' | 'actorId' | 'action'>;

export function listAudit(filter: AuditFilter, beforeId: number | null, limit: number): Promise<AuditList> {
  const trimmed = Object.fromEntries(Object.entries(filter).map(([key, value]) => [key, value?.trim()]));
  return http.get<AuditList>(`/api/audit${toQueryString({ ...trimmed, beforeId, limit })}`);
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

export function resetUserPassword(id: string, newPassword: string): Promise<OkResponse> {
  return http.post<OkResponse>(
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

/** 承办单位管理: units with their leader (单位负责人) and what they hold; admins change them. */
export type { AdminDepartment } from '@hotline/shared/contracts/departments';

export function listAdminDepartments(): Promise<AdminDepartmentList> {
  return http.get<AdminDepartmentList>('/api/admin/departments');
}

export function createDepartment(body: CreateDepartmentBody): Promise<AdminDepartment> {
  return http.post<AdminDepartment>('/api/admin/departments', body, { silent: true });
}

export function updateDepartment(id: string, body: UpdateDepartmentBody): Promise<AdminDepartment> {
  return http.put<AdminDepartment>(`/api/admin/departments/${encodeURIComponent(id)}`, body, { silent: true });
}
