/**
 * Browser-side mixing for the softphone (三方通话, and the lead's 耳语/强插 line): rtpengine forwards each leg 1:1 and
 * cannot mix, so the agent's browser does it with Web Audio. Each call leg is one RTCPeerConnection (a sip.js session);
 * what is sent on a leg is replaced (RTCRtpSender.replaceTrack) by a MediaStreamAudioDestinationNode fed with the
 * agent's microphone and the other legs' received audio; the agent's ears get every leg.
 * Part of the softphone adapter: nothing outside this folder uses it.
 */

/** `party`: heard by everyone (caller, department, a barging lead); `whisper`: heard by the agent only (耳语). */
export type LegKind = 'party' | 'whisper';

export interface LegPlan {
  /** Sent on this leg: the agent's microphone plus these legs' received audio (indices). */
  sendsFrom: number[];
}

/**
 * Who hears whom: on leg i the agent sends its microphone and the audio received on every other `party` leg. A
 * `whisper` leg's audio reaches only the agent's ears (the caller never hears the lead), while the whispering lead
 * still hears the parties. The agent hears every leg.
 */
export function mixPlan(kinds: readonly LegKind[]): { legs: LegPlan[]; ears: number[] } {
  return {
    legs: kinds.map((_, i) => ({ sendsFrom: kinds.flatMap((kind, j) => (j !== i && kind === 'party' ? [j] : [])) })),
    ears: kinds.map((_, i) => i),
  };
}

export interface MixLeg {
  kind: LegKind;
  peerConnection: RTCPeerConnection;
}

export interface Mixer {
  /** Silences or restores the agent's microphone on every leg (mute in a mixed call). */
  mute(on: boolean): void;
  /** Stops mixing; each remaining leg gets its own microphone track back. */
  stop(): Promise<void>;
}

const audioSender = (pc: RTCPeerConnection) =>
  pc.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null) ?? null;
const audioReceiverTrack = (pc: RTCPeerConnection) =>
  pc.getReceivers().find((r) => r.track?.kind === 'audio')?.track ?? null;

/**
 * Starts mixing `legs` (each established). `microphone` is the agent's own track (one of the sessions' local tracks);
 * `ears` is the panel's <audio> element, which plays the mix of all legs while mixing (cleared by `stop`).
 */
export async function startMix(legs: MixLeg[], microphone: MediaStreamTrack, ears: HTMLAudioElement): Promise<Mixer> {
  const plan = mixPlan(legs.map((l) => l.kind));
  const context = new AudioContext();
  await context.resume().catch(() => {});
  const mic = context.createGain();
  context.createMediaStreamSource(new MediaStream([microphone])).connect(mic);
  // Chromium only pulls a remote WebRTC track through Web Audio while a media element plays it: muted sinks do that.
  const sinks: HTMLAudioElement[] = [];
  const remotes = legs.map((leg) => {
    const track = audioReceiverTrack(leg.peerConnection);
    if (!track) throw new Error('a call leg has no audio');
    const stream = new MediaStream([track]);
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => {});
    sinks.push(sink);
    return context.createMediaStreamSource(stream);
  });
  const originals: { sender: RTCRtpSender; track: MediaStreamTrack | null }[] = [];
  for (const [i, leg] of legs.entries()) {
    const sender = audioSender(leg.peerConnection);
    if (!sender) continue;
    const out = context.createMediaStreamDestination();
    mic.connect(out);
    for (const j of plan.legs[i]!.sendsFrom) remotes[j]!.connect(out);
    originals.push({ sender, track: sender.track });
    await sender.replaceTrack(out.stream.getAudioTracks()[0]!);
  }
  const earsOut = context.createMediaStreamDestination();
  for (const j of plan.ears) remotes[j]!.connect(earsOut);
  ears.srcObject = earsOut.stream;
  void ears.play().catch(() => {});

  let stopped = false;
  return {
    mute(on) {
      mic.gain.value = on ? 0 : 1;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const { sender, track } of originals) {
        // A closed connection (the leg hung up) refuses replaceTrack: nothing to restore there.
        await sender.replaceTrack(track).catch(() => {});
      }
      // The softphone gives the ears back to the remaining leg.
      if (ears.srcObject === earsOut.stream) ears.srcObject = null;
      for (const sink of sinks) sink.srcObject = null;
      await context.close().catch(() => {});
    },
  };
}
