import { Type, type Static } from 'typebox';
import type { Role } from '../domain/roles.js';

/**
 * The SIP side of the phone channel (Kamailio + rtpengine): what the proxy reports beyond the CSTA events of
 * `calls.ts`, and the time-limited SIP credentials a softphone gets at sign-in.
 */

const SipCallId = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]{1,200}$' });

/** The proxy could not complete an offer: the agent did not answer in time (408), declined (486/603), or is not registered (404). */
export const SipOfferFailedBody = Type.Object({
  callId: SipCallId,
  agentId: Type.String({ maxLength: 100 }),
  code: Type.Integer({ minimum: 100, maximum: 699 }),
});
export type SipOfferFailedBody = Static<typeof SipOfferFailedBody>;

export const SipOfferFailedResult = Type.Object({
  outcome: Type.String({ description: 'requeued, ignored or unknown_call' }),
});

/** Who gets a softphone (registers at sign-in, on every page of the console): hotline agents and leads. */
export const SOFTPHONE_ROLES = ['agent', 'lead'] as const satisfies readonly Role[];
export const hasSoftphone = (role: Role | string | undefined): boolean =>
  (SOFTPHONE_ROLES as readonly string[]).includes(role ?? '');

/** A softphone's registration: valid until `expiresAt`; the next sign-in issues a new one, sign-out revokes it. */
export const SipCredentials = Type.Object({
  wsUrl: Type.String(),
  /** sip:<user id>@<domain> — the address the proxy rings for this agent. */
  aor: Type.String(),
  username: Type.String(),
  password: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  /** One-key transfer (一键转接) numbers: 110 police, 119 fire, 120 ambulance, 122 traffic. */
  emergencyNumbers: Type.Record(Type.String(), Type.String()),
});
export type SipCredentials = Static<typeof SipCredentials>;

export const SIP_DOMAIN = 'hotline.local';

/** 一次一评: the caller's keypress after the call — 1 满意, 2 基本满意, 3 不满意 (anything else is not a rating). */
export const SURVEY_RATINGS = { '1': 1, '2': 2, '3': 3 } as const;

export const SipSurveyBody = Type.Object({
  callId: SipCallId,
  digit: Type.String({ minLength: 1, maxLength: 1, pattern: '^[0-9*#]$' }),
});
export type SipSurveyBody = Static<typeof SipSurveyBody>;

/** The header the softphone puts on a 外呼 INVITE: the dial's `outboundCallId` (the proxy reports it, then drops it). */
export const OUTBOUND_CALL_HEADER = 'X-Hotline-Outbound';

/** The proxy saw a 外呼 INVITE from an authenticated agent: the dial's id with the call's SIP Call-ID. */
export const SipOutboundBody = Type.Object({
  outboundCallId: Type.String({ format: 'uuid' }),
  callId: SipCallId,
  /** The agent the proxy authenticated (the From user of the INVITE). */
  agentId: Type.String({ minLength: 1, maxLength: 64 }),
});
export type SipOutboundBody = Static<typeof SipOutboundBody>;
export const SipOutboundResult = Type.Object({
  outcome: Type.String({ description: 'linked, or unknown (no such dial of that agent, or already linked)' }),
});

/**
 * An INVITE an agent placed (外呼, consultation, transfer) ended without an answer: the proxy's failure route reports
 * its final code after rtpengine closed the call's recording. The server deletes that recording (nobody answered,
 * nothing to keep) and, for a 外呼, records the outcome on its outbound_calls row.
 */
export const SipOutboundFailedBody = Type.Object({
  callId: SipCallId,
  code: Type.Integer({ minimum: 300, maximum: 699 }),
});
export type SipOutboundFailedBody = Static<typeof SipOutboundFailedBody>;
export const SipOutboundFailedResult = Type.Object({
  outcome: Type.String({
    description:
      'no_answer, busy, declined or failed (a 外呼 row updated), already (outcome known), or unknown (not a 外呼)',
  }),
});

/** How a survey offered to the caller ended: a rating, or nothing pressed before the proxy's time-out. */
export const SURVEY_OUTCOMES = ['rated', 'no_answer'] as const;
export type SurveyOutcome = (typeof SURVEY_OUTCOMES)[number];

/** The proxy's survey time-out (no keypress): the server records `no_answer`, the proxy hangs up the caller. */
export const SipSurveyTimeoutBody = Type.Object({ callId: SipCallId });
export type SipSurveyTimeoutBody = Static<typeof SipSurveyTimeoutBody>;
export const SipSurveyTimeoutResult = Type.Object({
  outcome: Type.String({ description: 'no_answer, already_ended or unknown_call' }),
});

export const SipSurveyResult = Type.Object({
  outcome: Type.String({ description: 'rated, already_rated, not_a_rating, call_in_progress or unknown_call' }),
  rating: Type.Union([Type.Integer(), Type.Null()]),
});
