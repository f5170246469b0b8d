import { describe, expect, it } from 'vitest';
import { deriveContactFacts, deriveTicketFacts, type FactContext } from './metric-facts.js';

const ctx: FactContext = {
  now: new Date('2031-01-20T00:00:00Z'),
  unitOf: (id) => (id === 'street' ? 'district' : id),
  districts: [{ id: 'district', name: '甲区' }],
  oneVisit: (id) => id === 'm1',
};
const t0 = new Date('2031-01-05T02:00:00Z');
const ticket = {
  id: 't',
  status: 'in_progress',
  channel: 'phone',
  type: 'complaint',
  matterId: 'm1',
  address: '甲区某路',
  answer: null,
  currentRound: 1,
  leadDepartmentId: 'street',
  createdBy: 'a',
  createdAt: t0,
  closedAt: null,
};
const counters = (facts: { counter: string }[]) => facts.map((f) => f.counter).sort();

describe('issue 14 — metric facts derived from raw rows', () => {
  it('a ticket in intake counts nothing; a street rolls up to its district; area from the address', () => {
    expect(deriveTicketFacts({ ...ticket, status: 'intake' }, [], [], [], ctx)).toEqual([]);
    const facts = deriveTicketFacts(ticket, [], [], [], ctx);
    expect(counters(facts)).toEqual(['accepted', 'one_visit_matter', 'received', 'with_matter']);
    expect(facts[0]).toMatchObject({ unitId: 'district', area: 'district', day: '2031-01-05' });
  });

  it('handling clocks count as due once replied or past due (按时办结率), a returned round not at all', () => {
    const round = {
      id: 'r',
      round: 1,
      departmentId: 'street',
      role: 'lead',
      reopened: false,
      dispatchedAt: t0,
      signDueAt: t0,
      signedAt: t0,
      handlingDueAt: new Date('2031-01-30T00:00:00Z'),
      returnedAt: null,
      returnReview: null,
      repliedAt: null,
      extended: false,
    };
    expect(counters(deriveTicketFacts(ticket, [round], [], [], ctx))).not.toContain('handling_due');
    const late = { ...round, handlingDueAt: new Date('2031-01-10T00:00:00Z') };
    expect(counters(deriveTicketFacts(ticket, [late], [], [], ctx))).toEqual(
      expect.arrayContaining(['handling_due', 'overdue']),
    );
    const returned = { ...late, returnedAt: t0, returnReview: 'rejected' };
    const f = counters(deriveTicketFacts(ticket, [returned], [], [], ctx));
    expect(f).toEqual(expect.arrayContaining(['returns', 'improper_returns']));
    expect(f).not.toContain('handling_due');
  });

  it('an unreasonable ruling adds the exclusion fact; an unanswered call is abandoned', () => {
    const cb = {
      id: 'c',
      at: t0,
      agentId: 'a',
      reached: true,
      satisfaction: 'dissatisfied',
      solved: false,
      ruledUnreasonable: true,
    };
    expect(counters(deriveTicketFacts(ticket, [], [], [cb], ctx))).toEqual(
      expect.arrayContaining(['called_back', 'rated', 'dissatisfied', 'dissatisfied_ruled_out']),
    );
    const call = {
      id: 'k',
      channel: 'call',
      state: 'abandoned',
      agentId: null,
      enqueuedAt: t0,
      answeredAt: null,
      waitSeconds: 40,
      talkSeconds: null,
    };
    expect(counters(deriveContactFacts(call, null))).toEqual(['abandoned', 'inbound']);
    expect(deriveContactFacts({ ...call, state: 'queued' }, null)).toEqual([]);
  });
});
