import {
  MONITOR_MODES_AVAILABLE,
  type MonitorLineBody,
  type MonitorLineEndBody,
  type MonitorLineResult,
  type MonitorMode,
  type MonitorStartResult,
  type SipMonitorAnswerBody,
  type SipMonitorEndBody,
  type SipMonitorOfferBody,
  type MonitorTakeoverFailedBody,
} from '@hotline/shared/contracts/call-monitoring';
import type { Clock } from '../../../lib/clock.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError, conflict, forbidden, notFound } from '../../../platform/http/errors.js';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../audit/audit.service.js';
import { findContact, findContactByCallId } from '../calls.repository.js';
import { monitorTarget, readMonitorTarget, type MonitorGrant } from './monitor-token.js';
import {
  closeMonitorSessions,
  newSessionOfGrant,
  sessionOfListen,
  sessionOfToken,
  sessionStart,
} from './monitor-sessions.js';
import { ngCommand, type Bencodable } from './rtpengine-ng.js';

export interface MonitoringConfig {
  /** rtpengine's ng control address (`udp:127.0.0.1:2223`); null = supervisor listening is not available. */
  rtpengineNg: string | null;
  /** Secret of the monitor addresses (HMAC). */
  secret: string;
  /** How long a lead has to place the monitor call after pressing the button. */
  grantSeconds?: number;
  /** 代接: tells the agent's console to transfer its call to the lead (the `call:takeover` socket event). */
  takeover?: (agentId: string, payload: { contactId: string; at: string; to: string }) => void;
}

const TELEPHONY_ACTOR: AuditActor = { ...SYSTEM_ACTOR, role: 'telephony' };

/** Media flags of the subscription towards the lead: WebRTC for a browser, plain RTP for a desk/scripted phone. */
const MEDIA_FLAGS: Record<'webrtc' | 'rtp', Record<string, Bencodable>> = {
  webrtc: {
    'transport-protocol': 'UDP/TLS/RTP/SAVPF',
    ICE: 'force',
    DTLS: 'passive',
    SDES: ['off'],
    'rtcp-mux': ['require'],
    flags: ['all', 'generate mid'],
  },
  rtp: { 'transport-protocol': 'RTP/AVP', ICE: 'remove', 'rtcp-mux': ['demux'], flags: ['all'] },
};

/**
 * 班长监控. 耳语/强插: the grant names the agent; the lead's browser calls the agent's softphone with it and the
 * agent's console checks it here (`checkLine`) before answering and mixing. 代接: `takeover` (below).
 * 班长监听: a lead asks to listen to a live call (audited, leads and admins only) and gets a one-time SIP address;
 * the lead's softphone calls it without SDP; the proxy asks this service, which subscribes the lead to every party
 * of the call at rtpengine (`subscribe request`: a send-only copy of both directions) and returns rtpengine's offer;
 * the lead's answer (in the ACK) completes the subscription (`subscribe answer`); the lead's BYE ends it
 * (`unsubscribe`). Nobody in the call hears the lead; the agent and the caller see no change in their own call.
 */
export function createMonitoringService(db: Db, clock: Clock, config: MonitoringConfig) {
  const grantMs = (config.grantSeconds ?? 60) * 1000;

  /** The lead joined the call the grant names (listen-in subscription, or the agent's console answered the line). */
  const auditJoined = (grant: MonitorGrant, contactId: string, detail: Record<string, unknown>) =>
    recordAudit(
      db,
      { userId: grant.leadId, role: 'lead', ip: null },
      { action: 'call.monitor_joined', entityType: 'contact', entityId: contactId, toState: grant.mode, detail },
    );

  function ngAddress(): string {
    if (!config.rtpengineNg) throw conflict('未连接媒体服务器，无法监听', 'monitor_unavailable');
    return config.rtpengineNg;
  }

  async function start(actor: AuditActor & { userId: string }, contactId: string, mode: MonitorMode) {
    const contact = await findContact(db, contactId);
    if (!contact) throw notFound('未找到该通话', 'contact_not_found');
    if (contact.channel !== 'call' || contact.state !== 'connected' || !contact.callId)
      throw conflict('该通话当前不在通话中，无法监听', 'call_not_live');
    if (contact.agentId === actor.userId) throw conflict('不能监听自己的通话', 'monitor_own_call');
    if (mode === 'takeover') return takeover(actor, contact.id, contact.agentId);
    if (!MONITOR_MODES_AVAILABLE.includes(mode) || !config.rtpengineNg) {
      await recordAudit(db, actor, {
        action: 'call.monitor_refused',
        entityType: 'contact',
        entityId: contactId,
        reason: config.rtpengineNg ? `mode_unsupported:${mode}` : 'media_server_not_configured',
      });
      throw new AppError(
        422,
        'monitor_mode_unsupported',
        config.rtpengineNg ? '当前不支持该监控方式' : '未连接媒体服务器，无法监听',
      );
    }
    const expiresAtMs = clock.now().getTime() + grantMs;
    const target = monitorTarget(config.secret, { mode, contactId, leadId: actor.userId, expiresAtMs });
    await recordAudit(db, actor, {
      action: 'call.monitor_start',
      entityType: 'contact',
      entityId: contactId,
      toState: mode,
      detail: { agentId: contact.agentId, ...(await newSessionOfGrant(db, contactId, target)) },
    });
    const result: MonitorStartResult = { target, mode, expiresAt: new Date(expiresAtMs).toISOString() };
    // 耳语/强插: the lead's softphone calls the agent's softphone (a second line the agent's console mixes).
    if ((mode === 'whisper' || mode === 'barge') && contact.agentId) result.agent = contact.agentId;
    return result;
  }

  /**
   * 耳语/强插: the agent's console got a second call carrying a grant; it is answered only when the grant is the
   * calling lead's (the From user, authenticated by the proxy), for whisper/barge, unexpired, and for this agent's live
   * call. Audited as the lead joining.
   */
  async function checkLine(agentId: string, body: MonitorLineBody): Promise<MonitorLineResult> {
    const grant = readMonitorTarget(config.secret, body.token, body.leadId, clock.now().getTime());
    if (!grant || (grant.mode !== 'whisper' && grant.mode !== 'barge'))
      throw forbidden('班长耳语/强插授权无效或已过期', 'monitor_grant_invalid');
    const contact = await findContact(db, grant.contactId);
    if (!contact || contact.state !== 'connected' || contact.agentId !== agentId)
      throw forbidden('该授权不是针对您当前的通话', 'monitor_grant_invalid');
    await auditJoined(grant, contact.id, {
      media: 'agent_mix',
      agentId,
      session: await sessionOfToken(db, contact.id, body.token),
    });
    return { mode: grant.mode, contactId: contact.id };
  }

  /**
   * 代接: the agent's console is told to blind-transfer the caller to the lead's own SIP user (REFER through the
   * proxy's transfer path: the `transferred` event releases the agent); the lead's registered phone rings.
   */
  async function takeover(actor: AuditActor & { userId: string }, contactId: string, agentId: string | null) {
    if (!agentId || !config.takeover) {
      await recordAudit(db, actor, {
        action: 'call.monitor_refused',
        entityType: 'contact',
        entityId: contactId,
        reason: agentId ? 'takeover_not_configured' : 'no_agent',
      });
      throw new AppError(422, 'monitor_mode_unsupported', '该通话当前无法代接');
    }
    const now = clock.now();
    await recordAudit(db, actor, {
      action: 'call.monitor_start',
      entityType: 'contact',
      entityId: contactId,
      toState: 'takeover',
      detail: {
        agentId,
        ...(await newSessionOfGrant(db, contactId, `takeover|${contactId}|${actor.userId}|${now.getTime()}`)),
      },
    });
    config.takeover(agentId, { contactId, at: now.toISOString(), to: actor.userId });
    const result: MonitorStartResult = {
      target: actor.userId,
      mode: 'takeover',
      expiresAt: new Date(now.getTime() + grantMs).toISOString(),
    };
    return result;
  }

  /** The proxy received the lead's monitor INVITE: subscribe the lead to the call's media at rtpengine. */
  async function sipOffer(body: SipMonitorOfferBody) {
    const grant = readMonitorTarget(config.secret, body.token, body.leadId, clock.now().getTime());
    if (!grant) throw forbidden('监听地址无效或已过期', 'monitor_grant_invalid');
    const contact = await findContact(db, grant.contactId);
    if (!contact?.callId || contact.state !== 'connected')
      throw conflict('该通话当前不在通话中，无法监听', 'call_not_live');
    const reply = await ngCommand(ngAddress(), {
      command: 'subscribe request',
      'call-id': contact.callId,
      ...MEDIA_FLAGS[body.media],
    });
    const sdp = typeof reply.sdp === 'string' ? reply.sdp : '';
    const toTag = typeof reply['to-tag'] === 'string' ? reply['to-tag'] : '';
    if (!sdp || !toTag) throw conflict('媒体服务器未能建立监听', 'monitor_failed');
    await auditJoined(grant, contact.id, {
      media: body.media,
      session: await sessionOfToken(db, contact.id, body.token),
      toTag,
    });
    return { sdp, callId: contact.callId, toTag };
  }

  /** The lead's answer SDP (from the ACK) completes the subscription. */
  async function sipAnswer(body: SipMonitorAnswerBody) {
    await ngCommand(ngAddress(), {
      command: 'subscribe answer',
      'call-id': body.callId,
      'to-tag': body.toTag,
      sdp: body.sdp,
    });
    return { ok: true };
  }

  /** The lead hung up: the subscription ends (a call that already ended has none left: fine). */
  async function sipEnd(body: SipMonitorEndBody) {
    await ngCommand(ngAddress(), { command: 'unsubscribe', 'call-id': body.callId, 'to-tag': body.toTag }).catch(
      () => undefined,
    );
    const contact = await findContactByCallId(db, body.callId);
    const session = contact ? await sessionOfListen(db, contact.id, body.toTag) : null;
    if (contact && session) {
      const started = await sessionStart(db, contact.id, session);
      const actor = started?.leadId ? { userId: started.leadId, role: 'lead', ip: null } : TELEPHONY_ACTOR;
      await closeMonitorSessions(db, clock.now(), actor, contact.id, 'lead', (s) => s.session === session);
    }
    return { ok: true };
  }

  /**
   * 耳语/强插 line ended, as the agent's console saw it (the lead hung up, or the console left the line). The grant's
   * MAC is checked but not its expiry (a line outlives the minute the lead had to place it); only the agent of the call.
   */
  async function lineEnded(actor: AuditActor & { userId: string }, body: MonitorLineEndBody) {
    const grant = readMonitorTarget(config.secret, body.token, body.leadId, 0);
    if (!grant || (grant.mode !== 'whisper' && grant.mode !== 'barge'))
      throw forbidden('班长耳语/强插授权无效', 'monitor_grant_invalid');
    const contact = await findContact(db, grant.contactId);
    if (!contact || contact.agentId !== actor.userId)
      throw forbidden('该授权不是针对您的通话', 'monitor_grant_invalid');
    const session = await sessionOfToken(db, contact.id, body.token);
    await closeMonitorSessions(db, clock.now(), actor, contact.id, body.endedBy, (s) => s.session === session);
    return { ok: true };
  }

  /**
   * 代接 not answered: the agent's softphone got a failure NOTIFY for its REFER to the lead and took the caller back;
   * the take-over ends, the contact stays the agent's.
   */
  async function takeoverFailed(actor: AuditActor & { userId: string }, body: MonitorTakeoverFailedBody) {
    const contact = await findContact(db, body.contactId);
    if (!contact || contact.agentId !== actor.userId) throw notFound('未找到该通话', 'contact_not_found');
    await closeMonitorSessions(
      db,
      clock.now(),
      actor,
      contact.id,
      'not_answered',
      (s) => s.mode === 'takeover',
      body.status ? { sipStatus: body.status } : {},
    );
    return { ok: true };
  }

  return { start, checkLine, sipOffer, sipAnswer, sipEnd, lineEnded, takeoverFailed };
}

export type MonitoringService = ReturnType<typeof createMonitoringService>;
