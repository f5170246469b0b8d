import { Type, type Static } from 'typebox';

/**
 * Supervisor tools on a live call (班长监控): listen (监听: the lead hears both parties, nobody hears the lead),
 * whisper (耳语: the agent hears the lead, the caller does not), barge (强插: three-way), take over (代接/强拆接管: the
 * lead continues the call, the agent is released). Which of them the installed media server can do is in
 * `MONITOR_MODES_AVAILABLE`; the others are refused with a Chinese reason (server/telephony/README.md says why).
 */
export const MONITOR_MODES = ['listen', 'whisper', 'barge', 'takeover'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];
export const MONITOR_MODES_AVAILABLE: readonly MonitorMode[] = ['listen', 'whisper', 'barge', 'takeover'];

export const MonitorStartBody = Type.Object({
  contactId: Type.String({ format: 'uuid' }),
  mode: Type.Union(MONITOR_MODES.map((m) => Type.Literal(m))),
});
export type MonitorStartBody = Static<typeof MonitorStartBody>;

/**
 * listen: the lead's softphone calls `sip:<target>@<domain>` (an INVITE without SDP) within `expiresAt`.
 * takeover: nothing to call; the agent's softphone transfers the caller to the lead's own SIP user (`target`), so the
 * lead's registered phone rings.
 */
export const MonitorStartResult = Type.Object({
  target: Type.String(),
  mode: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  /** whisper/barge: the agent's SIP user the lead's softphone calls, with `target` in `MONITOR_LINE_HEADER`. */
  agent: Type.Optional(Type.String()),
});
export type MonitorStartResult = Static<typeof MonitorStartResult>;

/**
 * 耳语/强插: the lead's softphone calls the agent's softphone as a second line with the grant in this header; the
 * agent's console asks the server (`POST /api/calls/monitor/line`) before it answers such a call automatically.
 */
export const MONITOR_LINE_HEADER = 'X-Hotline-Monitor';

/** The agent's console checks a second line: the grant and the calling lead (the INVITE's From user, authenticated). */
export const MonitorLineBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 300 }),
  leadId: Type.String({ maxLength: 100 }),
});
export type MonitorLineBody = Static<typeof MonitorLineBody>;

export const MonitorLineResult = Type.Object({
  mode: Type.Union([Type.Literal('whisper'), Type.Literal('barge')]),
  contactId: Type.String(),
});
export type MonitorLineResult = Static<typeof MonitorLineResult>;

/**
 * Who or what ended a monitor session (the `reason` of its `call.monitor_end` audit row): the lead hung up (`lead`),
 * the agent's console left the line (`agent`), the contact ended (`call_ended`: a hang-up, a transfer, the lead's page
 * gone), 代接 answered (`taken_over`) or not answered (`not_answered`: the caller is back with the agent).
 */
export const MONITOR_END_REASONS = ['lead', 'agent', 'call_ended', 'taken_over', 'not_answered'] as const;
export type MonitorEndReason = (typeof MONITOR_END_REASONS)[number];

/**
 * The agent's console saw a 耳语/强插 line end: the lead hung up (`lead`) or the console left it (`agent`: its call
 * ended or the agent hung up). Audited as the end of the lead's session.
 */
export const MonitorLineEndBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 300 }),
  leadId: Type.String({ maxLength: 100 }),
  endedBy: Type.Union([Type.Literal('lead'), Type.Literal('agent')]),
});
export type MonitorLineEndBody = Static<typeof MonitorLineEndBody>;

/**
 * 代接 not answered: the REFER's NOTIFY reported a failure (the lead declined or did not answer); the caller stays with
 * the agent, the contact is not transferred. Audited as the end of the take-over.
 */
export const MonitorTakeoverFailedBody = Type.Object({
  contactId: Type.String({ format: 'uuid' }),
  /** The final SIP status the lead's phone gave (486, 603, 408, 487 …), when known. */
  status: Type.Optional(Type.Integer({ minimum: 100, maximum: 699 })),
});
export type MonitorTakeoverFailedBody = Static<typeof MonitorTakeoverFailedBody>;

const SipCallId = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' });
const Sdp = Type.String({ minLength: 10, maxLength: 20_000 });

/** The proxy got the lead's monitor INVITE: media towards a browser (webrtc) or a plain-RTP phone. */
export const SipMonitorOfferBody = Type.Object({
  token: Type.String({ minLength: 10, maxLength: 300 }),
  leadId: Type.String({ maxLength: 100 }),
  media: Type.Union([Type.Literal('rtp'), Type.Literal('webrtc')]),
});
export type SipMonitorOfferBody = Static<typeof SipMonitorOfferBody>;

/** What the proxy answers the lead with (rtpengine's subscription offer), and what identifies the subscription. */
export const SipMonitorOfferResult = Type.Object({ sdp: Sdp, callId: SipCallId, toTag: Type.String() });

export const SipMonitorAnswerBody = Type.Object({
  callId: SipCallId,
  toTag: Type.String({ maxLength: 200 }),
  sdp: Sdp,
});
export type SipMonitorAnswerBody = Static<typeof SipMonitorAnswerBody>;

export const SipMonitorEndBody = Type.Object({ callId: SipCallId, toTag: Type.String({ maxLength: 200 }) });
export type SipMonitorEndBody = Static<typeof SipMonitorEndBody>;
