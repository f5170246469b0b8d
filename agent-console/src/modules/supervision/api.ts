import type {
  BoardResponse,
  DissatisfactionItem,
  ExplainResponse,
  LeagueResponse,
  MetricsResponse,
  RepeatCallersResponse,
  RisingResponse,
  SpikeAlertsResponse,
  SpikeRules,
  TimeClustersResponse,
  TopicCandidatesResponse,
  TrendResponse,
} from '@hotline/shared/contracts/supervision';
import { http } from '../../app/http';
import { toQueryString } from '../../app/query-string';

/** 督办与考核: figures and trends from the rollups, the 不满意 queue, the board, the league table, hot spots. */
export const supervisionApi = {
  figures: (from: string, to: string) =>
    http.get<MetricsResponse>(`/api/supervision/metrics${toQueryString({ from, to })}`),
  trend: (from: string, to: string) =>
    http.get<TrendResponse>(`/api/supervision/metrics/trend${toQueryString({ from, to, period: 'day' })}`),
  dissatisfied: (from: string, to: string) =>
    http.get<{ items: DissatisfactionItem[] }>(
      `/api/supervision/dissatisfied${toQueryString({ from, to, limit: 20 })}`,
    ),
  board: () => http.get<BoardResponse>('/api/supervision/board'),
  league: (month: string) => http.get<LeagueResponse>(`/api/assessment/${month}/league`),
  explain: (month: string, departmentId: string) =>
    http.get<ExplainResponse>(`/api/assessment/${month}/departments/${departmentId}/explain`),
  reports: () =>
    http.get<{ items: { id: string; kind: string; from: string; to: string; status: string; rows: number | null }[] }>(
      '/api/supervision/reports',
    ),
  requestReport: (kind: 'daily' | 'weekly' | 'monthly', date: string) =>
    http.post<{ id: string }>('/api/supervision/reports', { kind, date }),
  rising: () => http.get<RisingResponse>('/api/supervision/hotspots/rising?dim=matter'),
  spikes: () => http.get<SpikeAlertsResponse>('/api/supervision/hotspots/spikes'),
  repeatCallers: () => http.get<RepeatCallersResponse>('/api/supervision/hotspots/repeat-callers'),
};

/** 热点分析: 每月一题 candidates and picks, time clusters, the spike thresholds (admin edits). */
export const hotspotAnalysisApi = {
  candidates: (month: string) =>
    http.get<TopicCandidatesResponse>(`/api/supervision/hotspots/topic-candidates${toQueryString({ month })}`),
  pick: (month: string, key: string) =>
    http.post<{ id: string }>('/api/supervision/hotspots/monthly-topics', { month, key }),
  clusters: () => http.get<TimeClustersResponse>('/api/supervision/hotspots/time-clusters'),
  spikeRules: () => http.get<SpikeRules>('/api/supervision/hotspots/spike-rules'),
  saveSpikeRules: (rules: SpikeRules) => http.put<SpikeRules>('/api/supervision/hotspots/spike-rules', rules),
};
