import { createHmac } from 'node:crypto';
import { SIP_DOMAIN, type SipCredentials, type SipOfferFailedBody } from '@hotline/shared/contracts/telephony';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.js';
import { findContact, findContactByCallId } from './calls.repository.js';
import type { CallsContext } from './calls-context.js';
import type { RoutingService } from './routing.service.js';

export interface SipBridgeConfig {
  /** Kamailio's HTTP address (xhttp); null = no proxy wired, offers stay console-only. */
  kamailioHttpUrl: string | null;
  sipWsUrl: string | null;
  telephonySecret: string;
  sipAuthSecret: string;
  sipCredentialTtlSeconds: number;
  /** rtpengine's DTMF log comes to this loopback UDP port (0 = any free one); null/absent = not listened to. */
  dtmfPort?: number | null;
  /** The DTMF listener's address (default loopback). */
  dtmfBind?: string;
  /** 一次一评 after calls the agent hangs up first. */
  callSurvey?: boolean;
}

/** 一键转接 targets; the carrier routes them. */
export const EMERGENCY_NUMBERS: Record<string, string> = { '110': '110', '119': '119', '120': '120', '122': '122' };

const CONTINUE_ATTEMPTS = 10;
const CONTINUE_RETRY_MS = 150;

/**
 * Time-limited SIP credential (no static SIP passwords): username `<expiry unix seconds>:<user id>`, password
 * base64url(HMAC-SHA256(secret, username)) without padding — what kamailio.cfg route[AUTH] computes with the crypto
 * module. An expired one, or one issued before the user's last sign-out (htable `revoked`), is refused.
 */
export function sipCredential(secret: string, userId: string, expiresAtMs: number) {
  const username = `${Math.floor(expiresAtMs / 1000)}:${userId}`;
  const password = createHmac('sha256', secret).update(username).digest('base64url');
  return { username, password };
}

const TELEPHONY_ACTOR = { ...SYSTEM_ACTOR, role: 'telephony' };

/**
 * The server's side of the SIP proxy: when the router offers a phone call to an agent, Kamailio is told to resume
 * the waiting call towards that agent's softphone (t_continue), at the moment the screen-pop goes out; the proxy's
 * failed offers (no answer, declined, not registered) go back to the router; credentials and their revocation.
 */
export function createSipBridge(ctx: CallsContext, routing: RoutingService, config: SipBridgeConfig) {
  const { db, clock } = ctx;

  async function post(path: string, body: unknown): Promise<number> {
    const response = await fetch(`${config.kamailioHttpUrl}${path}`, {
      method: 'POST',
      // Kamailio's xhttp closes every connection after its reply (set_reply_close): a pooled socket reused by the
      // next request failed at once ("fetch failed") under load, so none is kept.
      headers: {
        'content-type': 'application/json',
        'x-telephony-secret': config.telephonySecret,
        connection: 'close',
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(3000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  }

  /**
   * The router offered `contactId` to `agentId`. A phone call is resumed at the proxy towards the agent; the ring
   * time is a second shorter than the router's, so the proxy's no-answer (408) comes first and re-queues the call.
   * A 409 means the proxy has not re-suspended the call yet (a failed offer being reported): retried briefly.
   */
  async function offered(agentId: string, contactId: string): Promise<void> {
    if (!config.kamailioHttpUrl) return;
    const contact = await findContact(db, contactId);
    if (!contact || contact.channel !== 'call' || !contact.callId) return;
    const ringMs = Math.max(2000, ctx.policy.ringSeconds * 1000 - 1000);
    // A request that failed on the way or timed out here may still have reached the proxy: a later 409 then most
    // likely means that one resumed the call. Either way it is retried: an offer the proxy never heard of would
    // leave the caller waiting until the ring time ran out.
    let unsure = false;
    for (let attempt = 0; attempt < CONTINUE_ATTEMPTS; attempt++) {
      const status = await post('/tm/continue', { callId: contact.callId, agentId, ringMs }).catch(() => null);
      if (status === 200) return;
      if (status === 409 && unsure) return;
      if (status === null) unsure = true;
      else if (status !== 409) break;
      await new Promise((resolve) => setTimeout(resolve, CONTINUE_RETRY_MS));
    }
    // The proxy no longer holds the call (caller gone): the telephony events will end it; nothing to undo here.
    ctx.onError(new Error(`SIP proxy did not resume call ${contact.callId}`), 'sip continue');
  }

  /**
   * The router withdrew an offer by itself (a lead reassigned the ringing call, the console's disconnect grace, a
   * decline in the console): the proxy stops ringing that agent and keeps the caller waiting for the next offer.
   * A 409 means the proxy is not ringing that agent any more (it reported the failure itself, or the call ended).
   */
  async function withdrawn(agentId: string, contactId: string): Promise<void> {
    if (!config.kamailioHttpUrl) return;
    const contact = await findContact(db, contactId);
    if (!contact || contact.channel !== 'call' || !contact.callId) return;
    await post('/tm/cancel', { callId: contact.callId, agentId });
  }

  /** The proxy reports an offer that failed: back to the queue (at its place), the agent to break. */
  async function offerFailed(body: SipOfferFailedBody): Promise<{ outcome: string }> {
    const contact = await findContactByCallId(db, body.callId);
    if (!contact) return { outcome: 'unknown_call' };
    if (contact.state !== 'offered' || contact.agentId !== body.agentId) return { outcome: 'ignored' };
    const declined = body.code === 486 || body.code === 603;
    const done = await routing.withdrawOffer(
      body.agentId,
      contact.id,
      declined ? 'rejected' : 'ring_no_answer',
      { state: 'break', reason: declined ? 'rejected' : 'ring_no_answer' },
      TELEPHONY_ACTOR,
    );
    return { outcome: done ? 'requeued' : 'ignored' };
  }

  /** The caller rated (or the server gives up): the proxy ends the survey leg (BYE to the caller). */
  async function surveyEnd(callId: string): Promise<boolean> {
    if (!config.kamailioHttpUrl) return false;
    return (await post('/tm/survey-end', { callId })) === 200;
  }

  function credentials(userId: string): SipCredentials {
    const expiresAtMs = clock.now().getTime() + config.sipCredentialTtlSeconds * 1000;
    return {
      wsUrl: config.sipWsUrl ?? '',
      aor: `sip:${userId}@${SIP_DOMAIN}`,
      ...sipCredential(config.sipAuthSecret, userId, expiresAtMs),
      expiresAt: new Date(expiresAtMs).toISOString(),
      emergencyNumbers: { ...EMERGENCY_NUMBERS },
    };
  }

  /**
   * Sign-out or deactivation: every credential issued so far is refused from now on, and the user's registrations
   * are removed at once (JSON-RPC over Kamailio's HTTP: htable.seti + ul.rm).
   */
  async function revoke(userId: string): Promise<boolean> {
    if (!config.kamailioHttpUrl) return false;
    const now = Math.floor(clock.now().getTime() / 1000);
    const rpc = (method: string, params: unknown[]) =>
      post('/RPC', { jsonrpc: '2.0', id: 1, method, params }).catch(() => 0);
    const [set] = await Promise.all([rpc('htable.seti', ['revoked', userId, now]), rpc('ul.rm', ['location', userId])]);
    await db.transaction((tx) =>
      recordAudit(tx, TELEPHONY_ACTOR, { action: 'sip.revoke', entityType: 'user', entityId: userId }),
    );
    return set === 200;
  }

  return { offered, withdrawn, offerFailed, surveyEnd, credentials, revoke };
}

export type SipBridge = ReturnType<typeof createSipBridge>;
