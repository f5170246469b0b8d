/**
 * Telephony benchmark (`npm run bench telephony`): a private Kamailio + rtpengine on loopback and the real server
 * (own database hotline_bench_telephony). Prints: the caller's wait from INVITE to two-way audio with a ready
 * agent, the answer → established latency, registrations held, and concurrent calls with RTP through rtpengine.
 * Bounded: every loop has a count and a time limit.
 */
import { percentile } from './stats.js';

const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hotline_bench_telephony';
const SEQUENTIAL_CALLS = 30;
const REGISTRATIONS = Number(process.env.BENCH_SIP_REGISTRATIONS ?? 300);
const REGISTRATION_TIME_MS = 90_000;
const CONCURRENT_CALLS = Number(process.env.BENCH_SIP_CONCURRENT ?? 30);
const TIME_LIMIT_MS = 180_000;

const summary = (values: number[]) =>
  `n=${values.length} p50=${percentile(values, 50).toFixed(0)} ms p95=${percentile(values, 95).toFixed(0)} ms ` +
  `max=${Math.max(...values).toFixed(0)} ms`;

export async function run(): Promise<void> {
  // The test support reads its database from the environment at import time.
  process.env.TEST_DATABASE_URL = DATABASE_URL;
  const { recreateDatabase } = await import('../../server/src/platform/db/ensure-database.js');
  const { connectDatabase } = await import('../../server/src/platform/db/client.js');
  const { runMigrations } = await import('../../server/src/platform/db/migrate.js');
  const { startTelephonyRig } = await import('../support/telephony.js');
  const { createAgents } = await import('../integration/calls-support.js');
  const { createScriptedUa, sessionState, SessionState } = await import('../../server/telephony/sip-ua.js');
  await recreateDatabase(DATABASE_URL);
  const setup = connectDatabase(DATABASE_URL, { max: 1 });
  await runMigrations(setup.db);
  await setup.close();

  // A softphone whose WebSocket the proxy closes under load throws from sip.js's transport: counted, not fatal.
  let transportErrors = 0;
  const onUncaught = () => void transportErrors++;
  process.on('uncaughtException', onUncaught);
  const started = Date.now();
  const inTime = () => Date.now() - started < TIME_LIMIT_MS;
  // The REGISTER flood guard is per source address, and every bench phone is on 127.0.0.1.
  const rig = await startTelephonyRig({}, { registerLimit: 100_000 });
  const calls = rig.t.deps.calls;
  const db = rig.t.deps.database.db;
  const uas: Awaited<ReturnType<typeof createScriptedUa>>[] = [];
  try {
    calls.ctx.policy.wrapUpSeconds = 0;
    const agentCount = Math.max(CONCURRENT_CALLS, 1);
    const agents = await createAgents(db, agentCount, () => [{ skill: 'general', level: 5 }]);
    const phones = [];
    for (const agentId of agents) {
      const phone = await createScriptedUa({
        wsUrl: rig.tel.wsUrl,
        user: agentId,
        auth: calls.sip!.credentials(agentId),
      });
      uas.push(phone);
      await phone.register();
      phones.push(phone);
    }
    const actor = (userId: string) => ({ userId, role: 'agent', ip: null });

    // 1. Sequential calls: INVITE → two-way RTP, and answer → established.
    const toAudio: number[] = [];
    const answerToEstablished: number[] = [];
    const caller = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: '13800000100' });
    uas.push(caller);
    for (let i = 0; i < SEQUENTIAL_CALLS && inTime(); i++) {
      const agentId = agents[0]!;
      await calls.presence.setAgentState(agentId, 'ready', undefined, actor(agentId));
      const t0 = performance.now();
      const inviter = await caller.call('12345');
      const invitation = await phones[0]!.nextInvitation();
      const t1 = performance.now();
      await invitation.accept();
      await sessionState(inviter, SessionState.Established);
      answerToEstablished.push(performance.now() - t1);
      const media = caller.mediaOf(inviter)!;
      while (media.received < 1 && performance.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 5));
      toAudio.push(performance.now() - t0);
      await inviter.bye();
      await sessionState(invitation, SessionState.Terminated).catch(() => {});
      await calls.presence.finishWrapUp(agentId, null).catch(() => {});
    }
    console.log(`INVITE → two-way audio (queue, offer, t_continue, ring, answer): ${summary(toAudio)}`);
    console.log(`answer pressed → caller established: ${summary(answerToEstablished)}`);

    // 2. Registrations held at once (each its own WebSocket).
    let held = 0;
    const extra = await createAgents(db, REGISTRATIONS, () => []);
    const regStart = performance.now();
    for (let i = 0; i < extra.length && inTime() && performance.now() - regStart < REGISTRATION_TIME_MS; i += 50) {
      const batch = extra.slice(i, i + 50);
      const results = await Promise.allSettled(
        batch.map(async (id) => {
          const ua = await createScriptedUa({ wsUrl: rig.tel.wsUrl, user: id, auth: calls.sip!.credentials(id) });
          uas.push(ua);
          await ua.register();
        }),
      );
      held += results.filter((r) => r.status === 'fulfilled').length;
    }
    console.log(
      `registrations held: ${held}/${REGISTRATIONS} in ${((performance.now() - regStart) / 1000).toFixed(1)} s`,
    );

    // 3. Concurrent calls with RTP through rtpengine.
    for (const agentId of agents) await calls.presence.setAgentState(agentId, 'ready', undefined, actor(agentId));
    const callers = await Promise.all(
      Array.from({ length: CONCURRENT_CALLS }, (_, i) =>
        createScriptedUa({ wsUrl: rig.tel.wsUrl, user: `1390000${String(i).padStart(4, '0')}` }),
      ),
    );
    uas.push(...callers);
    const answering = phones.map(async (phone) => {
      const invitation = await phone.nextInvitation(30_000);
      await invitation.accept();
      return invitation;
    });
    const inviters = await Promise.all(callers.map((c) => c.call('12345')));
    const established = await Promise.allSettled(
      inviters.map((s) => sessionState(s, SessionState.Established, 30_000)),
    );
    await Promise.allSettled(answering);
    await new Promise((r) => setTimeout(r, 2000));
    const ok = established.filter((r) => r.status === 'fulfilled').length;
    const withAudio = inviters.filter((s, i) => (callers[i]!.mediaOf(s)?.received ?? 0) > 50).length;
    console.log(
      `concurrent calls: ${ok}/${CONCURRENT_CALLS} established, ${withAudio} with two-way RTP through rtpengine`,
    );
    await Promise.allSettled(inviters.map((s) => s.bye()));
  } finally {
    for (const ua of uas) await ua.stop().catch(() => {});
    await rig.close();
    process.off('uncaughtException', onUncaught);
    if (transportErrors) console.log(`softphone transport errors during the run: ${transportErrors}`);
  }
}
