import { SessionManager } from 'sip.js/lib/platform/web';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import { SessionState, SIPExtension, type Invitation, type Notification, type Session } from 'sip.js';
import { reactive, readonly } from 'vue';
import type { SipCredentials } from '@hotline/shared/contracts/telephony';
import { OUTBOUND_CALL_HEADER, SIP_DOMAIN } from '@hotline/shared/contracts/telephony';
import { MONITOR_LINE_HEADER, type MonitorLineResult } from '@hotline/shared/contracts/call-monitoring';
import { startMix, type Mixer } from './audio-mix';

/**
 * The console's softphone: the one adapter over sip.js (SessionManager: two sessions at once for consultation,
 * hold, transfer). Screens read `softphone.state`; nothing else in the console imports sip.js.
 * - ICE gathering is cut to a few hundred ms: behind rtpengine on the same network a host candidate is enough, and
 *   sip.js's default (5 s) is what makes agents wait 4–5 s after pressing answer.
 * - Registration is retried after a network drop; after reconnecting, calls in progress get a re-INVITE with an ICE
 *   restart so media comes back.
 * - 三方通话 (conference): caller and consulted department both connected to the agent; the agent's browser mixes
 *   (audio-mix.ts). Either far party hanging up leaves a two-party call; the agent hanging up ends both.
 * - 耳语/强插: a lead's second line carrying a monitor grant (`X-Hotline-Monitor`) is checked with the server and
 *   answered automatically, then mixed: whisper — only the agent hears the lead; barge — the caller hears the lead too.
 *   Any other second call is refused with busy.
 */

export type PhoneStatus = 'unregistered' | 'registering' | 'registered' | 'reconnecting';
export type CallStatus = 'idle' | 'ringing' | 'dialing' | 'talking' | 'held' | 'consulting' | 'conference' | 'ended';
export type PhoneError =
  'mic_denied' | 'registration_lost' | 'call_failed' | 'busy' | 'not_configured' | 'takeover_not_answered' | null;

/**
 * ICE gathering is cut to a few hundred ms: behind rtpengine on the same network a host candidate is enough, and
 * sip.js's default (5 s) is what makes agents wait 4–5 s after pressing answer. Every UserAgent of the console uses it.
 */
export const ICE_GATHERING_TIMEOUT_MS = 300;

/** 代接: how long the caller waits on hold for the lead's phone before the agent takes the caller back. */
const TAKEOVER_ANSWER_MS = 60_000;

interface PhoneState {
  status: PhoneStatus;
  call: CallStatus;
  muted: boolean;
  held: boolean;
  /** A hold/unhold re-INVITE is on its way: the state changes when the far end accepts it (or stays on a refusal). */
  holdPending: boolean;
  /** The far end of the current call (the number for outbound calls; the caller is on the screen-pop). */
  remote: string | null;
  /** A consultation call (咨询) in progress, for warm transfer. */
  consulting: boolean;
  /** 三方通话: caller, agent and the consulted party hear each other (mixed in this browser). */
  conference: boolean;
  /** A lead on the line: 耳语 (only the agent hears the lead) or 强插 (everyone does). */
  supervisor: 'whisper' | 'barge' | null;
  error: PhoneError;
  emergencyNumbers: Record<string, string>;
}

/** Where the far end is heard (the panel's <audio> element). */
export type AudioSink = HTMLAudioElement;

/** Asks the server whether a second line's monitor grant is for this agent's live call (rejects when not). */
export type MonitorLineCheck = (token: string, leadId: string) => Promise<MonitorLineResult>;

/** What the console tells the server about a lead's session on this agent's call (audited there). */
export interface MonitorReports {
  /** A 耳语/强插 line ended: the lead hung up (`lead`) or this console left it (`agent`). */
  lineEnded?: (token: string, leadId: string, endedBy: 'lead' | 'agent') => Promise<unknown>;
  /** 代接 not answered (the REFER's NOTIFY reported a failure): the caller is back with this agent. */
  takeoverFailed?: (contactId: string, status: number | null) => Promise<unknown>;
}

export function createSoftphone(
  remoteAudio: () => AudioSink | undefined,
  checkLine?: MonitorLineCheck,
  reports: MonitorReports = {},
) {
  const state = reactive<PhoneState>({
    status: 'unregistered',
    call: 'idle',
    muted: false,
    held: false,
    holdPending: false,
    remote: null,
    consulting: false,
    conference: false,
    supervisor: null,
    error: null,
    emergencyNumbers: {},
  });
  let manager: SessionManager | null = null;
  let main: Session | null = null;
  let consult: Session | null = null;
  let wasConnected = false;
  /** The Web Audio mix while in 三方通话. */
  let mixer: Mixer | null = null;
  let mixMuted = false;
  /** The lead's 耳语/强插 line, and its mode once checked. */
  let line: Session | null = null;
  let lineMode: 'whisper' | 'barge' | null = null;
  /** The checked line's grant (reported when the line ends) and whether this console is the one leaving it. */
  let lineGrant: { token: string; leadId: string } | null = null;
  let leavingLine = false;

  const sdhOf = (session: Session | null) =>
    (session?.sessionDescriptionHandler as SessionDescriptionHandler | undefined) ?? null;

  /** The panel's <audio> plays this session's far end (sip.js clears it when any session ends). */
  function earsTo(session: Session | null) {
    const ears = remoteAudio();
    const stream = sdhOf(session)?.remoteMediaStream;
    if (!ears || !stream || session?.state !== SessionState.Established) return;
    ears.srcObject = stream;
    void ears.play().catch(() => {});
  }

  /** Back to a two-party call: the mix stops, the remaining leg gets its microphone and the agent's ears. */
  async function endMix() {
    const m = mixer;
    mixer = null;
    mixMuted = false;
    if (m) await m.stop();
    earsTo(main);
    refresh();
  }

  const target = (number: string) => `sip:${number}@${SIP_DOMAIN}`;

  function refresh() {
    if (!main) {
      state.call = state.call === 'idle' ? 'idle' : 'ended';
      state.muted = false;
      state.held = false;
      state.holdPending = false;
      state.consulting = false;
      state.conference = false;
      state.supervisor = null;
      return;
    }
    // sip.js sets its held flag as soon as the re-INVITE is sent; the screen waits for the answer (onCallHold).
    if (state.holdPending) return;
    state.held = manager?.isHeld(main) ?? false;
    state.muted = mixer ? mixMuted : (manager?.isMuted(main) ?? false);
    state.consulting = Boolean(consult) && !mixer;
    state.conference = Boolean(mixer) && Boolean(consult);
    state.supervisor = mixer && line ? lineMode : null;
    if (main.state === SessionState.Established)
      state.call = state.conference ? 'conference' : consult ? 'consulting' : state.held ? 'held' : 'talking';
  }

  async function start(credentials: SipCredentials): Promise<void> {
    if (!credentials.wsUrl) {
      state.error = 'not_configured';
      return;
    }
    await stop();
    state.emergencyNumbers = credentials.emergencyNumbers;
    state.status = 'registering';
    manager = new SessionManager(credentials.wsUrl, {
      aor: credentials.aor,
      maxSimultaneousSessions: 2,
      registrationRetry: true,
      registrationRetryInterval: 3,
      reconnectionAttempts: 1000,
      reconnectionDelay: 2,
      registererOptions: { expires: 300 },
      media: { constraints: { audio: true, video: false }, remote: { audio: remoteAudio() } },
      userAgentOptions: {
        authorizationUsername: credentials.username,
        authorizationPassword: credentials.password,
        sipExtensionReplaces: SIPExtension.Supported,
        logLevel: 'warn',
        sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS },
      },
      delegate: {
        onRegistered: () => {
          state.status = 'registered';
          if (state.error === 'registration_lost') state.error = null;
        },
        onUnregistered: () => {
          if (state.status === 'registered') state.status = 'registering';
        },
        onServerDisconnect: (error) => {
          if (error) {
            state.status = 'reconnecting';
            state.error = 'registration_lost';
          }
        },
        onServerConnect: () => {
          // Back after a drop: restore media of a call in progress with an ICE restart.
          if (wasConnected && main?.state === SessionState.Established) {
            void main.invite({ sessionDescriptionHandlerOptions: { iceRestart: true } as object }).catch(() => {});
          }
          wasConnected = true;
        },
        onCallReceived: (session) => {
          const grant = (session as Invitation).request?.getHeader(MONITOR_LINE_HEADER);
          if (main && grant && checkLine && !line && !consult && !mixer) {
            void joinLine(session, grant);
            return;
          }
          if (main) {
            // One call at a time from the queue; a second one is refused with busy.
            void manager?.decline(session).catch(() => {});
            return;
          }
          main = session;
          state.call = 'ringing';
          state.error = null;
        },
        onCallAnswered: () => refresh(),
        onCallHold: () => {
          state.holdPending = false;
          refresh();
        },
        onCallHangup: (session) => {
          if (session === line) {
            const grant = lineGrant;
            if (grant)
              void reports.lineEnded?.(grant.token, grant.leadId, leavingLine ? 'agent' : 'lead').catch(() => {});
            line = null;
            lineMode = null;
            lineGrant = null;
            leavingLine = false;
            void endMix();
            return;
          }
          // The caller gone: the lead's line has nothing left to listen to.
          if (session === main && line) leaveLine();
          if (session === consult) consult = null;
          else if (session === main) {
            main = consult;
            consult = null;
            if (!main) state.call = 'ended';
          } else return;
          // 三方通话 with one far party gone: a two-party call with the other one.
          if (mixer) void endMix();
          else {
            earsTo(main);
            refresh();
          }
        },
      },
    });
    await manager.connect();
    await manager.register({
      requestDelegate: {
        onReject: () => {
          state.status = 'unregistered';
          state.error = 'registration_lost';
        },
      },
    });
  }

  /** 耳语/强插: the lead's line is answered only with a grant the server confirms for this call, then mixed. */
  async function joinLine(session: Session, grant: string) {
    const m = manager;
    if (!m || !checkLine) return;
    line = session;
    try {
      const leadId = (session as Invitation).request.from.uri.user ?? '';
      const { mode } = await checkLine(grant, leadId);
      lineMode = mode;
      lineGrant = { token: grant, leadId };
      await m.answer(session);
      await new Promise<void>((resolve, reject) => {
        if (session.state === SessionState.Established) return resolve();
        session.stateChange.addListener((s) => {
          if (s === SessionState.Established) resolve();
          else if (s === SessionState.Terminated) reject(new Error('the lead left'));
        });
      });
      const mainPc = sdhOf(main)?.peerConnection;
      const linePc = sdhOf(session)?.peerConnection;
      const microphone = sdhOf(main)?.localMediaStream.getAudioTracks()[0];
      const ears = remoteAudio();
      if (!main || main.state !== SessionState.Established || !mainPc || !linePc || !microphone || !ears)
        throw new Error('no call to join');
      if (manager?.isMuted(main)) manager.unmute(main);
      mixer = await startMix(
        [
          { kind: 'party', peerConnection: mainPc },
          { kind: mode === 'whisper' ? 'whisper' : 'party', peerConnection: linePc },
        ],
        microphone,
        ears,
      );
      mixMuted = false;
      refresh();
    } catch {
      // A grant the server refuses (forged, expired, another agent's call) or a line that ended: no lead on the call.
      if (session.state === SessionState.Initial) await m.decline(session).catch(() => {});
      else await m.hangup(session).catch(() => {});
      if (line === session) {
        line = null;
        lineMode = null;
        lineGrant = null;
      }
    }
  }

  /** This console hangs up the lead's line (its call ended, or the agent hung up). */
  function leaveLine() {
    if (!line) return;
    leavingLine = true;
    void manager?.hangup(line).catch(() => {});
  }

  async function stop() {
    const m = manager;
    manager = null;
    main = null;
    consult = null;
    await endMix();
    state.status = 'unregistered';
    state.call = 'idle';
    if (m) {
      await m.unregister().catch(() => {});
      await m.disconnect().catch(() => {});
    }
  }

  /**
   * REFER the caller to `uri` and leave the old leg once the referred call is answered: the caller's phone reports its
   * progress (NOTIFY, RFC 3515) and a 2xx there means the far end took it (the transfer already ended the contact at
   * the server: no survey, no second end). A refused transfer leaves the agent with the caller.
   */
  async function referAndLeave(m: SessionManager, leg: Session, uri: string): Promise<void> {
    await m.transfer(leg, uri, {
      onNotify: (notification: Notification) => {
        void notification.accept().catch(() => {});
        if (/^SIP\/2\.0 2\d\d/m.test(notification.request.body ?? '')) void m.hangup(leg).catch(() => {});
      },
    });
  }

  /**
   * 代接: the caller waits on hold while the lead's phone rings (REFER to the lead). The referee's NOTIFY says how it
   * went: 2xx — the lead answered (the proxy tells the server, the contact moves to the lead), this desk leaves;
   * a failure (declined, busy, no answer), a refused REFER or no final NOTIFY in time — the caller is taken off hold,
   * the agent keeps talking and the server hears the take-over failed (the contact stays the agent's).
   */
  async function referToLead(m: SessionManager, leg: Session, uri: string, contactId: string | null) {
    let settled = false;
    const failed = async (status: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      state.error = 'takeover_not_answered';
      if (leg.state === SessionState.Established) {
        state.holdPending = true;
        await m.unhold(leg).catch(() => {});
        state.holdPending = false;
      }
      if (contactId) void reports.takeoverFailed?.(contactId, status).catch(() => {});
      earsTo(leg);
      refresh();
    };
    const timer = setTimeout(() => void failed(null), TAKEOVER_ANSWER_MS);
    try {
      state.holdPending = true;
      await m.hold(leg);
      state.holdPending = false;
      refresh();
      await m.transfer(leg, uri, {
        onNotify: (notification: Notification) => {
          void notification.accept().catch(() => {});
          const status = Number(/^SIP\/2\.0 (\d{3})/m.exec(notification.request.body ?? '')?.[1] ?? 0);
          if (settled || status < 200) return;
          if (status < 300) {
            settled = true;
            clearTimeout(timer);
            void m.hangup(leg).catch(() => {});
          } else void failed(status);
        },
        requestDelegate: { onReject: (response) => void failed(response.message.statusCode ?? null) },
      });
    } catch {
      state.holdPending = false;
      await failed(null);
    }
  }

  async function guard(action: () => Promise<unknown>, failure: PhoneError = 'call_failed') {
    try {
      await action();
      refresh();
    } catch (error) {
      const name = (error as Error)?.name;
      state.error = name === 'NotAllowedError' || name === 'NotFoundError' ? 'mic_denied' : failure;
      refresh();
    }
  }

  return {
    state: readonly(state),
    start,
    stop,
    /** The registered user agent, for a lead's listen-in or whisper/barge line (listen-in.ts); null when stopped. */
    userAgent: () => manager?.userAgent ?? null,
    answer: () => guard(async () => main && (await manager?.answer(main))),
    decline: () =>
      guard(async () => {
        if (main) await manager?.decline(main);
        main = null;
        state.call = 'idle';
      }),
    /** Ends the call; in 三方通话 both legs. */
    hangup: () =>
      guard(async () => {
        // Consulting: the caller's leg only (the consultation becomes the call); 三方通话: both; a lead's line ends too.
        const legs = [line, mixer ? consult : null, main].filter((s): s is Session => Boolean(s));
        if (line) leavingLine = true;
        for (const leg of legs) await manager?.hangup(leg).catch(() => {});
      }),
    mute: (on: boolean) => {
      if (!main || !manager) return;
      if (mixer) {
        mixer.mute(on);
        mixMuted = on;
        refresh();
        return;
      }
      if (on) manager.mute(main);
      else manager.unmute(main);
      refresh();
    },
    /**
     * Hold/unhold: one re-INVITE at a time (sip.js refuses a second one while the first is pending, and its held
     * flag is set before the answer); the screen changes when the far end accepts (onCallHold).
     */
    hold: async (on: boolean) => {
      if (!main || !manager || state.holdPending) return;
      state.holdPending = true;
      try {
        await (on ? manager.hold(main) : manager.unhold(main));
      } catch {
        // Not sent (or refused at once): nothing is pending, the state is read back from the manager.
        state.holdPending = false;
        state.error = 'call_failed';
      }
      refresh();
    },
    dtmf: (tone: string) => guard(async () => main && (await manager?.sendDTMF(main, tone))),
    /** 外呼: 漏接回拨 and 回访 (the proxy sets 12345 as the caller id). */
    dial: (number: string, display?: string, outboundCallId?: string) =>
      guard(async () => {
        state.call = 'dialing';
        // What the panel shows: the masked number when the dial came from a task (the full one stays off screen).
        state.remote = display ?? number;
        // The dial's id goes to the proxy, which links the dial to this call's Call-ID (and drops the header).
        const extraHeaders = outboundCallId ? [`${OUTBOUND_CALL_HEADER}: ${outboundCallId}`] : undefined;
        main = await manager!.call(target(number), extraHeaders ? { extraHeaders } : undefined);
      }),
    /** 盲转: the caller is sent to `number`; this desk leaves the call once the far end answered. */
    blindTransfer: (number: string) =>
      guard(async () => {
        if (main && manager) await referAndLeave(manager, main, target(number));
      }),
    /**
     * 代接: the lead (user id `leadId`) takes the caller over; in 三方通话 or while consulting the other leg ends too.
     * The caller comes back to this agent when the lead does not answer (`referToLead`).
     */
    takeOver: (leadId: string, contactId?: string) =>
      guard(async () => {
        if (!main || !manager) return;
        if (consult) await manager.hangup(consult).catch(() => {});
        leaveLine();
        await referToLead(manager, main, target(leadId), contactId ?? null);
      }),
    /** 一键转接 110/119/120/122: like 盲转, to the configured line. */
    emergencyTransfer: (line: string) =>
      guard(async () => {
        const number = state.emergencyNumbers[line];
        if (main && manager && number) await referAndLeave(manager, main, target(number));
      }),
    /** 咨询: the caller is held, a second call goes to the department. */
    consult: (number: string) =>
      guard(async () => {
        if (!main || !manager) return;
        await manager.hold(main);
        consult = await manager.call(target(number));
      }),
    /** 咨询转: the caller is connected to the consulted party (REFER with Replaces). */
    completeTransfer: () =>
      guard(async () => {
        if (main && consult) await manager?.transfer(main, consult);
      }),
    /** Back to the caller without transferring. */
    cancelConsult: () =>
      guard(async () => {
        if (consult) await manager?.hangup(consult);
        consult = null;
        if (main) await manager?.unhold(main);
        earsTo(main);
      }),
    /**
     * 三方通话: while consulting, the caller is taken off hold and the agent's browser mixes: the caller hears the agent
     * and the department, the department hears the agent and the caller, the agent hears both.
     */
    conference: () =>
      guard(async () => {
        if (!main || !consult || !manager || mixer) return;
        if (main.state !== SessionState.Established || consult.state !== SessionState.Established) return;
        if (manager.isMuted(main)) manager.unmute(main);
        if (manager.isHeld(main)) await manager.unhold(main);
        const legs = [main, consult].map((session) => {
          const pc = sdhOf(session)?.peerConnection;
          if (!pc) throw new Error('call leg without media');
          return { kind: 'party' as const, peerConnection: pc };
        });
        const microphone = sdhOf(main)?.localMediaStream.getAudioTracks()[0];
        const ears = remoteAudio();
        if (!microphone || !ears) throw new Error('no microphone');
        mixer = await startMix(legs, microphone, ears);
        mixMuted = false;
      }),
  };
}

export type Softphone = ReturnType<typeof createSoftphone>;
