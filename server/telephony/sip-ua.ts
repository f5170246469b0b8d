/**
 * Scripted SIP user agents in Node for `npm run call`, the tests and the benchmark: sip.js for signalling over
 * WebSocket (the `ws` package stands in for the browser's WebSocket) with a session-description handler that offers
 * and answers a fixed plain-RTP SDP, and real RTP (rtp-media.ts) through rtpengine for audio.
 */
import { WebSocket as NodeWebSocket } from 'ws';
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  UserAgent,
  type Session,
  type SessionDescriptionHandler,
  type SessionDescriptionHandlerOptions,
  type SessionDescriptionHandlerFactory,
} from 'sip.js';
import { openRtpEndpoint, type RtpEndpoint } from './rtp-media.js';

if (!(globalThis as { WebSocket?: unknown }).WebSocket) {
  (globalThis as { WebSocket?: unknown }).WebSocket = NodeWebSocket;
}

export const SIP_DOMAIN = 'hotline.local';

/** A session-description handler with a fixed plain-RTP SDP and a real RTP endpoint behind it. */
class FixedSdpHandler implements SessionDescriptionHandler {
  remoteSdp: string | null = null;
  private readonly sessionId = Math.floor(Math.random() * 1e9);
  constructor(
    readonly media: RtpEndpoint,
    private readonly onMedia: (h: FixedSdpHandler) => void,
  ) {}
  close() {
    this.media.close();
  }
  /** True while our offer waits for its answer. */
  private offering = false;
  /** A remote offer was set and not answered yet: the next description is the answer; otherwise it is a new offer. */
  private remoteOfferPending = false;
  async getDescription(options?: SessionDescriptionHandlerOptions & { hold?: boolean }) {
    if (this.remoteSdp && this.remoteOfferPending) {
      this.remoteOfferPending = false;
      this.media.start(this.remoteSdp);
      // Answer a hold with the mirrored direction (sendonly → recvonly, inactive → inactive).
      const remote = /^a=(sendonly|recvonly|inactive|sendrecv)/m.exec(this.remoteSdp)?.[1];
      const direction =
        remote === 'sendonly' ? 'recvonly' : remote === 'recvonly' ? 'sendonly' : (remote ?? 'sendrecv');
      return {
        body: this.media.sdp(this.sessionId, direction as 'sendrecv'),
        contentType: 'application/sdp',
      };
    }
    this.offering = true;
    // A re-INVITE with `sessionDescriptionHandlerOptions: { hold: true }` puts the other side on hold (保持).
    return {
      body: this.media.sdp(this.sessionId, options?.hold ? 'sendonly' : 'sendrecv'),
      contentType: 'application/sdp',
    };
  }
  hasDescription(contentType: string) {
    return contentType === 'application/sdp';
  }
  async setDescription(sdp: string) {
    this.remoteOfferPending = !this.offering;
    this.offering = false;
    this.remoteSdp = sdp;
    this.media.start(sdp);
    this.onMedia(this);
  }
  sendDtmf(tones: string) {
    void this.media.sendDtmf(tones);
    return true;
  }
}

function handlerFactory(samples: Int16Array | undefined): SessionDescriptionHandlerFactory {
  // sip.js asks the factory synchronously; the RTP socket is opened beforehand (see `prepareMedia`).
  return (session: Session) => {
    const media = (session as Session & { __media?: RtpEndpoint }).__media ?? pendingMedia.shift();
    if (!media) throw new Error('no RTP endpoint prepared');
    void samples;
    return new FixedSdpHandler(media, () => {});
  };
}

const pendingMedia: RtpEndpoint[] = [];

export class RegisterRejected extends Error {
  constructor(readonly statusCode: number) {
    super(`REGISTER rejected: ${statusCode}`);
  }
}

export interface ScriptedUaOptions {
  wsUrl: string;
  /** The SIP user (the agent's user id, or the caller's number). */
  user: string;
  /** REGISTER with these credentials (agents); a caller does not register. */
  auth?: { username: string; password: string };
  samples?: Int16Array;
  /** Parameters of the registered Contact; `media=rtp` tells the proxy this phone talks plain RTP. */
  contactParams?: Record<string, string>;
  /** Accept INVITEs with a Replaces header (the target of a warm transfer). */
  replaces?: boolean;
  /** REGISTER expiry in seconds (default 300); sip.js refreshes the registration before it runs out. */
  registerExpires?: number;
}

export interface ScriptedUa {
  ua: UserAgent;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /** Places a call; resolves when the INVITE is sent. `withoutSdp`: late offer (the far end offers in its 200). */
  call(target: string, headers?: string[], options?: { withoutSdp?: boolean }): Promise<Inviter>;
  /** Resolves with the next incoming call (agents). */
  nextInvitation(timeoutMs?: number): Promise<Invitation>;
  /** Opens the RTP endpoint for a session sip.js creates by itself (the INVITE that follows a REFER). */
  prepareMedia(): Promise<void>;
  mediaOf(session: Session): RtpEndpoint | null;
  stop(): Promise<void>;
}

export async function createScriptedUa(options: ScriptedUaOptions): Promise<ScriptedUa> {
  const invitations: Invitation[] = [];
  const waiters: ((i: Invitation) => void)[] = [];
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${options.user}@${SIP_DOMAIN}`),
    transportOptions: { server: options.wsUrl, traceSip: process.env.SIP_TRACE === '1' },
    authorizationUsername: options.auth?.username,
    authorizationPassword: options.auth?.password,
    contactParams: { transport: 'ws', media: 'rtp', ...(options.contactParams ?? {}) },
    sessionDescriptionHandlerFactory: handlerFactory(options.samples),
    logLevel: process.env.SIP_TRACE === '1' ? 'debug' : 'error',
    logBuiltinEnabled: process.env.SIP_TRACE === '1',
    sipExtensionReplaces: options.replaces ? SIPExtension.Supported : SIPExtension.Unsupported,
    delegate: {
      onInvite(invitation) {
        const waiter = waiters.shift();
        if (waiter) waiter(invitation);
        else invitations.push(invitation);
      },
    },
  });
  await ua.start();
  let registerer: Registerer | null = null;

  async function prepare() {
    pendingMedia.push(await openRtpEndpoint(options.samples));
  }

  return {
    ua,
    async register() {
      await registerer?.dispose().catch(() => {});
      registerer = new Registerer(ua, { expires: options.registerExpires ?? 300 });
      let fail: (e: Error) => void = () => {};
      const done = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('REGISTER timed out')), 5000);
        fail = (e) => {
          clearTimeout(timer);
          reject(e);
        };
        registerer!.stateChange.addListener((state) => {
          if (state === RegistererState.Registered) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await registerer.register({
        requestDelegate: {
          onReject: (response) => fail(new RegisterRejected(response.message.statusCode ?? 0)),
        },
      });
      await done;
    },
    async unregister() {
      await registerer?.unregister().catch(() => {});
    },
    async call(target: string, headers: string[] = [], { withoutSdp = false }: { withoutSdp?: boolean } = {}) {
      await prepare();
      const inviter = new Inviter(ua, UserAgent.makeURI(`sip:${target}@${SIP_DOMAIN}`)!, {
        extraHeaders: headers,
        inviteWithoutSdp: withoutSdp,
      });
      await inviter.invite();
      return inviter;
    },
    async nextInvitation(timeoutMs = 10_000) {
      const ready = invitations.shift();
      const invitation =
        ready ??
        (await new Promise<Invitation>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no INVITE arrived')), timeoutMs);
          waiters.push((i) => {
            clearTimeout(timer);
            resolve(i);
          });
        }));
      await prepare();
      return invitation;
    },
    prepareMedia: prepare,
    mediaOf(session: Session) {
      const handler = session.sessionDescriptionHandler as FixedSdpHandler | undefined;
      return handler?.media ?? null;
    },
    async stop() {
      await registerer?.unregister().catch(() => {});
      await ua.stop().catch(() => {});
      for (const m of pendingMedia.splice(0)) m.close();
    },
  };
}

/** Waits until a session reaches `state` (or fails when it terminates first). */
export function sessionState(session: Session, state: SessionState, timeoutMs = 10_000): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`session never reached ${state}`)), timeoutMs);
    session.stateChange.addListener((s) => {
      if (s === state) {
        clearTimeout(timer);
        resolve();
      } else if (s === SessionState.Terminated) {
        clearTimeout(timer);
        reject(new Error(`session terminated before ${state}`));
      }
    });
  });
}

export { SessionState };
