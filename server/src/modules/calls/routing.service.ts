import { maskPhone } from '@hotline/shared/domain/phone';
import {
  eligibleTiers,
  enqueuedAtOfScore,
  queueScore,
  SKILL_GROUPS,
  type ContactChannel,
  type PriorityClass,
  type SkillGroup,
} from '@hotline/shared/domain/routing-policy';
import type { BreakReason } from '@hotline/shared/domain/agent-states';
import type { ScreenPop } from '@hotline/shared/contracts/calls';
import type { CallClearedReason } from '@hotline/shared/realtime/call-events';
import { conflict } from '../../platform/http/errors.js';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/audit.service.js';
import type { WaitingEntry } from './acd-store.js';
import { ticketsOfCaller } from './caller-history.js';
import {
  findContact,
  insertContact,
  markContactAbandoned,
  markContactConnected,
  markContactEnded,
  markContactRequeued,
  type ContactRow,
} from './calls.repository.js';
import { announceAgentState, recordAgentState, recordContactMove, type CallsContext } from './calls-context.js';
import { closeMonitorSessions } from './monitoring/monitor-sessions.js';
import { insertOfferedContact, insertQueuedContact, recordOfferStatement } from './routing.statements.js';
import type { PresenceService } from './presence.service.js';

/** Contacts looked at per skill group and pass; a pass repeats while it offers anything. */
const HEAD_LIMIT = 50;
const MAX_PASSES = 40;

export interface NewContactInput {
  channel: ContactChannel;
  callId?: string | null;
  callerNumber?: string | null;
  priority: PriorityClass;
  greenChannel: boolean;
  skillGroup: SkillGroup;
  reference?: string | null;
  parentContactId?: string | null;
}

export const waitingEntryOf = (c: Pick<ContactRow, 'id' | 'skillGroup' | 'priority' | 'enqueuedAt'>): WaitingEntry => ({
  contactId: c.id,
  group: c.skillGroup,
  score: queueScore(c.priority, c.enqueuedAt.getTime()),
});

/**
 * The router (ACD): queues contacts, offers each to the longest-idle ready agent of the best skill tier it may
 * reach (overflow widens the tiers as it waits), and moves offers through accept, reject, ring-no-answer and end.
 * Postgres records every step; the store makes the moves atomic across processes.
 */
export function createRoutingService(ctx: CallsContext, presence: PresenceService) {
  const { db, store, clock, notifier } = ctx;

  /**
   * Caller numbers of the contacts this process queued, by contact id: when this process also offers the contact
   * (the usual case: the pass starts right after the enqueue), the screen-pop's ticket history is read while the
   * offer is recorded instead of after it. A hint only — a contact queued elsewhere reads its history afterwards.
   */
  const callerHints = new Map<string, string | null>();
  function rememberCaller(contact: ContactRow) {
    if (callerHints.size >= 10_000) callerHints.clear();
    callerHints.set(contact.id, contact.callerNumber);
  }

  /**
   * Records the contact and routes it at once. Fast path: when the store can offer it straight away (a ready agent of
   * its best tier is free and nobody waits ahead of it — `offerNew`, one atomic step), the contact is recorded already
   * offered, with every row the enqueue and the offer write, in one statement: one commit to the screen-pop instead
   * of two. Otherwise it is recorded queued and then put in its waiting list (Postgres first, so every waiting entry
   * has its record and the queue can be rebuilt from Postgres, queue-recovery.ts), and a matching pass starts.
   */
  async function enqueueContact(input: NewContactInput, actor: AuditActor = SYSTEM_ACTOR): Promise<ContactRow> {
    const enqueuedAt = clock.now();
    const id = crypto.randomUUID();
    const values = {
      channel: input.channel,
      callId: input.callId ?? null,
      callerNumber: input.callerNumber ?? null,
      priority: input.priority,
      greenChannel: input.greenChannel,
      skillGroup: input.skillGroup,
      reference: input.reference ?? null,
      parentContactId: input.parentContactId ?? null,
      enqueuedAt,
    };
    const entry = waitingEntryOf({ id, skillGroup: input.skillGroup, priority: input.priority, enqueuedAt });
    const nowMs = enqueuedAt.getTime();
    const ringDeadlineMs = nowMs + ctx.policy.ringSeconds * 1000;
    const granted = await store.offerNew({ entry, tiers: eligibleTiers(0, ctx.policy), nowMs, ringDeadlineMs });
    if (granted) return offerNewContact(id, values, actor, granted, ringDeadlineMs);

    const contact = await insertQueuedContact(db, id, values, actor);
    rememberCaller(contact);
    await store.enqueue(waitingEntryOf(contact));
    notifier.wallboardChanged();
    void dispatch();
    return contact;
  }

  /**
   * The fast path's record: the store already rings the agent; Postgres gets the contact as offered with its audit
   * and the agent's ringing (one statement), then the screen-pop goes out — the same order as a matching pass. If the
   * statement fails, the offer is undone (the agent back to ready at its old place) and the enqueue fails as before.
   */
  async function offerNewContact(
    id: string,
    values: Parameters<typeof insertOfferedContact>[2],
    actor: AuditActor,
    granted: { agentId: string; idleSinceMs: number },
    ringDeadlineMs: number,
  ): Promise<ContactRow> {
    const history = ticketsOfCaller(db, values.callerNumber ?? null, values.enqueuedAt);
    history.catch(() => {});
    let recorded: Awaited<ReturnType<typeof insertOfferedContact>>;
    try {
      recorded = await insertOfferedContact(db, id, values, actor, granted.agentId);
    } catch (error) {
      await store
        .releaseOffer(granted.agentId, id, false, {
          state: 'ready',
          reason: null,
          sinceMs: granted.idleSinceMs,
          contactId: null,
        })
        .catch((e) => ctx.onError(e, 'undo offer'));
      void dispatch();
      throw error;
    }
    announceAgentState(ctx, recorded.ringing);
    try {
      notifier.toAgent(granted.agentId, 'call:delivered', await screenPop(recorded.contact, ringDeadlineMs, history));
    } catch (error) {
      // The offer stands (recorded, ringing until answered or timed out); only the screen-pop's lookup failed.
      ctx.onError(error, 'screen-pop');
    }
    return recorded.contact;
  }

  // ── Matching ─────────────────────────────────────────────────────────────────────────────────────────────

  let running: Promise<void> | null = null;
  let again = false;

  /** Runs matching passes until nothing more can be offered. One at a time per process; calls coalesce. */
  function dispatch(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        for (let pass = 0; pass < MAX_PASSES; pass++) {
          again = false;
          const offered = await dispatchPass();
          if (offered === 0 && !again) break;
        }
      } catch (error) {
        // Callers fire and forget; the next trigger or the 1-second tick retries, so a failed pass is only logged.
        ctx.onError(error, 'dispatch');
      } finally {
        running = null;
      }
    })();
    return running;
  }

  async function dispatchPass(): Promise<number> {
    const nowMs = clock.now().getTime();
    const heads = await store.waitingHeads(SKILL_GROUPS, HEAD_LIMIT);
    if (heads.length === 0) return 0;
    // One order across groups, so a shared agent goes to the contact with the better place (priority, then time).
    heads.sort((a, b) => a.score - b.score || (a.contactId < b.contactId ? -1 : 1));
    // The ready lists every head may reach, read together (one round trip: the commands go out back to back).
    const reach = heads.map((entry) => eligibleTiers(nowMs - enqueuedAtOfScore(entry.score), ctx.policy));
    const keys = [...new Set(heads.flatMap((entry, i) => reach[i]!.map((tier) => `${entry.group}:${tier}`)))];
    const lists = await Promise.all(
      keys.map((key) => {
        const [group, tier] = key.split(':');
        return store.readyAgents(group as SkillGroup, Number(tier), HEAD_LIMIT);
      }),
    );
    const candidates = new Map(keys.map((key, i) => [key, lists[i]!]));
    const taken = new Set<string>();
    const claims: { entry: WaitingEntry; agentId: string }[] = [];
    for (const [i, entry] of heads.entries()) {
      tiers: for (const tier of reach[i]!) {
        const list = candidates.get(`${entry.group}:${tier}`)!;
        while (list.length > 0) {
          const agentId = list[0]!;
          if (taken.has(agentId)) {
            list.shift();
            continue;
          }
          const result = await store.claimOffer({
            contactId: entry.contactId,
            group: entry.group,
            agentId,
            nowMs,
            ringDeadlineMs: nowMs + ctx.policy.ringSeconds * 1000,
          });
          if (result === 'contact_gone') break tiers;
          list.shift();
          if (result === 'claimed') {
            taken.add(agentId);
            claims.push({ entry, agentId });
            break tiers;
          }
        }
      }
    }
    await Promise.all(claims.map((c) => recordOffer(c.entry.contactId, c.agentId, nowMs)));
    return claims.length;
  }

  /**
   * The claim won in the store; now Postgres (the offer, the agent's ringing and both audit rows in one statement),
   * then the screen-pop; its ticket history is read beside that statement when this process queued the contact
   * (callerHints), after it otherwise.
   */
  async function recordOffer(contactId: string, agentId: string, nowMs: number) {
    const at = new Date(nowMs);
    const hint = callerHints.get(contactId);
    callerHints.delete(contactId);
    const history = hint === undefined ? undefined : ticketsOfCaller(db, hint, at);
    history?.catch(() => {});
    const recorded = await recordOfferStatement(db, { contactId, agentId, at });
    if (!recorded) {
      // Postgres says the contact is no longer waiting (abandoned meanwhile): undo the offer, keep the agent ready.
      await store.releaseOffer(agentId, contactId, false, {
        state: 'ready',
        reason: null,
        sinceMs: nowMs,
        contactId: null,
      });
      return;
    }
    announceAgentState(ctx, recorded.ringing);
    notifier.toAgent(
      agentId,
      'call:delivered',
      await screenPop(recorded.contact, nowMs + ctx.policy.ringSeconds * 1000, history),
    );
  }

  async function screenPop(
    contact: ContactRow,
    ringDeadlineMs: number,
    historyLookup: ReturnType<typeof ticketsOfCaller> = ticketsOfCaller(db, contact.callerNumber, clock.now()),
  ): Promise<ScreenPop> {
    const history = await historyLookup;
    return {
      contactId: contact.id,
      channel: contact.channel,
      callerNumberMasked: maskPhone(contact.callerNumber),
      priority: contact.priority,
      greenChannel: contact.greenChannel,
      skillGroup: contact.skillGroup,
      reference: contact.reference,
      enqueuedAt: contact.enqueuedAt.toISOString(),
      ringDeadline: new Date(ringDeadlineMs).toISOString(),
      previousTickets: history.previous,
      openTickets: history.open,
      confidential: history.previous.some((t) => t.confidential),
      repeatCaller: history.repeatCaller,
    };
  }

  // ── Offers ──────────────────────────────────────────────────────────────────────────────────────────────

  /** 接听: the offered agent takes the contact. */
  /**
   * 接听: the agent takes the contact ringing at their console or softphone. Postgres first, in the transaction that
   * records it: the contact must be on record as offered (or still queued, a matching pass's statement in flight) —
   * a fast-path offer whose statement has not committed yet has no row, and taking it would leave the agent talking
   * in Redis with the contact offered in Postgres once that statement lands. Then the store's accept; if the store
   * refuses (the offer timed out or the caller hung up), the transaction rolls back. Either refusal is a 409.
   */
  async function acceptOffer(agentId: string, contactId: string, actor: AuditActor) {
    const now = clock.now();
    const gone = () => conflict('该来电已不再为您振铃（可能已超时转回队列，或来电方已挂断）', 'offer_gone');
    await db.transaction(async (tx) => {
      const row = await markContactConnected(tx, contactId, agentId, now);
      if (!row) {
        const offer = await store.offerOf(contactId);
        if (offer?.agentId !== agentId) throw gone();
        throw conflict('该来电尚未送达您的坐席，请在来电弹屏出现后再接听', 'offer_not_recorded');
      }
      if (!(await store.acceptOffer(agentId, contactId, now.getTime()))) throw gone();
      await recordContactMove(tx, actor, row.id, { from: 'offered', to: 'connected', reason: null });
      await recordAgentState(
        ctx,
        { agentId, from: 'ringing', state: 'talking', reason: null, contactId, at: now },
        actor,
        tx,
      );
    });
    notifier.toAgent(agentId, 'call:established', { contactId, at: now.toISOString() });
  }

  /**
   * The offer ends unanswered: rejected (拒接), not answered in time (振铃未接), the console went away, or a lead
   * moves the contact. The contact goes back to its place in the queue; the agent to `agentState`.
   */
  async function withdrawOffer(
    agentId: string,
    contactId: string,
    why: CallClearedReason,
    agentState: { state: 'ready' | 'break'; reason: BreakReason | null },
    actor: AuditActor = SYSTEM_ACTOR,
  ): Promise<boolean> {
    const now = clock.now();
    const slots = agentState.state === 'ready' ? await presence.slotsOf(agentId) : undefined;
    const released = await store.releaseOffer(agentId, contactId, true, {
      ...agentState,
      sinceMs: now.getTime(),
      contactId: null,
      ...(slots ? { slots } : {}),
    });
    if (!released) return false;
    await db.transaction(async (tx) => {
      const row = await markContactRequeued(tx, contactId, agentId);
      if (row) await recordContactMove(tx, actor, row.id, { from: 'offered', to: 'queued', reason: why });
      // A fast-path offer whose statement never ran (the process died in between) names a contact Postgres does not
      // have: the agent's state change is still logged, without it.
      const known = row !== null || (await findContact(tx, contactId)) !== null;
      await recordAgentState(
        ctx,
        { agentId, from: 'ringing', ...agentState, contactId: known ? contactId : null, at: now },
        actor,
        tx,
      );
    });
    notifier.toAgent(agentId, 'call:cleared', { contactId, at: now.toISOString(), reason: why });
    void dispatch();
    return true;
  }

  async function rejectOffer(agentId: string, contactId: string, actor: AuditActor) {
    const done = await withdrawOffer(agentId, contactId, 'rejected', { state: 'break', reason: 'rejected' }, actor);
    if (!done) throw conflict('该来电已不再为您振铃，无需拒接', 'offer_gone');
  }

  const ringNoAnswer = (agentId: string, contactId: string) =>
    withdrawOffer(agentId, contactId, 'ring_no_answer', { state: 'break', reason: 'ring_no_answer' });

  /** The contact is over (hung up, finished): the agent wraps up (话后处理) until done or the timer ends it. */
  async function endContact(
    agentId: string,
    contactId: string,
    actor: AuditActor = SYSTEM_ACTOR,
    why: CallClearedReason = 'ended',
  ): Promise<boolean> {
    const now = clock.now();
    const previous = await store.transitionAgent(
      agentId,
      ['talking'],
      { state: 'wrap_up', reason: null, sinceMs: now.getTime(), contactId },
      contactId,
    );
    if (!previous) return false;
    await store.scheduleDeadline({ kind: 'wrap', agentId, contactId }, now.getTime() + ctx.policy.wrapUpSeconds * 1000);
    await db.transaction(async (tx) => {
      const row = await markContactEnded(tx, contactId, now);
      if (row) await recordContactMove(tx, actor, row.id, { from: 'connected', to: 'ended', reason: why });
      await recordAgentState(
        ctx,
        { agentId, from: 'talking', state: 'wrap_up', reason: null, contactId, at: now },
        actor,
        tx,
      );
    });
    // A lead still listening, whispering or barging (or whose page closed meanwhile): the session ends with the call.
    await closeMonitorSessions(db, now, actor, contactId, 'call_ended');
    notifier.toAgent(agentId, 'call:cleared', { contactId, at: now.toISOString(), reason: why });
    return true;
  }

  async function endContactByAgent(agentId: string, contactId: string, actor: AuditActor) {
    if (!(await endContact(agentId, contactId, actor))) throw conflict('您当前没有进行中的该来电', 'not_talking');
  }

  /**
   * The caller hung up before an agent answered (放弃). Out of the queue or the ringing offer; a callback task
   * (漏接回拨) with the same priority is queued when the number is known. Returns false when it was answered first.
   */
  async function abandonContact(contact: ContactRow, why: 'abandoned' | 'callback_requested'): Promise<boolean> {
    const now = clock.now();
    let removed = await store.removeWaiting(contact.id, contact.skillGroup);
    if (!removed) {
      const offer = await store.offerOf(contact.id);
      if (offer) {
        const slots = await presence.slotsOf(offer.agentId);
        removed = await store.releaseOffer(offer.agentId, contact.id, false, {
          state: 'ready',
          reason: null,
          sinceMs: now.getTime(),
          contactId: null,
          slots,
        });
        if (removed) {
          await recordAgentState(ctx, {
            agentId: offer.agentId,
            from: 'ringing',
            state: 'ready',
            reason: null,
            contactId: contact.id,
            at: now,
          });
          notifier.toAgent(offer.agentId, 'call:cleared', {
            contactId: contact.id,
            at: now.toISOString(),
            reason: 'abandoned',
          });
        }
      }
    }
    if (!removed) return false;
    const callback = await db.transaction(async (tx) => {
      const row = await markContactAbandoned(tx, contact.id, now);
      if (!row) return null;
      await recordContactMove(tx, SYSTEM_ACTOR, row.id, { from: contact.state, to: 'abandoned', reason: why });
      if (!row.callerNumber) return null;
      const task = await insertContact(tx, {
        channel: 'callback',
        callerNumber: row.callerNumber,
        priority: row.priority,
        greenChannel: row.greenChannel,
        skillGroup: row.skillGroup,
        parentContactId: row.id,
        state: 'queued',
        enqueuedAt: now,
      });
      await recordContactMove(tx, SYSTEM_ACTOR, task.id, { from: 'new', to: 'queued', reason: 'callback' });
      return task;
    });
    if (callback) await store.enqueue(waitingEntryOf(callback));
    notifier.wallboardChanged();
    void dispatch();
    return true;
  }

  /** 代接 / 改派: a lead moves a waiting or ringing contact to a given ready agent (or to themselves). */
  async function assignContact(contactId: string, toAgentId: string, actor: AuditActor) {
    const contact = await findContact(db, contactId);
    if (!contact) throw conflict('该来电不存在或已结束', 'contact_gone');
    if (contact.state !== 'queued' && contact.state !== 'offered') {
      throw conflict('只能改派排队中或振铃中的来电', 'contact_not_waiting');
    }
    const target = await presence.current(toAgentId);
    if (target.state !== 'ready' && !(toAgentId === actor.userId && target.state === 'break')) {
      throw conflict('目标坐席当前不是示闲状态，不能改派', 'agent_not_ready');
    }
    if (target.state === 'break') await presence.setAgentState(toAgentId, 'ready', undefined, actor);
    const offer = await store.offerOf(contactId);
    if (offer && offer.agentId !== toAgentId) {
      await withdrawOffer(offer.agentId, contactId, 'reassigned', { state: 'ready', reason: null }, actor);
    }
    const nowMs = clock.now().getTime();
    const result = await store.claimOffer({
      contactId,
      group: contact.skillGroup,
      agentId: toAgentId,
      nowMs,
      ringDeadlineMs: nowMs + ctx.policy.ringSeconds * 1000,
    });
    if (result !== 'claimed') throw conflict('改派未成功：来电或坐席状态刚刚发生变化，请重试', 'assign_race');
    await recordOffer(contactId, toAgentId, nowMs);
  }

  return {
    enqueueContact,
    dispatch,
    acceptOffer,
    rejectOffer,
    ringNoAnswer,
    withdrawOffer,
    endContact,
    endContactByAgent,
    abandonContact,
    assignContact,
    screenPop,
  };
}

export type RoutingService = ReturnType<typeof createRoutingService>;
