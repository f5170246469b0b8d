import type {
  AttachNoticeBody,
  BundleBody,
  BundleList,
  BundleView,
  CorrectionList,
  CorrectionStatus,
  CorrectionView,
  CreateMatterBody,
  GapList,
  MatterDetail,
  MatterList,
  NoMatchingMatterResponse,
  NoticeList,
  UpdateDraftBody,
  NoticePreview,
  NoticeSelection,
  NoticeView,
  OutboxList,
  PublicNotice,
  ResolveCorrectionBody,
  SearchResponse,
  SynonymGroup,
  SynonymList,
  VersionHistory,
} from '@hotline/shared/contracts/knowledge';
import type { IdResponse, OkResponse } from '@hotline/shared/contracts/common';
import { http } from '../../app/http';
import { toQueryString } from '../../app/query-string';

/** Typed calls of the knowledge base (知识库) and 一次告知 API. */

export function searchKnowledge(q: string, signal?: AbortSignal): Promise<SearchResponse> {
  return http.get<SearchResponse>(`/api/knowledge/search?q=${encodeURIComponent(q)}&limit=10`, { signal });
}

export function previewNotice(selection: NoticeSelection): Promise<NoticePreview> {
  return http.post<NoticePreview>('/api/knowledge/notices/preview', selection);
}

export function attachNotice(ticketId: string, body: AttachNoticeBody): Promise<NoticeView> {
  return http.post<NoticeView>(`/api/tickets/${encodeURIComponent(ticketId)}/notice`, body);
}

/** The notices given on a ticket, newest first, with their SMS delivery. */
export function listTicketNotices(ticketId: string): Promise<NoticeList> {
  return http.get<NoticeList>(`/api/tickets/${encodeURIComponent(ticketId)}/notices`, { silent: true });
}

export function getNotice(id: string): Promise<NoticeView> {
  return http.get<NoticeView>(`/api/knowledge/notices/${encodeURIComponent(id)}`, { silent: true });
}

export function markNoMatchingMatter(ticketId: string, question: string): Promise<NoMatchingMatterResponse> {
  return http.post<NoMatchingMatterResponse>(`/api/tickets/${encodeURIComponent(ticketId)}/no-matching-matter`, {
    question,
  });
}

export function reportSearchMiss(question: string): Promise<IdResponse> {
  return http.post<IdResponse>('/api/knowledge/gaps/search-miss', { question });
}

export function getPublicNotice(token: string): Promise<PublicNotice> {
  return http.get<PublicNotice>(`/api/public/notices/${encodeURIComponent(token)}`, { silent: true });
}

export function listMatters(query: {
  q?: string;
  stale?: boolean;
  limit?: number;
  offset?: number;
}): Promise<MatterList> {
  const params = { q: query.q, stale: query.stale || undefined, limit: query.limit ?? 50, offset: query.offset ?? 0 };
  return http.get<MatterList>(`/api/knowledge/matters${toQueryString(params)}`);
}

export function listStale(): Promise<MatterList> {
  return http.get<MatterList>('/api/knowledge/stale');
}

export function getMatter(id: string): Promise<MatterDetail> {
  return http.get<MatterDetail>(`/api/knowledge/matters/${encodeURIComponent(id)}`);
}

/** The editor shows a 400's validation problems on its fields (`fieldProblems`), so they are not toasted. */
export function createMatter(body: CreateMatterBody): Promise<MatterDetail> {
  return http.post<MatterDetail>('/api/knowledge/matters', body, { fieldProblems: true });
}

export function saveDraft(id: string, body: UpdateDraftBody): Promise<MatterDetail> {
  return http.put<MatterDetail>(`/api/knowledge/matters/${encodeURIComponent(id)}/draft`, body, {
    fieldProblems: true,
  });
}

export function submitForReview(id: string): Promise<MatterDetail> {
  return http.post<MatterDetail>(`/api/knowledge/matters/${encodeURIComponent(id)}/submit`);
}

export function reviewMatter(id: string, approve: boolean, comment?: string): Promise<MatterDetail> {
  return http.post<MatterDetail>(`/api/knowledge/matters/${encodeURIComponent(id)}/review`, { approve, comment });
}

export function setReviewDue(id: string, reviewDueOn: string): Promise<MatterDetail> {
  return http.put<MatterDetail>(`/api/knowledge/matters/${encodeURIComponent(id)}/review-due`, { reviewDueOn });
}

export function listVersions(id: string): Promise<VersionHistory> {
  return http.get<VersionHistory>(`/api/knowledge/matters/${encodeURIComponent(id)}/versions`);
}

export function listBundles(): Promise<BundleList> {
  return http.get<BundleList>('/api/knowledge/bundles');
}

export function saveBundle(id: string | null, body: BundleBody): Promise<BundleView> {
  return id
    ? http.put<BundleView>(`/api/knowledge/bundles/${encodeURIComponent(id)}`, body)
    : http.post<BundleView>('/api/knowledge/bundles', body);
}

export function listSynonyms(): Promise<SynonymList> {
  return http.get<SynonymList>('/api/knowledge/synonyms');
}

export function saveSynonyms(id: string | null, terms: string[]): Promise<SynonymGroup> {
  return id
    ? http.put<SynonymGroup>(`/api/knowledge/synonyms/${encodeURIComponent(id)}`, { terms })
    : http.post<SynonymGroup>('/api/knowledge/synonyms', { terms });
}

export function deleteSynonyms(id: string): Promise<OkResponse> {
  return http.delete<OkResponse>(`/api/knowledge/synonyms/${encodeURIComponent(id)}`);
}

export function listGaps(open = true): Promise<GapList> {
  return http.get<GapList>(`/api/knowledge/gaps?open=${open}`);
}

export function resolveGap(id: string, matterId?: string): Promise<OkResponse> {
  return http.post<OkResponse>(`/api/knowledge/gaps/${encodeURIComponent(id)}/resolve`, matterId ? { matterId } : {});
}

export function listOutbox(): Promise<OutboxList> {
  return http.get<OutboxList>('/api/notifications/outbox');
}

/** 纠错: flag a matter (or the notice rendered from it) as wrong or out of date. */
export function requestCorrection(matterId: string, reason: string, noticeId?: string): Promise<CorrectionView> {
  return http.post<CorrectionView>(`/api/knowledge/matters/${encodeURIComponent(matterId)}/corrections`, {
    reason,
    ...(noticeId ? { noticeId } : {}),
  });
}

export function listCorrections(status?: CorrectionStatus): Promise<CorrectionList> {
  return http.get<CorrectionList>(`/api/knowledge/corrections${toQueryString({ status })}`);
}

export function resolveCorrection(id: string, body: ResolveCorrectionBody): Promise<CorrectionView> {
  return http.post<CorrectionView>(`/api/knowledge/corrections/${encodeURIComponent(id)}/resolve`, body);
}
