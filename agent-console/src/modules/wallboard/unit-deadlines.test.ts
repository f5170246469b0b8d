import { describe, expect, it } from 'vitest';
import type { TicketSummary } from '@hotline/shared/contracts/tickets';
import { countsByUnit } from './unit-deadlines';

const ticket = (unit: { id: string; name: string } | null) => ({ leadDepartment: unit }) as TicketSummary;
const scjg = { id: 'a', name: '市市场监督管理局' };
const zjj = { id: 'b', name: '市住房和城乡建设局' };

describe('issue 11: wallboard deadline counts by unit', () => {
  it('counts overdue and due-soon tickets per lead unit, most overdue first, unassigned ones apart', () => {
    expect(countsByUnit([ticket(scjg), ticket(zjj), ticket(zjj), ticket(null)], [ticket(scjg)])).toEqual([
      { unitId: 'b', unitName: '市住房和城乡建设局', overdue: 2, dueSoon: 0 },
      { unitId: 'a', unitName: '市市场监督管理局', overdue: 1, dueSoon: 1 },
      { unitId: null, unitName: null, overdue: 1, dueSoon: 0 },
    ]);
    expect(countsByUnit([], [])).toEqual([]);
  });
});
