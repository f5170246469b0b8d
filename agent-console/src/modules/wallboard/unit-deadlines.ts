import type { TicketSummary } from '@hotline/shared/contracts/tickets';

export interface UnitDeadlineRow {
  /** The lead unit's id, or null for tickets not (yet) with a unit. */
  unitId: string | null;
  unitName: string | null;
  overdue: number;
  dueSoon: number;
}

/**
 * 超期 and 即将超期 tickets counted by lead unit (主办单位) for the wallboard, most overdue first. The lists come from
 * `GET /api/tickets?overdue=true` and `?dueSoon=true` (the server's one definition of both).
 */
export function countsByUnit(overdue: TicketSummary[], dueSoon: TicketSummary[]): UnitDeadlineRow[] {
  const rows = new Map<string, UnitDeadlineRow>();
  const rowFor = (ticket: TicketSummary): UnitDeadlineRow => {
    const key = ticket.leadDepartment?.id ?? '';
    let row = rows.get(key);
    if (!row) {
      row = {
        unitId: ticket.leadDepartment?.id ?? null,
        unitName: ticket.leadDepartment?.name ?? null,
        overdue: 0,
        dueSoon: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  for (const ticket of overdue) rowFor(ticket).overdue += 1;
  for (const ticket of dueSoon) rowFor(ticket).dueSoon += 1;
  return [...rows.values()].sort(
    (a, b) =>
      b.overdue - a.overdue || b.dueSoon - a.dueSoon || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN'),
  );
}
