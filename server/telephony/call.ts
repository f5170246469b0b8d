/**
 * `npm run call -- --from 13800000000 [--digits 9] [--hangup-after 30] [--wav file.wav] [--ws ws://127.0.0.1:8088/ws]`
 * A scripted caller: a real SIP call into 12345 through the proxy (sip.js over WebSocket for signalling) with audio
 * from a WAV file (16-bit mono 8 kHz; a 440 Hz tone without one) sent as RTP through rtpengine. `--digits` are the
 * carrier IVR's collected keys, passed as the X-IVR-Digits header (9 = green channel, 绿色通道).
 */
import { parseArgs } from 'node:util';
import { readWavSamples } from './rtp-media.js';
import { createScriptedUa, sessionState, SessionState } from './sip-ua.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '13800000000' },
    digits: { type: 'string' },
    'hangup-after': { type: 'string', default: '30' },
    wav: { type: 'string' },
    ws: { type: 'string', default: process.env.SIP_WS_URL ?? 'ws://127.0.0.1:8088/ws' },
    to: { type: 'string', default: '12345' },
  },
});
const hangupAfter = Math.max(1, Number(values['hangup-after']));
const caller = await createScriptedUa({
  wsUrl: values.ws!,
  user: values.from!,
  samples: values.wav ? readWavSamples(values.wav) : undefined,
});
const started = Date.now();
const inviter = await caller.call(values.to!, values.digits ? [`X-IVR-Digits: ${values.digits}`] : []);
console.log(`☎ 呼叫 ${values.to}（主叫 ${values.from}）…`);
inviter.stateChange.addListener((state) => console.log(`  ${((Date.now() - started) / 1000).toFixed(1)}s ${state}`));
const end = async (code: number) => {
  const media = caller.mediaOf(inviter);
  if (media) console.log(`  RTP sent ${media.sent}, received ${media.received}`);
  await caller.stop();
  process.exit(code);
};
const timer = setTimeout(async () => {
  if (inviter.state === SessionState.Established) await inviter.bye();
  else await inviter.cancel().catch(() => {});
  setTimeout(() => void end(0), 500);
}, hangupAfter * 1000);
sessionState(inviter, SessionState.Terminated, (hangupAfter + 5) * 1000 + 600_000).then(
  () => {
    clearTimeout(timer);
    void end(0);
  },
  () => void end(1),
);
process.once(
  'SIGINT',
  () =>
    void inviter
      .cancel()
      .catch(() => inviter.bye())
      .finally(() => end(130)),
);
