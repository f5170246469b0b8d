import { Type, type Static } from 'typebox';

/**
 * Supervisor tools on a live call (班长监控): listen (监听: the lead hears both parties, nobody hears the lead),
 * whisper (耳语: the agent hears the lead, the caller does not), barge (强插: three-way), take over (代接/强拆接管: the
 * lead continues the call, the agent is released). Which of them the installed media server can do is in
 * `MONITOR_MODES_AVAILABLE`; the others are refused with a Chinese reason (server/telephony/README.md says why).
 */
export const MONITOR_MODES = ['listen', 'whisper', 'barge', 'takeover'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];
export const MONITOR_MODES_AVAILABLE: readonly MonitorMode[] = ['listen'];

export const MonitorStartBody = Type.Object({
  contactId: Type.String({ format: 'uuid' }),
  mode: Type.Union(MONITOR_MODES.map((m) => Type.Literal(m))),
});
export type MonitorStartBody = Static<typeof MonitorStartBody>;

/** The lead's softphone calls `sip:<target>@<domain>` (an INVITE without SDP) within `expiresAt`. */
export const MonitorStartResult = Type.Object({
  target: Type.String(),
  mode: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type MonitorStartResult = Static<typeof MonitorStartResult>;

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
