import { Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web';
import type { SipCredentials } from '@hotline/shared/contracts/telephony';
import { SIP_DOMAIN } from '@hotline/shared/contracts/telephony';
import { MONITOR_LINE_HEADER } from '@hotline/shared/contracts/call-monitoring';
import { ICE_GATHERING_TIMEOUT_MS, type Softphone } from './softphone';
import { currentSoftphone } from './current';

/**
 * 班长监听 in the browser: a receive-only SIP call to the one-time address the server granted (`sip:monitor.…`),
 * placed without SDP so the proxy answers with rtpengine's send-only copy of the call (one audio track per party),
 * and the lead's browser answers without a microphone. Part of the softphone adapter: only this folder imports sip.js.
 * The call goes out through the sign-in's registered softphone (`currentSoftphone`: a lead's wallboard has one); only
 * without one (an admin's console) is a user agent of its own opened for the call.
 */
export interface ListenIn {
  stop(): Promise<void>;
}

export function startListenIn(
  credentials: () => Promise<SipCredentials>,
  target: string,
  audio: HTMLAudioElement,
  onEnded: () => void,
): Promise<ListenIn> {
  return place(credentials, target, audio, onEnded, null);
}

/**
 * 耳语/强插: the lead calls the agent's softphone (`agent`: the agent's SIP user) as a second line, with a microphone
 * and the grant in `X-Hotline-Monitor`; the agent's console checks the grant, answers and mixes (whisper: only the
 * agent hears the lead; barge: the caller too). The lead hears the caller and the agent through that mix.
 */
export function startTalkIn(
  credentials: () => Promise<SipCredentials>,
  agent: string,
  grant: string,
  audio: HTMLAudioElement,
  onEnded: () => void,
): Promise<ListenIn> {
  return place(credentials, agent, audio, onEnded, grant);
}

async function place(
  credentials: () => Promise<SipCredentials>,
  target: string,
  audio: HTMLAudioElement,
  onEnded: () => void,
  grant: string | null,
): Promise<ListenIn> {
  const phone: Softphone | null = currentSoftphone.value;
  const shared = phone?.state.status === 'registered' ? phone.userAgent() : null;
  const own = shared ? null : await credentials();
  const ua =
    shared ??
    new UserAgent({
      uri: UserAgent.makeURI(own!.aor),
      transportOptions: { server: own!.wsUrl },
      authorizationUsername: own!.username,
      authorizationPassword: own!.password,
      logLevel: 'warn',
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: ICE_GATHERING_TIMEOUT_MS },
    });
  /** A user agent of its own ends with the call; the shared softphone stays registered. */
  const release = async () => {
    if (!shared) await ua.stop().catch(() => {});
  };
  if (!shared) await ua.start();
  const inviter = new Inviter(
    ua,
    UserAgent.makeURI(`sip:${target}@${SIP_DOMAIN}`)!,
    grant
      ? {
          extraHeaders: [`${MONITOR_LINE_HEADER}: ${grant}`],
          sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
        }
      : { inviteWithoutSdp: true, sessionDescriptionHandlerOptions: { constraints: { audio: false, video: false } } },
  );
  const stop = async () => {
    if (inviter.state === SessionState.Established) await inviter.bye().catch(() => {});
    else if (inviter.state === SessionState.Establishing) await inviter.cancel().catch(() => {});
    await release();
  };
  const established = new Promise<void>((resolve, reject) => {
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        const sdh = (inviter as Session).sessionDescriptionHandler as SessionDescriptionHandler | undefined;
        if (sdh) {
          audio.srcObject = sdh.remoteMediaStream;
          void audio.play().catch(() => {});
        }
        resolve();
      } else if (state === SessionState.Terminated) {
        audio.srcObject = null;
        reject(new Error('listen-in ended'));
        onEnded();
        void release();
      }
    });
  });
  established.catch(() => {});
  await inviter.invite();
  await established;
  return { stop };
}
