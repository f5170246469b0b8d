import type { AttachmentBody, AttachmentView } from '@hotline/shared/contracts/attachments';
import type {
  ActionResponse,
  BulkActionBody,
  BulkActionResult,
  TicketExportBody,
  ChaseBody,
  ChaseLadderView,
  DispatchSuggestion,
  DispatchSuggestionList,
  DuplicateList,
  DuplicateQuery,
  IntakeBody,
  IntakeResponse,
  PublicEnquiryBody,
  PublicEnquiryResponse,
  PublicEnquiryStatus,
  TicketDetail,
  TicketList,
  TicketListQuery,
  TicketSummary,
} from '@hotline/shared/contracts/tickets';
import type { CategoryFlag, TicketType } from '@hotline/shared/domain/ticket-types';
import { download, http } from '../../app/http';
import type { ActionBodies, ConsoleAction } from './action-forms';
import { toQueryString } from '../../app/query-string';

/** Typed calls of the ticket API (工单); the server's Chinese error message is shown by the http client. */

/** Intake: the same Idempotency-Key always yields the same ticket, so a double click or a retry never makes two. */
export function createTicket(body: IntakeBody, idempotencyKey: string): Promise<IntakeResponse> {
  return http.post<IntakeResponse>('/api/tickets', body, {
    headers: { 'Idempotency-Key': idempotencyKey },
    fieldProblems: true,
  });
}

/** A body from a filter object: like toQueryString, undefined, null and empty strings are left out. */
function withoutEmpty(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

/** A search text (which may be a phone number) goes in a POST body, never in the URL; plain queue lists stay GETs. */
export function listTickets(query: TicketListQuery, signal?: AbortSignal): Promise<TicketList> {
  if (query.q) return http.post<TicketList>('/api/tickets/search', withoutEmpty({ ...query }), { signal });
  return http.get<TicketList>(`/api/tickets${toQueryString({ ...query })}`, { signal });
}

export function getTicket(id: string, signal?: AbortSignal): Promise<TicketDetail> {
  return http.get<TicketDetail>(`/api/tickets/${encodeURIComponent(id)}`, { signal, silent: true });
}

/** `options.silent`: the caller shows the server's refusal itself (e.g. inline on the desk) instead of a toast. */
export function runTicketAction<A extends ConsoleAction>(
  id: string,
  action: A,
  body: ActionBodies[A],
  options: { silent?: boolean } = {},
): Promise<ActionResponse> {
  // Fastify refuses an empty JSON body, so body-less actions (签收) send `{}`.
  return http.post<ActionResponse>(`/api/tickets/${encodeURIComponent(id)}/${action}`, body ?? {}, options);
}

export type { AttachmentView } from '@hotline/shared/contracts/attachments';

/** 信件扫描件: one file, base64 in JSON. Silent: the callers say which file failed, with the server's reason. */
export function uploadAttachment(ticketId: string, fileName: string, contentBase64: string): Promise<AttachmentView> {
  return http.post<AttachmentView>(
    `/api/tickets/${encodeURIComponent(ticketId)}/attachments`,
    { fileName, contentBase64 } satisfies AttachmentBody,
    { silent: true },
  );
}

export type DuplicateLookup = DuplicateQuery;

/** 重复件提示: open tickets with the same phone, address or matter in the last days. Failures stay quiet (a hint only). */
export async function findDuplicates(lookup: DuplicateLookup, signal?: AbortSignal): Promise<TicketSummary[]> {
  // POST: the caller's phone number stays out of URLs and access logs.
  const payload = await http.post<DuplicateList>('/api/tickets/duplicates', withoutEmpty({ ...lookup }), {
    signal,
    silent: true,
  });
  return payload.items;
}

export type DispatchSuggestionView = DispatchSuggestion;

export interface SuggestionLookup {
  matterId?: string;
  address?: string;
  type?: TicketType;
  categories?: CategoryFlag[];
}

/** 派单目录 suggestion for the department picker; a hint only, so failures stay quiet. */
export async function suggestDispatch(
  lookup: SuggestionLookup,
  signal?: AbortSignal,
): Promise<DispatchSuggestionView[]> {
  const payload = await http.get<DispatchSuggestionList>(
    `/api/dispatch-catalogue/suggest${toQueryString({
      matterId: lookup.matterId,
      address: lookup.address,
      type: lookup.type,
      // The catalogue matches one category flag; the first one the agent ticked is the most telling.
      category: lookup.categories?.[0],
    })}`,
    { signal, silent: true },
  );
  return payload.items;
}

// —— citizens' web form (no sign-in) ——
export function submitPublicEnquiry(body: PublicEnquiryBody): Promise<PublicEnquiryResponse> {
  return http.post<PublicEnquiryResponse>('/api/public/enquiries', body, { onUnauthorized: 'report' });
}

export function queryPublicEnquiry(number: string, code: string): Promise<PublicEnquiryStatus> {
  return http.get<PublicEnquiryStatus>(
    `/api/public/enquiries/${encodeURIComponent(number)}${toQueryString({ code })}`,
    { onUnauthorized: 'report' },
  );
}

/** 督催记录: 催办 / 督办单 / 通报 of one ticket (the hotline's view; units get 404). */
export function getChaseLadder(id: string, signal?: AbortSignal): Promise<ChaseLadderView> {
  return http.get<ChaseLadderView>(`/api/tickets/${encodeURIComponent(id)}/chase-ladder`, { signal, silent: true });
}

/** 催办 / 通报 by a lead's hand. */
export function issueChaseNotice(id: string, body: ChaseBody): Promise<ActionResponse> {
  return http.post<ActionResponse>(`/api/tickets/${encodeURIComponent(id)}/chase`, body);
}

/** 批量操作: one decision on several tickets; the result says per ticket what happened (failures in Chinese). */
export function runBulkAction(body: BulkActionBody): Promise<BulkActionResult> {
  return http.post<BulkActionResult>('/api/tickets/bulk', body);
}

/** The export's filter: the list's, without paging (the search text goes in the POST body, not the URL). */
export function exportFilter(query: TicketListQuery): TicketExportBody {
  const { status, departmentId, type, overdue, dueSoon, queue, q } = query;
  return withoutEmpty({ status, departmentId, type, overdue, dueSoon, queue, q }) as TicketExportBody;
}

/**
 * 导出: the list as an XLSX file (masked by the server, audited). Returns the file and how many tickets it holds; a
 * refusal carries the server's Chinese message.
 */
export async function exportTickets(query: TicketListQuery): Promise<{ blob: Blob; fileName: string; count: number }> {
  const { blob, headers } = await download('POST', '/api/tickets/export', { body: exportFilter(query), silent: true });
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(headers.get('content-disposition') ?? '')?.[1];
  return {
    blob,
    fileName: encoded ? decodeURIComponent(encoded) : 'tickets.xlsx',
    count: Number(headers.get('x-export-count') ?? 0),
  };
}
