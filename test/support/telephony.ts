import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, missingParts, startTelephony, type RunningTelephony } from '../../server/telephony/launcher.js';
import { startTestApp, type TestApp } from './test-app.js';
import type { Config } from '../../server/src/config/index.js';

export const TEST_SIP_AUTH_SECRET = 'test-sip-auth-secret';

export interface TelephonyRig {
  t: TestApp;
  tel: RunningTelephony;
  /** Kamailio's log lines so far (for failure messages). */
  log: string[];
  close(): Promise<void>;
}

/**
 * A private Kamailio + rtpengine on free loopback ports, wired to a test app listening on a free port: the proxy posts
 * telephony events to the app, the app resumes calls at the proxy. Kamailio and rtpengine must be installed (.ci/run
 * installs them): a missing part fails the test rather than skipping it.
 */
export async function startTelephonyRig(
  overrides: Partial<Config> = {},
  { registerLimit = 40, trunkSources }: { registerLimit?: number; trunkSources?: string } = {},
): Promise<TelephonyRig> {
  const missing = missingParts();
  if (missing.length) throw new Error(`telephony tests need ${missing.join(' and ')} (see .ci/run)`);
  const httpPort = await freePort('tcp');
  // rtpengine records into the run directory; the app reads the same folder (RECORDING_DIR).
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'hotline-telephony-'));
  const recordingDir = path.join(runDir, 'recordings');
  const ngPort = await freePort('udp');
  const t = await startTestApp({
    recordingDir,
    rtpengineNgUrl: `udp:127.0.0.1:${ngPort}`,
    kamailioHttpUrl: `http://127.0.0.1:${httpPort}`,
    sipWsUrl: `ws://127.0.0.1:${httpPort}/ws`,
    sipAuthSecret: TEST_SIP_AUTH_SECRET,
    sipDtmfPort: 0,
    // The satisfaction survey keeps the caller on the line after the agent hangs up: only the tests about it turn it on.
    callSurvey: false,
    ...overrides,
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const appPort = (t.app.server.address() as AddressInfo).port;
  const log: string[] = [];
  let tel: RunningTelephony;
  try {
    tel = await startTelephony({
      serverUrl: `http://127.0.0.1:${appPort}`,
      telephonySecret: t.deps.config.telephonySecret,
      sipAuthSecret: TEST_SIP_AUTH_SECRET,
      httpPort,
      registerLimit,
      runDir,
      recordingDir,
      ngPort,
      ...(trunkSources ? { trunkSources } : {}),
      // rtpengine's DTMF log → the app's listener (the survey keypress)
      ...(t.deps.calls.dtmfPort() ? { dtmfLogDest: `127.0.0.1:${t.deps.calls.dtmfPort()}` } : {}),
      onLog: (source, line) => {
        if (log.length < 5000) log.push(`[${source}] ${line}`);
      },
    });
  } catch (error) {
    await t.close();
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  return {
    t,
    tel,
    log,
    async close() {
      await tel.stop();
      await t.close();
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}
