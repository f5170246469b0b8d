/**
 * `npm run telephony`: Kamailio + rtpengine on loopback with the project's configs, until Ctrl-C. Prints where.
 * Environment: HOTLINE_URL (the server, default http://127.0.0.1:3000), TELEPHONY_SECRET, SIP_AUTH_SECRET,
 * SIP_PORT (5060), SIP_HTTP_PORT (8088: WebSocket for softphones + the server's commands), RTPENGINE_NG_PORT (2223),
 * TELEPHONY_VERBOSE=1 for Kamailio's debug log, TELEPHONY_BIND (127.0.0.1; 0.0.0.0 in a container), TRUNK_SOURCES
 * (CIDRs allowed to call 12345 without a credential, default 127.0.0.1/32), RECORDING_DIR (same as the server's),
 * SIP_DTMF_PORT (4723: rtpengine's DTMF log → the server's listener with the same SIP_DTMF_PORT, for the survey),
 * SIP_DTMF_HOST (127.0.0.1: where the server listens for it; `app` in docker compose), RTPENGINE_NG_BIND (127.0.0.1;
 * 0.0.0.0 in compose so the server's listen-in reaches rtpengine from its own container), SURVEY_SECONDS (20).
 */
import { lookup } from 'node:dns/promises';
import path from 'node:path';
import { missingParts, startTelephony } from './launcher.js';

const env = process.env;
const missing = missingParts();
if (missing.length) {
  console.error(
    `✖ 未安装 ${missing.join('、')} (not installed): apt-get install kamailio kamailio-websocket-modules kamailio-utils-modules kamailio-json-modules kamailio-extra-modules kamailio-tls-modules rtpengine-daemon`,
  );
  process.exit(2);
}
const dtmfPort = Number(env.SIP_DTMF_PORT ?? 4723);
// rtpengine wants an address: the server's host name (compose: `app`) is resolved here.
const dtmfHost = (await lookup(env.SIP_DTMF_HOST || '127.0.0.1', { family: 4 })).address;
const running = await startTelephony({
  serverUrl: env.HOTLINE_URL ?? 'http://127.0.0.1:3000',
  telephonySecret: env.TELEPHONY_SECRET || 'dev-telephony-secret',
  sipAuthSecret: env.SIP_AUTH_SECRET || 'dev-sip-auth-secret',
  sipPort: Number(env.SIP_PORT ?? 5060),
  httpPort: Number(env.SIP_HTTP_PORT ?? 8088),
  ngPort: Number(env.RTPENGINE_NG_PORT ?? 2223),
  rtpPortMin: 30000,
  rtpPortMax: 30999,
  verbose: env.TELEPHONY_VERBOSE === '1',
  bindAddress: env.TELEPHONY_BIND || '127.0.0.1',
  trunkUri: env.TRUNK_URI || undefined,
  trunkSources: env.TRUNK_SOURCES || undefined,
  surveySeconds: Number(env.SURVEY_SECONDS) > 0 ? Number(env.SURVEY_SECONDS) : undefined,
  recordingDir: path.resolve(env.RECORDING_DIR || path.join(env.HOTLINE_DATA_DIR || 'data', 'recordings')),
  dtmfLogDest: `${dtmfHost}:${dtmfPort}`,
  ngBind: env.RTPENGINE_NG_BIND || undefined,
  onLog: (source, line) => console.log(`[${source}] ${line}`),
});
console.log(`✔ 电话系统已启动 (telephony up), run dir ${running.runDir}
  SIP (UDP/TCP)           sip:12345@127.0.0.1:${running.sipPort}
  softphones (WebSocket)  ${running.wsUrl}   → server env SIP_WS_URL
  server commands (HTTP)  ${running.httpUrl}  → server env KAMAILIO_HTTP_URL
  rtpengine (ng)          udp:${env.RTPENGINE_NG_BIND || '127.0.0.1'}:${running.ngPort}  → server env RTPENGINE_NG_URL (监听), RTP ${running.rtpPortMin}-${running.rtpPortMax}
  recordings              ${running.recordingDir}  → server env RECORDING_DIR
  DTMF log (survey keys)  udp:${dtmfHost}:${dtmfPort}  → server env SIP_DTMF_PORT (SIP_DTMF_BIND)`);
const shutdown = async () => {
  await running.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
