import { Type, type Static } from 'typebox';
import { METRIC_COUNTERS, METRIC_DIMENSIONS, METRIC_KEYS } from '../domain/metrics.js';
import { Nullable, StringEnum, Uuid } from './common.js';
import { REPEAT_CALLER_LIMITS, SPIKE_DIMENSIONS } from '../domain/hotspots.js';
import { TIME_CLUSTER_KINDS, TOPIC_SIGNALS, type TopicSignal } from '../domain/hotspot-analysis.js';

/** 督办与考核 (supervision by the numbers): figures from the rollups, drill-downs, the 不满意 queue, rulings. */

export const METRIC_PERIODS = ['day', 'week', 'month'] as const;
export type MetricPeriod = (typeof METRIC_PERIODS)[number];
export const METRIC_PERIOD_LABELS: Record<MetricPeriod, string> = { day: '按日', week: '按周', month: '按月' };

export const METRIC_DIMENSION_LABELS: Record<(typeof METRIC_DIMENSIONS)[number], string> = {
  all: '全市',
  department: '承办单位',
  unit: '单位(街道并入区县)',
  agent: '话务员',
  channel: '渠道',
  type: '诉求类型',
  matter: '事项',
  area: '区域',
};

/** Longest range one query may cover: two years of days. */
export const MAX_RANGE_DAYS = 731;

const IsoDay = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  maxLength: 10,
  description: 'Shanghai date YYYY-MM-DD',
});

export const MetricsQuery = Type.Object({
  from: IsoDay,
  to: IsoDay,
  dim: Type.Optional(StringEnum(METRIC_DIMENSIONS)),
  /** Restrict to one value of the dimension (a department id, an agent id, a channel …). */
  key: Type.Optional(Type.String({ maxLength: 64 })),
});
export type MetricsQuery = Static<typeof MetricsQuery>;

const Rates = Type.Record(Type.String(), Nullable(Type.Number()));
const Counts = Type.Record(Type.String(), Type.Number());

export const MetricsRow = Type.Object({
  key: Type.String(),
  label: Type.String(),
  counts: Counts,
  metrics: Rates,
});
export const MetricsResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  dim: Type.String(),
  rows: Type.Array(MetricsRow),
});
export type MetricsResponse = Static<typeof MetricsResponse>;

export const TrendQuery = Type.Object({
  from: IsoDay,
  to: IsoDay,
  period: Type.Optional(StringEnum(METRIC_PERIODS)),
  dim: Type.Optional(StringEnum(METRIC_DIMENSIONS)),
  key: Type.Optional(Type.String({ maxLength: 64 })),
});
export type TrendQuery = Static<typeof TrendQuery>;
export const TrendResponse = Type.Object({
  period: Type.String(),
  points: Type.Array(Type.Object({ start: Type.String(), counts: Counts, metrics: Rates })),
});
export type TrendResponse = Static<typeof TrendResponse>;

export const DRILL_PARTS = ['numerator', 'denominator'] as const;
export const DrillQuery = Type.Object({
  from: IsoDay,
  to: IsoDay,
  metric: StringEnum(METRIC_KEYS),
  part: StringEnum(DRILL_PARTS),
  dim: Type.Optional(StringEnum(METRIC_DIMENSIONS)),
  key: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
});
export type DrillQuery = Static<typeof DrillQuery>;

export const DrillItem = Type.Object({
  counter: StringEnum(METRIC_COUNTERS),
  day: Type.String(),
  value: Type.Number(),
  ticketId: Nullable(Type.String()),
  ticketNumber: Nullable(Type.String()),
  title: Nullable(Type.String()),
  contactId: Nullable(Type.String()),
  refId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
});
export type DrillItem = Static<typeof DrillItem>;
export const DrillResponse = Type.Object({
  metric: Type.String(),
  part: Type.String(),
  /** Facts behind the figure: equals the rollup's count for the same range and cut. */
  total: Type.Integer(),
  items: Type.Array(DrillItem),
});
export type DrillResponse = Static<typeof DrillResponse>;

export const DissatisfactionQuery = Type.Object({
  from: IsoDay,
  to: IsoDay,
  departmentId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const DissatisfactionItem = Type.Object({
  callbackId: Type.String(),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  title: Type.String(),
  departmentName: Nullable(Type.String()),
  at: Type.String(),
  solved: Nullable(Type.Boolean()),
  /** The citizen's reason, as noted by the callback agent (回访记录). */
  callbackNote: Nullable(Type.String()),
  /** The unit's reply (办理反馈) the citizen rated. */
  unitReply: Nullable(Type.String()),
  ruling: Nullable(Type.Object({ unreasonable: Type.Boolean(), reason: Type.String(), ruledAt: Type.String() })),
});
export type DissatisfactionItem = Static<typeof DissatisfactionItem>;
export const DissatisfactionResponse = Type.Object({ items: Type.Array(DissatisfactionItem) });

export const RulingBody = Type.Object({
  unreasonable: Type.Boolean({ description: 'true: 不合理评价, excluded from 满意率' }),
  reason: Type.String({ minLength: 2, maxLength: 500 }),
});
export type RulingBody = Static<typeof RulingBody>;
export const RulingResponse = Type.Object({ id: Type.String(), unreasonable: Type.Boolean() });

// ── 考核 (department assessment) ──

export const MonthParams = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 }) });
export const MonthDeptParams = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 }),
  departmentId: Uuid,
});

export const AssessmentSchemeBody = Type.Object({
  weights: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 100 })),
  deductions: Type.Object({
    overdue: Type.Number({ minimum: 0, maximum: 100 }),
    improper_return: Type.Number({ minimum: 0, maximum: 100 }),
    reopened: Type.Number({ minimum: 0, maximum: 100 }),
    circular: Type.Number({ minimum: 0, maximum: 100 }),
    /** 知识库逾期未复核: per matter past its 复核日期 at the month's end. */
    kb_stale: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    /** 知识库纠错逾期未更正: per 纠错 still open past the grace days at the month's end. */
    kb_correction: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export const AssessmentSchemeResponse = Type.Object({
  version: Type.Integer(),
  scheme: Type.Object({
    weights: Type.Record(Type.String(), Type.Number()),
    deductions: Type.Record(Type.String(), Type.Number()),
  }),
});

export const ScoreLineSchema = Type.Object({
  kind: Type.String(),
  item: Type.String(),
  label: Type.String(),
  rate: Nullable(Type.Number()),
  count: Type.Number(),
  base: Nullable(Type.Number()),
  weight: Type.Number(),
  points: Type.Number(),
});
export const LeagueRowSchema = Type.Object({
  departmentId: Type.String(),
  name: Type.String(),
  tier: Type.String(),
  score: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  tierSize: Type.Integer(),
  lines: Type.Array(ScoreLineSchema),
});
export type LeagueRow = Static<typeof LeagueRowSchema>;
export const LeagueResponse = Type.Object({
  month: Type.String(),
  status: Type.String(),
  schemeVersion: Type.Integer(),
  rows: Type.Array(LeagueRowSchema),
});
export type LeagueResponse = Static<typeof LeagueResponse>;
export const ExplainResponse = Type.Object({
  departmentId: Type.String(),
  name: Type.String(),
  tier: Type.String(),
  score: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  tierSize: Type.Integer(),
  month: Type.String(),
  status: Type.String(),
  lines: Type.Array(ScoreLineSchema),
  /**
   * 知识库维护 of the month: matters, past 复核日期, 缺口 closed, 一次告知单 sent, and 纠错 — requested in the month,
   * made / rejected in the month, still open at the month's end, average hours from request to made.
   */
  kbUpkeep: Type.Object({
    matters: Type.Integer(),
    staleMatters: Type.Integer(),
    gapsResolved: Type.Integer(),
    noticesSent: Type.Integer(),
    correctionsRequested: Type.Integer(),
    correctionsMade: Type.Integer(),
    correctionsRejected: Type.Integer(),
    correctionsOpen: Type.Integer(),
    correctionHoursToFix: Nullable(Type.Number()),
  }),
  tickets: Type.Array(
    Type.Object({
      item: Type.String(),
      day: Type.String(),
      ticketId: Type.String(),
      ticketNumber: Type.String(),
      title: Type.String(),
      refId: Type.String(),
      dispute: Nullable(Type.String()),
    }),
  ),
});
export type ExplainResponse = Static<typeof ExplainResponse>;

export const DISPUTE_KINDS = ['rating', 'overdue', 'improper_return', 'reopened'] as const;
export const DISPUTE_KIND_LABELS: Record<(typeof DISPUTE_KINDS)[number], string> = {
  rating: '不满意评价',
  overdue: '超期扣分',
  improper_return: '不当退单扣分',
  reopened: '重办扣分',
};
export const DISPUTE_STATUS_LABELS: Record<string, string> = {
  pending: '待裁定',
  upheld: '申诉成立',
  rejected: '申诉驳回',
};
export const DisputeBody = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7 }),
  kind: StringEnum(DISPUTE_KINDS),
  refId: Uuid,
  evidence: Type.String({ minLength: 4, maxLength: 2000 }),
});
export const DisputeRulingBody = Type.Object({
  upheld: Type.Boolean(),
  note: Type.String({ minLength: 2, maxLength: 1000 }),
});
export const ReopenMonthBody = Type.Object({ reason: Type.String({ minLength: 2, maxLength: 500 }) });
export const DisputeState = Type.Object({ id: Type.String(), status: Type.String() });
export const DisputeList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      refId: Type.String(),
      ticketNumber: Nullable(Type.String()),
      departmentId: Type.String(),
      departmentName: Type.String(),
      evidence: Type.String(),
      status: Type.String(),
      filedAt: Type.String(),
      rulingNote: Nullable(Type.String()),
    }),
  ),
});
export const MonthState = Type.Object({ month: Type.String(), status: Type.String() });

// ── 督办看板 and 热点 ──
const BoardOrder = Type.Object({
  id: Type.String(),
  level: Type.String(),
  instruction: Type.String(),
  dueAt: Nullable(Type.String()),
  ticketId: Type.String(),
  ticketNumber: Type.String(),
  title: Type.String(),
  departmentName: Nullable(Type.String()),
});
export const BoardResponse = Type.Object({
  byUnit: Type.Array(
    Type.Object({ departmentId: Type.String(), name: Type.String(), overdue: Type.Integer(), dueSoon: Type.Integer() }),
  ),
  orders: Type.Array(BoardOrder),
  instructed: Type.Array(BoardOrder),
  reopened: Type.Array(
    Type.Object({
      ticketId: Type.String(),
      ticketNumber: Type.String(),
      title: Type.String(),
      departmentName: Type.String(),
      round: Type.Integer(),
      dispatchedAt: Type.String(),
    }),
  ),
  circulars: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.String(),
      ticketId: Type.String(),
      departmentId: Type.String(),
      text: Type.String(),
      issuedAt: Type.String(),
    }),
  ),
});
export type BoardResponse = Static<typeof BoardResponse>;
export const UrgeBody = Type.Object({ ticketId: Uuid, text: Type.String({ minLength: 2, maxLength: 200 }) });
export const UrgeResponse = Type.Object({
  outboxId: Type.String(),
  noticeId: Type.String(),
  /** 催办单 number, CB-YYYYMMDD-NNNN (the dispatch module's sequence). */
  number: Type.String(),
});
export const RisingQuery = Type.Object({ dim: Type.Optional(StringEnum(['matter', 'area'] as const)) });
export const RisingResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      thisWeek: Type.Number(),
      weeklyAverage: Type.Number(),
      growth: Nullable(Type.Number()),
    }),
  ),
});
export type RisingResponse = Static<typeof RisingResponse>;

// ── 报表 (reports) ──
export const ReportRequestBody = Type.Object({
  kind: StringEnum(['daily', 'weekly', 'monthly'] as const),
  date: IsoDay,
});
export const ReportState = Type.Object({
  id: Type.String(),
  status: Type.String(),
  kind: Type.String(),
  from: Type.String(),
  to: Type.String(),
});
export const ReportList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      from: Type.String(),
      to: Type.String(),
      status: Type.String(),
      rows: Nullable(Type.Number()),
      createdAt: Type.String(),
    }),
  ),
});

/** 突增预警 (15-minute spike alerts) and 重复来电 (repeat callers) for the hot-spot card. */
export const SpikeAlert = Type.Object({
  id: Type.String(),
  dim: StringEnum(SPIKE_DIMENSIONS),
  key: Type.String(),
  label: Type.String(),
  count: Type.Number(),
  baseline: Type.Number(),
  windowStart: Type.String(),
  windowEnd: Type.String(),
});
export const SpikeAlertsResponse = Type.Object({ items: Type.Array(SpikeAlert) });
export const RepeatCallersQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: REPEAT_CALLER_LIMITS.maxDays })),
  minimum: Type.Optional(Type.Integer({ minimum: 2, maximum: 100 })),
});
export const RepeatCallersResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      /** Masked, e.g. 139****1111: the number itself never leaves the server. */
      maskedPhone: Type.String(),
      calls: Type.Integer(),
      tickets: Type.Integer(),
      lastAt: Type.String(),
      ticketNumbers: Type.Array(Type.String()),
    }),
  ),
});
export type SpikeAlertItem = Static<typeof SpikeAlert>;
export type RepeatCallerItem = Static<typeof RepeatCallersResponse>['items'][number];
export type SpikeAlertsResponse = Static<typeof SpikeAlertsResponse>;
export type RepeatCallersResponse = Static<typeof RepeatCallersResponse>;

// ── 每月一题 candidates, 时间聚集, 突增预警阈值 ──
export { SpikeRules } from '../domain/hotspots.js';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', maxLength: 7, description: 'YYYY-MM' });
export const TopicMonthQuery = Type.Object({ month: Month });
const SignalValue = Type.Object({
  value: Type.Number(),
  base: Nullable(Type.Number()),
  ranked: Type.Number(),
  rank: Type.Integer(),
});
export const TopicCandidate = Type.Object({
  key: Type.String(),
  label: Type.String(),
  /** Mean percentile rank over the signals, 0–100. */
  score: Type.Number(),
  signals: Type.Object(
    Object.fromEntries(TOPIC_SIGNALS.map((s) => [s, SignalValue])) as Record<TopicSignal, typeof SignalValue>,
  ),
  sampleTickets: Type.Array(Type.Object({ ticketId: Type.String(), number: Type.String(), title: Type.String() })),
  picked: Type.Boolean(),
});
export type TopicCandidate = Static<typeof TopicCandidate>;
export const TopicCandidatesResponse = Type.Object({
  month: Type.String(),
  /** How many problems the month had (all were ranked; the list shows the top). */
  problems: Type.Integer(),
  signals: Type.Array(StringEnum(TOPIC_SIGNALS)),
  items: Type.Array(TopicCandidate),
});
export type TopicCandidatesResponse = Static<typeof TopicCandidatesResponse>;
export const PickTopicBody = Type.Object({
  month: Month,
  key: Type.String({ minLength: 3, maxLength: 120 }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});
export const PickTopicResponse = Type.Object({
  id: Type.String(),
  month: Type.String(),
  key: Type.String(),
  label: Type.String(),
});
export const PickedTopicsResponse = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      key: Type.String(),
      label: Type.String(),
      note: Nullable(Type.String()),
      score: Type.Number(),
      pickedAt: Type.String(),
      pickedBy: Nullable(Type.String()),
    }),
  ),
});
export type PickedTopicsResponse = Static<typeof PickedTopicsResponse>;

export const TIME_CLUSTER_LIMITS = { defaultDays: 28, minDays: 7, maxDays: 90, listSize: 30 } as const;
export const TimeClustersQuery = Type.Object({
  days: Type.Optional(Type.Integer({ minimum: TIME_CLUSTER_LIMITS.minDays, maximum: TIME_CLUSTER_LIMITS.maxDays })),
});
export const TimeCluster = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: StringEnum(TIME_CLUSTER_KINDS),
  /** First slot: hour 0–23, weekday 0 (Monday)–6, or the day's index in the period. */
  start: Type.Integer(),
  width: Type.Integer(),
  firstDay: Nullable(Type.String()),
  lastDay: Nullable(Type.String()),
  /** This problem's tickets in the window, of `total`. */
  observed: Type.Integer(),
  total: Type.Integer(),
  /** What the window would hold at the hotline's overall rhythm. */
  expected: Type.Number(),
  g: Type.Number(),
});
export type TimeCluster = Static<typeof TimeCluster>;
export const TimeClustersResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  problems: Type.Integer(),
  /** The G a window had to reach (χ²(1), α = 0.001 Bonferroni-corrected over all windows tried). */
  threshold: Type.Number(),
  items: Type.Array(TimeCluster),
});
export type TimeClustersResponse = Static<typeof TimeClustersResponse>;
