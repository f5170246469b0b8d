import type {
  DirectDispatchResult,
  DispatchModelStatus,
  DispatchSuggestionBody,
  DispatchSuggestionResult,
  DuplicateCandidateList,
  HistoryImportProgress,
  HistoryImportResult,
  IntelligenceSettings,
  SuggestionAcceptanceReport,
} from '@hotline/shared/contracts/intelligence';
import { http } from '../../app/http';

/** Suggestions are hints: failures stay quiet (no error toast while the agent types). */
export function fetchDispatchSuggestions(body: DispatchSuggestionBody, signal?: AbortSignal) {
  return http.post<DispatchSuggestionResult>('/api/dispatch/suggestions', body, { silent: true, signal });
}

export function probeDuplicates(body: { content: string; address?: string }, signal?: AbortSignal) {
  return http.post<DuplicateCandidateList>('/api/intelligence/duplicate-probe', body, { silent: true, signal });
}

/** The dispatch dialog's suggestions, computed by the server from the stored ticket. */
export function fetchTicketSuggestions(ticketId: string) {
  return http.get<DispatchSuggestionResult>(`/api/tickets/${ticketId}/dispatch-suggestions`, { silent: true });
}

/** 直派 of one ticket: the server re-checks the policy; its Chinese refusal is shown by the http client. */
export function directDispatch(ticketId: string, modelVersion: number | null) {
  return http.post<DirectDispatchResult>(`/api/tickets/${ticketId}/direct-dispatch`, { modelVersion });
}

/** The merge dialog's candidates: open tickets that are likely the same incident. */
export function fetchDuplicateCandidates(ticketId: string) {
  return http.get<DuplicateCandidateList>(`/api/tickets/${ticketId}/duplicate-candidates`, { silent: true });
}

export function getAcceptanceReport() {
  return http.get<SuggestionAcceptanceReport>('/api/intelligence/suggestion-acceptance');
}

export function getIntelligenceSettings() {
  return http.get<IntelligenceSettings>('/api/admin/intelligence/settings');
}

export function saveIntelligenceSettings(settings: IntelligenceSettings) {
  return http.put<IntelligenceSettings>('/api/admin/intelligence/settings', settings);
}

export function getImportProgress(importId: string) {
  return http.get<HistoryImportProgress>(`/api/admin/history/imports/${importId}`, { silent: true });
}

export function getDispatchModel() {
  return http.get<DispatchModelStatus>('/api/admin/dispatch-model');
}

export function trainDispatchModel() {
  return http.post<{ jobId: string }>('/api/admin/dispatch-model/train');
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads the file as the request body (the server streams it); XHR for the upload progress. */
export function uploadHistory(
  file: File,
  onProgress: (percent: number) => void,
  importId?: string,
): Promise<HistoryImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/admin/history/import${importId ? `?importId=${importId}` : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      let payload: unknown = null;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = null;
      }
      if (xhr.status === 200) resolve(payload as HistoryImportResult);
      else reject(new Error((payload as { message?: string } | null)?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

/** The file picked in an `<input type="file">` change event. */
export function pickedFile(event: { target: unknown }): File | null {
  return (event.target as HTMLInputElement | null)?.files?.[0] ?? null;
}
export type PickedFile = File;

/** Calls `tick` every `ms` until stopped (the model page while a training run is queued). */
export function startPolling(tick: () => void, ms: number): () => void {
  const handle = setInterval(tick, ms);
  return () => clearInterval(handle);
}
