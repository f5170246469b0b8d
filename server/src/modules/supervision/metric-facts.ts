import type { MetricCounter } from '@hotline/shared/domain/metrics';
import { toShanghaiDate, type IsoDate } from '@hotline/shared/domain/shanghai-time';

/**
 * Metric facts (指标事实): the pure derivation from a record's raw rows to the facts the rollups count. One function
 * per source (a ticket with its rounds and callbacks; a call with its rating), used both by the incremental refresh
 * and by the rebuild from raw — so the two cannot disagree by construction, and the property test checks the rest
 * (the delta bookkeeping).
 */
export interface MetricFact {
  counter: MetricCounter;
  /** Shanghai calendar day the fact is counted on. */
  day: IsoDate;
  /** 1 for counted facts; seconds for summed counters. */
  value: number;
  ticketId: string | null;
  contactId: string | null;
  /** The round, callback, reply or rating row behind the fact (null for the ticket or call itself). */
  refId: string | null;
  departmentId: string | null;
  /** The department with streets (街道) rolled up to their district (区县). */
  unitId: string | null;
  agentId: string | null;
  channel: string | null;
  type: string | null;
  matterId: string | null;
  /** District (区县) named in the address; 'unknown' when none is. */
  area: string | null;
}

export interface TicketSource {
  id: string;
  status: string;
  channel: string;
  type: string;
  matterId: string | null;
  address: string;
  answer: string | null;
  currentRound: number;
  leadDepartmentId: string | null;
  createdBy: string | null;
  createdAt: Date;
  /** When the ticket reached 办结 (closed), if it did: the audit row of the closing action. */
  closedAt: Date | null;
}

export interface RoundSource {
  id: string;
  round: number;
  departmentId: string;
  role: string;
  reopened: boolean;
  dispatchedAt: Date;
  signDueAt: Date | null;
  signedAt: Date | null;
  handlingDueAt: Date | null;
  returnedAt: Date | null;
  returnReview: string | null;
  repliedAt: Date | null;
  /** An extension was approved for this round. */
  extended: boolean;
}

export interface ReplySource {
  id: string;
  review: string;
  reviewedAt: Date | null;
}

export interface CallbackSource {
  id: string;
  at: Date;
  agentId: string | null;
  reached: boolean;
  satisfaction: string | null;
  solved: boolean | null;
  /** A lead ruled this dissatisfied rating unreasonable (不合理评价); the ruling row is kept. */
  ruledUnreasonable: boolean;
}

export interface ContactSource {
  id: string;
  channel: string;
  state: string;
  agentId: string | null;
  enqueuedAt: Date;
  answeredAt: Date | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
}

export interface CallRatingSource {
  id: string;
  agentId: string | null;
  rating: number;
  ratedAt: Date;
  ruledUnreasonable: boolean;
}

/** What the derivation needs to know about the city: unit tree, districts for the area, matters' visit class. */
export interface FactContext {
  now: Date;
  /** department id → its district (a street's parent), or itself. */
  unitOf(departmentId: string): string;
  /** District names (without 人民政府) with their ids, to find the area in an address. */
  districts: { id: string; name: string }[];
  /** matter id → true when it is a zero- or one-visit matter (零跑腿 / 跑一次). */
  oneVisit(matterId: string): boolean;
}

const ONLINE_CHANNELS = new Set(['web', 'sms']);
const NOT_ACCEPTED = new Set(['rejected', 'transferred', 'intake']);
const CLOSED = new Set(['closed', 'archived']);
const DAY_MS = 24 * 3600 * 1000;

export function areaOf(address: string, districts: FactContext['districts']): string {
  for (const d of districts) if (d.name && address.includes(d.name)) return d.id;
  return 'unknown';
}

export function districtKeyword(name: string): string {
  return name.replace(/人民政府$/, '').trim();
}

export function deriveTicketFacts(
  t: TicketSource,
  rounds: RoundSource[],
  replies: ReplySource[],
  callbacks: CallbackSource[],
  ctx: FactContext,
): MetricFact[] {
  if (t.status === 'intake') return [];
  const facts: MetricFact[] = [];
  const area = areaOf(t.address, ctx.districts);
  const base = (departmentId: string | null) => ({
    ticketId: t.id,
    contactId: null,
    departmentId,
    unitId: departmentId ? ctx.unitOf(departmentId) : null,
    agentId: t.createdBy,
    channel: t.channel,
    type: t.type,
    matterId: t.matterId,
    area,
  });
  const ticketFact = (counter: MetricCounter, day: IsoDate = toShanghaiDate(t.createdAt)) =>
    facts.push({ counter, day, value: 1, refId: null, ...base(t.leadDepartmentId) });

  ticketFact('received');
  const accepted = !NOT_ACCEPTED.has(t.status);
  if (accepted) ticketFact('accepted');
  const onTheSpot = accepted && t.answer !== null && t.currentRound === 0;
  if (onTheSpot) ticketFact('on_the_spot');
  const firstLeadReply = rounds
    .filter((r) => r.role === 'lead' && r.repliedAt)
    .map((r) => r.repliedAt!.getTime())
    .sort((a, b) => a - b)[0];
  if (accepted && (onTheSpot || (firstLeadReply !== undefined && firstLeadReply - t.createdAt.getTime() <= DAY_MS)))
    ticketFact('immediate');
  if (CLOSED.has(t.status)) {
    const day = toShanghaiDate(t.closedAt ?? t.createdAt);
    ticketFact('closed', day);
    if (ONLINE_CHANNELS.has(t.channel)) ticketFact('closed_online', day);
  }
  if (accepted && t.matterId) {
    ticketFact('with_matter');
    if (ctx.oneVisit(t.matterId)) ticketFact('one_visit_matter');
  }

  const now = ctx.now.getTime();
  for (const r of rounds) {
    const roundFact = (counter: MetricCounter, at: Date = r.dispatchedAt) =>
      facts.push({ counter, day: toShanghaiDate(at), value: 1, refId: r.id, ...base(r.departmentId) });
    roundFact('dispatches');
    if (r.returnedAt) {
      roundFact('returns');
      if (r.returnReview === 'rejected') roundFact('improper_returns');
    }
    if (r.role !== 'lead') continue;
    roundFact('lead_dispatches');
    if (r.reopened) roundFact('reopened');
    if (r.extended) roundFact('extended');
    const signedInTime = r.signedAt !== null && (r.signDueAt === null || r.signedAt <= r.signDueAt);
    if (signedInTime) roundFact('responded_in_time');
    if (r.signedAt || (r.signDueAt && r.signDueAt.getTime() <= now)) {
      roundFact('sign_due');
      if (signedInTime) roundFact('signed_on_time');
    }
    // A returned round's handling clock stops: it is not due from this unit.
    if (r.handlingDueAt && !r.returnedAt && (r.repliedAt || r.handlingDueAt.getTime() <= now)) {
      roundFact('handling_due', r.handlingDueAt);
      if (r.repliedAt && r.repliedAt <= r.handlingDueAt) roundFact('closed_on_time', r.handlingDueAt);
      else roundFact('overdue', r.handlingDueAt);
    }
  }

  // The unit a callback judges: the lead of the latest round dispatched before it.
  const leadRounds = rounds.filter((r) => r.role === 'lead').sort((a, b) => a.round - b.round);
  const unitAt = (at: Date) => {
    let unit: string | null = t.leadDepartmentId;
    for (const r of leadRounds) if (r.dispatchedAt <= at) unit = r.departmentId;
    return unit;
  };
  const sortedCallbacks = [...callbacks].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const reply of replies) {
    if (reply.review !== 'approved' || !reply.reviewedAt) continue;
    const dept = unitAt(reply.reviewedAt);
    const fact = (counter: MetricCounter) =>
      facts.push({ counter, day: toShanghaiDate(reply.reviewedAt!), value: 1, refId: reply.id, ...base(dept) });
    fact('callbacks_due');
    if (sortedCallbacks.some((c) => c.reached && c.at >= reply.reviewedAt!)) fact('callbacks_reached');
  }
  for (const c of sortedCallbacks) {
    if (!c.reached) continue;
    const dept = unitAt(c.at);
    const fact = (counter: MetricCounter) =>
      facts.push({ counter, day: toShanghaiDate(c.at), value: 1, refId: c.id, ...base(dept), agentId: c.agentId });
    fact('called_back');
    if (c.solved) fact('solved');
    if (c.satisfaction) {
      fact('rated');
      if (c.satisfaction === 'satisfied') fact('satisfied');
      else if (c.satisfaction === 'basically_satisfied') fact('basically_satisfied');
      else if (c.satisfaction === 'dissatisfied') {
        fact('dissatisfied');
        if (c.ruledUnreasonable) fact('dissatisfied_ruled_out');
      }
    }
  }
  return facts;
}

export function deriveContactFacts(c: ContactSource, rating: CallRatingSource | null): MetricFact[] {
  const facts: MetricFact[] = [];
  const base = {
    ticketId: null,
    contactId: c.id,
    departmentId: null,
    unitId: null,
    channel: 'phone',
    type: null,
    matterId: null,
    area: null,
  };
  if (c.channel === 'call' && (c.state === 'ended' || c.state === 'abandoned')) {
    const day = toShanghaiDate(c.enqueuedAt);
    const fact = (counter: MetricCounter, value = 1) =>
      facts.push({ counter, day, value, refId: null, agentId: c.agentId, ...base });
    fact('inbound');
    if (c.answeredAt) {
      fact('answered');
      if ((c.waitSeconds ?? 0) <= 15) fact('answered_15s');
      fact('wait_seconds', Math.max(0, c.waitSeconds ?? 0));
      fact('talk_seconds', Math.max(0, c.talkSeconds ?? 0));
    } else fact('abandoned');
  }
  if (rating) {
    const fact = (counter: MetricCounter) =>
      facts.push({
        counter,
        day: toShanghaiDate(rating.ratedAt),
        value: 1,
        refId: rating.id,
        agentId: rating.agentId,
        ...base,
      });
    fact('call_rated');
    if (rating.rating === 1) fact('call_satisfied');
    else if (rating.rating === 2) fact('call_basically_satisfied');
    else {
      fact('call_dissatisfied');
      if (rating.ruledUnreasonable) fact('call_dissatisfied_ruled_out');
    }
  }
  return facts;
}
