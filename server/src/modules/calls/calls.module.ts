import { policyProblem, type RoutingPolicy } from '@hotline/shared/domain/routing-policy';
import type { WallboardSnapshot } from '@hotline/shared/contracts/calls';
import { rooms } from '@hotline/shared/realtime/rooms';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest } from '../../platform/http/errors.js';
import type { Realtime } from '../../platform/realtime/realtime.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import type { AcdStore, Deadline } from './acd-store.js';
import { loadPolicy, markCallbackOffers, savePolicy } from './calls.repository.js';
import { defaultPolicy, realtimeNotifier, type CallsContext, type CallNotifier } from './calls-context.js';
import { createPresenceService } from './presence.service.js';
import { createRecordingService, type RecordingConfig } from './recording/recording.service.js';
import { recordOutboundOutcome } from './outbound-call-events.js';
import { rebuildQueuesFromPostgres } from './queue-recovery.js';
import { createRoutingService } from './routing.service.js';
import { createSipBridge, type SipBridgeConfig } from './sip-bridge.js';
import { createTelephonyService } from './telephony.service.js';
import { createWallboardService } from './wallboard.service.js';
import { createCallRecordService } from './call-records.service.js';
import { createSurveyService } from './survey.service.js';
import { startDtmfListener, type DtmfPress } from './dtmf-listener.js';

const TICK_MS = 1_000;
/** Coalesces wallboard changes: at most one snapshot per this many ms, so a burst costs one query set. */
const WALLBOARD_THROTTLE_MS = 250;
const WALLBOARD_REFRESH_MS = 5_000;
const POLICY_REFRESH_MS = 10_000;
const CALLBACK_OFFER_CHECK_MS = 5_000;
const RECORDING_PURGE_MS = 3_600_000;

export interface CallsModuleDeps {
  db: Db;
  store: AcdStore;
  clock: Clock;
  realtime: Realtime | null;
  /** Replaces the realtime notifier (benchmarks and unit-level tests). */
  notifier?: CallNotifier;
  /** The SIP proxy (Kamailio): phone calls offered by the router are resumed towards the agent's softphone. */
  sip?: SipBridgeConfig;
  /** 通话录音: rtpengine's recording directory and the retention; unset = recordings are not kept. */
  recording?: RecordingConfig;
  /** Where background failures are reported (the app's logger). */
  onError?: (error: unknown, what: string) => void;
}

/**
 * Builds the calls module: presence, router, telephony events, wallboard, and the timers that drive them (ring
 * timeouts, wrap-up, lost connections, overflow re-checks). The timers live in the store's deadline list, popped
 * atomically, so with several server processes each deadline fires once. `tick()` is also what tests call after
 * moving the fake clock.
 */
export function createCallsModule(deps: CallsModuleDeps) {
  const { db, store, clock, realtime } = deps;
  let wallboardTimer: NodeJS.Timeout | null = null;
  let lastSnapshot: WallboardSnapshot | null = null;

  // An offer the router withdrew while the phone may still ring (the proxy's own failures answer 409 there).
  const WITHDRAWN_REASONS = new Set(['reassigned', 'ring_no_answer', 'rejected']);
  const baseNotifier =
    deps.notifier ??
    realtimeNotifier(
      (room, event, payload) => realtime?.emitTo(room, event as 'notification', payload as never),
      () => scheduleWallboard(),
    );
  // The screen-pop and the SIP offer leave together: a phone call rings the agent's softphone at the same moment.
  const notifier: CallNotifier = {
    toAgent(agentId, event, ...args) {
      baseNotifier.toAgent(agentId, event, ...args);
      if (event === 'call:delivered' && sip) {
        const pop = args[0] as { contactId: string; channel: string };
        if (pop.channel === 'call') void sip.offered(agentId, pop.contactId).catch((e) => onError(e, 'sip offer'));
      }
      if (event === 'call:cleared' && sip) {
        const cleared = args[0] as { contactId: string; reason: string };
        if (WITHDRAWN_REASONS.has(cleared.reason))
          void sip.withdrawn(agentId, cleared.contactId).catch((e) => onError(e, 'sip withdraw'));
      }
    },
    wallboardChanged: () => baseNotifier.wallboardChanged(),
  };
  const onError = deps.onError ?? ((error: unknown, what: string) => console.error(`calls ${what} failed`, error));
  const ctx: CallsContext = { db, store, clock, notifier, policy: defaultPolicy(), onError };
  // The router is created right after; presence only calls it later, when an agent becomes ready.
  const presence = createPresenceService(ctx, () => void router.dispatch());
  const router = createRoutingService(ctx, presence);
  const recordings = deps.recording ? createRecordingService(db, clock, deps.recording) : null;
  const records = createCallRecordService(db, clock, { surveyEnabled: () => deps.sip?.callSurvey ?? true });
  const telephonyEvents = createTelephonyService(ctx, router, records);
  // A call that ended (`cleared`, first time) gets its recording hashed and stored once rtpengine closed the file.
  const telephony: typeof telephonyEvents = {
    ...telephonyEvents,
    async handleEvent(event) {
      const result = await telephonyEvents.handleEvent(event);
      if (result.duplicate) return result;
      // An abandoned call rang an agent at most: finalize finds it unanswered and deletes the rings' files.
      if (recordings && (event.type === 'cleared' || event.type === 'abandoned'))
        void recordings.finalize(event.callId).catch((e) => onError(e, 'recording'));
      // A 外呼's BYE (no contact has its Call-ID): the dial linked to it, if any, was answered.
      if (event.type === 'cleared' && !result.contactId)
        void recordOutboundOutcome(db, clock, event.callId, 'answered', 200).catch((e) =>
          onError(e, 'outbound outcome'),
        );
      return result;
    },
  };
  const sip = deps.sip ? createSipBridge(ctx, router, deps.sip) : null;
  const survey = createSurveyService(db, clock);
  let dtmf: Awaited<ReturnType<typeof startDtmfListener>> | null = null;

  /** A keypress from rtpengine's DTMF log: after the call, 1/2/3 rate it (一次一评) and the proxy ends the survey. */
  async function onKeypress(press: DtmfPress) {
    const result = await survey.rate({ callId: press.callId, digit: press.digit });
    if (result.outcome === 'rated' || result.outcome === 'already_rated') await sip?.surveyEnd(press.callId);
  }
  const wallboard = createWallboardService(ctx);

  function scheduleWallboard() {
    if (wallboardTimer || !realtime) return;
    wallboardTimer = setTimeout(() => {
      wallboardTimer = null;
      void publishWallboard();
    }, WALLBOARD_THROTTLE_MS);
    wallboardTimer.unref();
  }

  async function publishWallboard(): Promise<WallboardSnapshot | null> {
    if (!realtime) return null;
    try {
      lastSnapshot = await wallboard.snapshot();
      realtime.emitTo(rooms.wallboard(), 'wallboard:snapshot', lastSnapshot);
      return lastSnapshot;
    } catch (error) {
      onError(error, 'wallboard');
      return null;
    }
  }

  async function handleDeadline(d: Deadline) {
    if (d.kind === 'ring' && d.contactId) await router.ringNoAnswer(d.agentId, d.contactId);
    else if (d.kind === 'wrap') await presence.finishWrapUp(d.agentId, d.contactId);
    else if (d.kind === 'grace') await connectionGraceOver(d.agentId);
  }

  async function connectionGraceOver(agentId: string) {
    if (realtime && (await realtime.io.in(rooms.user(agentId)).fetchSockets()).length > 0) return;
    const current = await presence.current(agentId);
    if (current.state === 'ringing' && current.contactId) {
      await router.withdrawOffer(agentId, current.contactId, 'ring_no_answer', {
        state: 'break',
        reason: 'connection_lost',
      });
      return;
    }
    await presence.markConnectionLost(agentId);
  }

  let lastPolicyRefresh = 0;
  let lastCallbackCheck = 0;
  let lastRecordingPurge = 0;
  let ticking = false;

  /** One round of the timers: due deadlines, callback offers, policy refresh and a matching pass (overflow). */
  async function tick(): Promise<void> {
    if (ticking) return;
    ticking = true;
    try {
      const now = clock.now();
      for (const deadline of await store.popDueDeadlines(now.getTime(), 500)) {
        await handleDeadline(deadline).catch((error) => onError(error, `deadline ${deadline.kind}`));
      }
      if (Date.now() - lastPolicyRefresh > POLICY_REFRESH_MS) {
        lastPolicyRefresh = Date.now();
        await refreshPolicy();
      }
      if (Date.now() - lastCallbackCheck > CALLBACK_OFFER_CHECK_MS) {
        lastCallbackCheck = Date.now();
        await offerCallbacks();
      }
      if (recordings && Date.now() - lastRecordingPurge > RECORDING_PURGE_MS) {
        lastRecordingPurge = Date.now();
        void recordings
          .purgeExpired()
          .then(() => recordings.sweepUnclaimed())
          .catch((error) => onError(error, 'recording retention'));
      }
      await router.dispatch();
    } finally {
      ticking = false;
    }
  }

  async function offerCallbacks() {
    const now = clock.now();
    const marked = await markCallbackOffers(db, new Date(now.getTime() - ctx.policy.callbackOfferSeconds * 1000), now);
    if (marked.length) scheduleWallboard();
    return marked.length;
  }

  async function refreshPolicy() {
    const saved = await loadPolicy(db);
    if (saved && !policyProblem(saved)) Object.assign(ctx.policy, saved);
  }

  async function updatePolicy(policy: RoutingPolicy, actor: AuditActor) {
    const problem = policyProblem(policy);
    if (problem) throw badRequest(problem, 'invalid_policy');
    await db.transaction(async (tx) => {
      await savePolicy(tx, policy, actor.userId, clock.now());
      await recordAudit(tx, actor, {
        action: 'acd.policy',
        entityType: 'acd_settings',
        entityId: '1',
        detail: { ...policy },
      });
    });
    Object.assign(ctx.policy, policy);
    return { ...ctx.policy };
  }

  let tickTimer: NodeJS.Timeout | null = null;
  let wallboardRefresh: NodeJS.Timeout | null = null;

  /** Boot: policy, rebuild from Postgres, socket hooks, timers. */
  async function start() {
    await refreshPolicy();
    if (deps.sip?.dtmfPort !== undefined && deps.sip.dtmfPort !== null && !dtmf) {
      dtmf = await startDtmfListener(
        deps.sip.dtmfPort,
        (press) => void onKeypress(press).catch((error) => onError(error, 'survey keypress')),
        deps.sip.dtmfBind,
      );
    }
    // A failed rebuild must not stop the server; it can be run again on demand (POST /api/calls/rebuild).
    await rebuildQueuesFromPostgres(ctx, presence).catch((error) => onError(error, 'rebuild'));
    if (realtime) {
      realtime.onConnect((session) => {
        void store.cancelDeadline({ kind: 'grace', agentId: session.userId, contactId: null }).catch(() => {});
      });
      realtime.onDisconnect((session) => {
        if (session.role !== 'agent' && session.role !== 'lead') return;
        const due = clock.now().getTime() + ctx.policy.disconnectGraceSeconds * 1000;
        void store.scheduleDeadline({ kind: 'grace', agentId: session.userId, contactId: null }, due).catch(() => {});
      });
    }
    tickTimer = setInterval(() => void tick().catch((error) => onError(error, 'tick')), TICK_MS);
    tickTimer.unref();
    wallboardRefresh = setInterval(() => {
      if (realtime?.io.sockets.adapter.rooms.get(rooms.wallboard())?.size) void publishWallboard();
    }, WALLBOARD_REFRESH_MS);
    wallboardRefresh.unref();
    void router.dispatch();
  }

  async function stop() {
    if (tickTimer) clearInterval(tickTimer);
    if (wallboardRefresh) clearInterval(wallboardRefresh);
    if (wallboardTimer) clearTimeout(wallboardTimer);
    await dtmf?.close();
    dtmf = null;
    // Let a running pass finish so no claim is left half-recorded when the pool closes.
    await router.dispatch().catch(() => {});
  }

  return {
    ctx,
    store,
    presence,
    router,
    telephony,
    sip,
    recordings,
    survey,
    records,
    /** The UDP port rtpengine's DTMF log goes to (null when not listening). */
    dtmfPort: () => dtmf?.port ?? null,
    wallboard,
    tick,
    start,
    stop,
    publishWallboard,
    offerCallbacks,
    updatePolicy,
    lastSnapshot: () => lastSnapshot,
    rebuildQueuesFromPostgres: () => rebuildQueuesFromPostgres(ctx, presence),
  };
}

export type CallsModule = ReturnType<typeof createCallsModule>;
