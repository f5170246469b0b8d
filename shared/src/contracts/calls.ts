import { Type, type Static } from 'typebox';
import { AGENT_CHOSEN_BREAK_REASONS, AGENT_STATES, BREAK_REASONS } from '../domain/agent-states.js';
import {
  CONTACT_CHANNELS,
  CONTACT_STATES,
  PRIORITY_CLASSES,
  SKILL_GROUPS,
  type RoutingPolicy,
} from '../domain/routing-policy.js';
import { EMERGENCY_LINES } from '../domain/ticket-types.js';
import { OUTBOUND_OUTCOMES } from '../domain/outbound-call.js';
import { Nullable, StringEnum, Uuid } from './common.js';
import { SURVEY_OUTCOMES } from './telephony.js';
import { PhoneString } from './tickets.js';

/**
 * Routing (ACD), agent presence, the telephony event API and the wallboard. The phone system (Kamailio, the next
 * issue) codes against the telephony names: keep them, add freely.
 */

const ExternalId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._@\\-]{1,100}$' });

// ── Telephony event API (CSTA-like) ─────────────────────────────────────────────────────────────────────────────

export const TELEPHONY_EVENT_TYPES = [
  'delivered',
  'established',
  'cleared',
  'abandoned',
  'transferred',
  'held',
  'retrieved',
] as const;
export type TelephonyEventType = (typeof TELEPHONY_EVENT_TYPES)[number];

export const HANG_UP_SIDES = ['caller', 'agent'] as const;

/** What rtpengine reports at the end of a call: RTP packets per leg, errors, and MOS/loss/jitter when RTCP gave them. */
export const CallMediaReport = Type.Object({
  callerPackets: Type.Optional(Type.Integer({ minimum: 0 })),
  agentPackets: Type.Optional(Type.Integer({ minimum: 0 })),
  rtpErrors: Type.Optional(Type.Integer({ minimum: 0 })),
  /** rtpengine's average MOS ×10 (e.g. 43 = 4.3), from RTCP; absent when no RTCP arrived. */
  mosX10: Type.Optional(Type.Integer({ minimum: 10, maximum: 50 })),
  packetLossPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  jitterMs: Type.Optional(Type.Number({ minimum: 0, maximum: 10000 })),
});
export type CallMediaReport = Static<typeof CallMediaReport>;

export const TelephonyEventBody = Type.Object({
  /** Unique per event: a retried event with the same id is acknowledged and ignored. */
  eventId: ExternalId,
  type: StringEnum(TELEPHONY_EVENT_TYPES),
  /** The phone system's call id (Call-ID / channel uuid). */
  callId: ExternalId,
  callerNumber: Type.Optional(PhoneString),
  /** delivered: the queue the IVR chose (default general). */
  skillGroup: Type.Optional(StringEnum(SKILL_GROUPS)),
  /** delivered: the digits the caller pressed in the IVR; '9' asks for the green channel. */
  ivrDigits: Type.Optional(Type.String({ maxLength: 20, pattern: '^[0-9*#]{0,20}$' })),
  /** delivered: 绿色通道 from the caller's profile (70+, disabled, pregnant). */
  greenChannel: Type.Optional(Type.Boolean()),
  /** transferred: the emergency line the call comes back from (转回): it then jumps the queue. */
  transferredFrom: Type.Optional(StringEnum(EMERGENCY_LINES)),
  /** abandoned: the caller accepted the callback offer instead of waiting on. */
  callbackRequested: Type.Optional(Type.Boolean()),
  /** When the event happened at the phone system (informational; the server clock decides). */
  at: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
  /** cleared: who hung up first; the agent hanging up first may hand the caller to the satisfaction survey. */
  hungUpBy: Type.Optional(StringEnum(HANG_UP_SIDES)),
  /** cleared: the media anchor's (rtpengine) figures for the call, for the call record (话单). */
  media: Type.Optional(CallMediaReport),
  /** transferred: the user part of the Refer-To (a department's number, 110/119/120/122, an agent). */
  target: Type.Optional(Type.String({ maxLength: 100, pattern: '^[A-Za-z0-9._+\\-]{1,100}$' })),
});
export type TelephonyEventBody = Static<typeof TelephonyEventBody>;

export const TelephonyEventResult = Type.Object({
  eventId: Type.String(),
  /** True when this event id was already processed; nothing was changed. */
  duplicate: Type.Boolean(),
  contactId: Nullable(Type.String()),
  outcome: Type.String({ description: 'what the event did, e.g. queued, connected, ended, ignored' }),
  /** cleared by the agent: true when the caller is to hear the satisfaction survey (一次一评). */
  survey: Type.Optional(Type.Boolean()),
});
export type TelephonyEventResult = Static<typeof TelephonyEventResult>;

export const CallbackOfferList = Type.Object({
  items: Type.Array(Type.Object({ callId: Type.String(), contactId: Type.String(), waitingSeconds: Type.Integer() })),
});
export type CallbackOfferList = Static<typeof CallbackOfferList>;

// ── Work items entered by the hotline (web enquiries, letters) ────────────────────────────────────────────────

export const EnqueueContactBody = Type.Object({
  channel: StringEnum(['web', 'letter'] as const),
  callerNumber: Type.Optional(PhoneString),
  skillGroup: Type.Optional(StringEnum(SKILL_GROUPS)),
  greenChannel: Type.Optional(Type.Boolean()),
  /** The web enquiry or letter this work item is about (e.g. a ticket number). */
  reference: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});
export type EnqueueContactBody = Static<typeof EnqueueContactBody>;

// ── Agent desk ───────────────────────────────────────────────────────────────────────────────────────────────

export const SetAgentStateBody = Type.Object({
  state: StringEnum(['ready', 'break', 'offline'] as const),
  reason: Type.Optional(StringEnum(AGENT_CHOSEN_BREAK_REASONS)),
});
export type SetAgentStateBody = Static<typeof SetAgentStateBody>;

export const AgentPresenceView = Type.Object({
  agentId: Type.String(),
  state: StringEnum(AGENT_STATES),
  reason: Nullable(StringEnum(BREAK_REASONS)),
  since: Type.String({ format: 'date-time' }),
  contactId: Nullable(Type.String()),
});
export type AgentPresenceView = Static<typeof AgentPresenceView>;

export const TicketSummary = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  createdAt: Type.String(),
  confidential: Type.Boolean(),
});
export type TicketSummary = Static<typeof TicketSummary>;

/** 来电弹屏: what the offered agent sees. The number is masked; only the offered agent's user room receives it. */
export const ScreenPop = Type.Object({
  contactId: Type.String(),
  channel: StringEnum(CONTACT_CHANNELS),
  callerNumberMasked: Nullable(Type.String()),
  priority: StringEnum(PRIORITY_CLASSES),
  greenChannel: Type.Boolean(),
  skillGroup: StringEnum(SKILL_GROUPS),
  reference: Nullable(Type.String()),
  enqueuedAt: Type.String(),
  /** The offer rings until then (振铃超时). */
  ringDeadline: Type.String(),
  /** The caller's earlier tickets (newest first) and the open ones among them. */
  previousTickets: Type.Array(TicketSummary),
  openTickets: Type.Array(TicketSummary),
  /** Any earlier ticket of this caller is confidential (保密): handle identity with care. */
  confidential: Type.Boolean(),
  /** 重复来电: an earlier ticket, open or finished, within REPEAT_CALLER_RULE.windowDays (shared/domain/caller-history). */
  repeatCaller: Type.Optional(Type.Boolean()),
});
export type ScreenPop = Static<typeof ScreenPop>;

/** 重复来电 lookup of the intake form: the number the agent typed (in the body, never in a URL). */
export const CallerHistoryBody = Type.Object({ phone: PhoneString }, { additionalProperties: false });
export type CallerHistoryBody = Static<typeof CallerHistoryBody>;

/** The caller's tickets of the window, open and finished, newest first. */
export const CallerHistory = Type.Object({
  repeatCaller: Type.Boolean(),
  windowDays: Type.Integer(),
  /** Tickets of the number created within the window … */
  total: Type.Integer(),
  /** … of which finished (直接答复, 办结, 不予受理 …). */
  finished: Type.Integer(),
  items: Type.Array(TicketSummary),
});
export type CallerHistory = Static<typeof CallerHistory>;

export const DeskStatus = Type.Object({
  presence: AgentPresenceView,
  /** The offer ringing or the contact in progress, if any. */
  current: Nullable(Type.Intersect([ScreenPop, Type.Object({ state: StringEnum(CONTACT_STATES) })])),
  policy: Type.Object({ ringSeconds: Type.Integer(), wrapUpSeconds: Type.Integer() }),
});
export type DeskStatus = Static<typeof DeskStatus>;

export const ContactIdParams = Type.Object({ contactId: Uuid });

// ── Wallboard (监控大屏) ────────────────────────────────────────────────────────────────────────────────────────

export const QueueStats = Type.Object({
  skillGroup: StringEnum(SKILL_GROUPS),
  waiting: Type.Integer(),
  longestWaitSeconds: Type.Integer(),
  /** Contacts that entered the queue today (进线量). */
  offered: Type.Integer(),
  answered: Type.Integer(),
  abandoned: Type.Integer(),
  /** 15秒接通率 today, null when nothing was answered. */
  answeredWithin15sRate: Nullable(Type.Number()),
  averageWaitSeconds: Nullable(Type.Number()),
  averageTalkSeconds: Nullable(Type.Number()),
});
export type QueueStats = Static<typeof QueueStats>;

export const WallboardAgent = Type.Object({
  agentId: Type.String(),
  displayName: Type.String(),
  state: StringEnum(AGENT_STATES),
  reason: Nullable(StringEnum(BREAK_REASONS)),
  secondsInState: Type.Integer(),
});
export type WallboardAgent = Static<typeof WallboardAgent>;

export const WallboardContact = Type.Object({
  contactId: Type.String(),
  channel: StringEnum(CONTACT_CHANNELS),
  callerNumberMasked: Nullable(Type.String()),
  priority: StringEnum(PRIORITY_CLASSES),
  skillGroup: StringEnum(SKILL_GROUPS),
  state: StringEnum(CONTACT_STATES),
  agentId: Nullable(Type.String()),
  agentName: Nullable(Type.String()),
  enqueuedAt: Type.String(),
  waitingSeconds: Type.Integer(),
});
export type WallboardContact = Static<typeof WallboardContact>;

export const ServiceLevelPoint = Type.Object({
  /** Start of the half hour (Asia/Shanghai), ISO instant. */
  at: Type.String(),
  answered: Type.Integer(),
  rate: Nullable(Type.Number()),
});
export type ServiceLevelPoint = Static<typeof ServiceLevelPoint>;

export const WallboardSnapshot = Type.Object({
  at: Type.String(),
  queues: Type.Array(QueueStats),
  agents: Type.Array(WallboardAgent),
  contacts: Type.Array(WallboardContact),
  serviceLevelTrend: Type.Array(ServiceLevelPoint),
});
export type WallboardSnapshot = Static<typeof WallboardSnapshot>;

export const AssignContactBody = Type.Object({
  /** The agent to give the contact to; omitted = the lead picks it up themselves (代接). */
  agentId: Type.Optional(Uuid),
});
export type AssignContactBody = Static<typeof AssignContactBody>;

// ── Skills and policy (lead / admin) ──────────────────────────────────────────────────────────────────────────

export const AgentSkillsBody = Type.Object({
  skills: Type.Array(
    Type.Object({ skill: StringEnum(SKILL_GROUPS), level: Type.Integer({ minimum: 1, maximum: 5 }) }),
    { maxItems: SKILL_GROUPS.length, uniqueItems: true },
  ),
});
export type AgentSkillsBody = Static<typeof AgentSkillsBody>;

/** One agent or lead on the skills page (技能配置): who, what they are doing now, what they can take. */
export const HotlineAgentView = Type.Object({
  agentId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: StringEnum(['agent', 'lead'] as const),
  state: StringEnum(AGENT_STATES),
  reason: Nullable(StringEnum(BREAK_REASONS)),
  skills: AgentSkillsBody.properties.skills,
});
export type HotlineAgentView = Static<typeof HotlineAgentView>;

export const HotlineAgentList = Type.Object({ items: Type.Array(HotlineAgentView) });
export type HotlineAgentList = Static<typeof HotlineAgentList>;

export const RoutingPolicyBody = Type.Object({
  tierMinLevels: Type.Array(Type.Integer({ minimum: 1, maximum: 5 }), { minItems: 1, maxItems: 5 }),
  tierOverflowSeconds: Type.Array(Type.Integer({ minimum: 0, maximum: 3600 }), { minItems: 1, maxItems: 5 }),
  ringSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  wrapUpSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  callbackOfferSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
  disconnectGraceSeconds: Type.Integer({ minimum: 1, maximum: 3600 }),
});
export type RoutingPolicyBody = Static<typeof RoutingPolicyBody> & RoutingPolicy;

/** `POST /api/calls/contacts`: the queued contact. */
export const EnqueuedContact = Type.Object({ contactId: Type.String() });
export type EnqueuedContact = Static<typeof EnqueuedContact>;

/** The caller of a contact, for intake (viewing it is audited). */
export const CallerDetails = Type.Object({
  contactId: Type.String(),
  callerNumber: Nullable(Type.String()),
  greenChannel: Type.Boolean(),
  channel: Type.String(),
  /** The phone system's call id: the intake sends it so the ticket records the call it came from. */
  callId: Nullable(Type.String()),
});
export type CallerDetails = Static<typeof CallerDetails>;

/** 一键外呼 of a 漏接回拨 task: the number goes to the agent's softphone only (never in a URL or a log). */
export const DialDetails = Type.Object({
  outboundCallId: Type.String(),
  contactId: Type.String(),
  number: Type.String(),
  /** The caller id the proxy presents (12345). */
  callerId: Type.String(),
});
export type DialDetails = Static<typeof DialDetails>;

export const AgentSkillList = Type.Object({ skills: AgentSkillsBody.properties.skills });
export type AgentSkillList = Static<typeof AgentSkillList>;

/** What rebuilding the queue and presence from the database restored. */
export const RebuildReport = Type.Object({
  agentsRestored: Type.Integer(),
  contactsRequeued: Type.Integer(),
  offersRecovered: Type.Integer(),
});
export type RebuildReport = Static<typeof RebuildReport>;

// ── Call record (话单) ───────────────────────────────────────────────────────────────────────────────────────

/** One call's record as leads (and the agent who took it) see it: times, hold, transfers, survey, media quality. */
export const CallRecordView = Type.Object({
  contactId: Type.String(),
  channel: StringEnum(CONTACT_CHANNELS),
  callerNumberMasked: Nullable(Type.String()),
  skillGroup: StringEnum(SKILL_GROUPS),
  state: StringEnum(CONTACT_STATES),
  agentName: Nullable(Type.String()),
  enqueuedAt: Type.String(),
  answeredAt: Nullable(Type.String()),
  endedAt: Nullable(Type.String()),
  waitSeconds: Nullable(Type.Integer()),
  talkSeconds: Nullable(Type.Integer()),
  holdSeconds: Type.Integer(),
  holdCount: Type.Integer(),
  transfers: Type.Array(Type.Object({ target: Nullable(Type.String()), at: Type.String() })),
  hungUpBy: Nullable(StringEnum(HANG_UP_SIDES)),
  surveyOffered: Type.Boolean(),
  /** 一次一评: 1 满意, 2 基本满意, 3 不满意. */
  surveyRating: Nullable(Type.Integer({ minimum: 1, maximum: 3 })),
  /** How the survey ended: rated, or no_answer (nothing pressed in time); null while it runs or when not offered. */
  surveyOutcome: Nullable(StringEnum(SURVEY_OUTCOMES)),
  /** MOS ×10; `mosSource` says whether rtpengine measured it (rtcp) or it is estimated from the packets (estimate). */
  mosX10: Nullable(Type.Integer()),
  mosSource: Nullable(StringEnum(['rtcp', 'estimate'] as const)),
  lossPercent: Nullable(Type.Number()),
  callerPackets: Nullable(Type.Integer()),
  agentPackets: Nullable(Type.Integer()),
});
export type CallRecordView = Static<typeof CallRecordView>;

/**
 * The 外呼 made for a ticket (回访) or a 漏接回拨 task, newest first, with how each ended (shared/domain/outbound-call):
 * `outcome` null while it rings or talks, or when the softphone never placed it. No number: it stays on the ticket.
 */
export const OutboundCallView = Type.Object({
  id: Type.String(),
  dialledAt: Type.String(),
  agentName: Type.String(),
  outcome: Nullable(StringEnum(OUTBOUND_OUTCOMES)),
  /** The INVITE's final SIP code of an unanswered call (486 busy, 480/408 no answer, 603 declined …). */
  sipCode: Nullable(Type.Integer()),
  endedAt: Nullable(Type.String()),
});
export type OutboundCallView = Static<typeof OutboundCallView>;
export const OutboundCallList = Type.Object({ items: Type.Array(OutboundCallView) });
export type OutboundCallList = Static<typeof OutboundCallList>;
/** At most this many 外呼 are listed per ticket or task (a ticket is called back a handful of times). */
export const OUTBOUND_CALL_LIST_LIMIT = 50;

/** 回访 by phone: the ticket's citizen dialled from the ticket (by its id), recorded; the number is for the softphone. */
export const TicketIdParams = Type.Object({ ticketId: Uuid });
export const TicketDialDetails = Type.Object({
  outboundCallId: Type.String(),
  ticketId: Type.String(),
  number: Type.String(),
  /** The caller id the proxy presents (12345). */
  callerId: Type.String(),
});
export type TicketDialDetails = Static<typeof TicketDialDetails>;
