import { eq, inArray, sql } from 'drizzle-orm';
import type { ResyncRequest, ResyncSnapshot, TicketStateItem } from '@hotline/shared/realtime/resync';
import { isDepartmentRole, isHotlineRole } from '@hotline/shared/domain/roles';
import type { Db } from '../../platform/db/client.js';
import { coalesce } from '../../platform/realtime/coalesce.js';
import type { ResyncSource } from '../../platform/realtime/realtime.js';
import { dispatchRounds } from '../dispatch/dispatch.table.js';
import { tickets } from './tickets.table.js';

interface StateRow {
  item: TicketStateItem;
  /** Units with a round on the ticket: the units that may open it (the detail view's rule). */
  departmentIds: string[];
}

/** Sockets connecting within this window share one read; a reconnect storm costs a few queries, not thousands. */
const WINDOW_MS = 15;
const MAX_KEYS = 2_000;

/**
 * The tickets' part of the re-sync snapshot (issue 10.6): the state of the tickets a console shows, read in batches
 * shared by every socket connecting at the same time. Scoped as `GET /api/tickets/:id`: a unit sees a ticket it has a
 * round on, the hotline every ticket. Status and number only — no personal data, so no audit row.
 */
export function createTicketResync(db: Db): ResyncSource {
  const read = coalesce<string, StateRow>(
    async (ids) => {
      const rows = await db
        .select({
          id: tickets.id,
          number: tickets.number,
          status: tickets.status,
          updatedAt: tickets.updatedAt,
          departmentIds: sql<
            string[]
          >`coalesce(array_agg(distinct ${dispatchRounds.departmentId}) filter (where ${dispatchRounds.departmentId} is not null), '{}')`,
        })
        .from(tickets)
        .leftJoin(dispatchRounds, eq(dispatchRounds.ticketId, tickets.id))
        .where(inArray(tickets.id, ids))
        .groupBy(tickets.id);
      return new Map(
        rows.map((r) => [
          r.id,
          {
            item: {
              id: r.id,
              number: r.number,
              status: r.status,
              version: r.updatedAt.toISOString(),
            },
            departmentIds: r.departmentIds,
          },
        ]),
      );
    },
    { windowMs: WINDOW_MS, maxKeys: MAX_KEYS },
  );

  return async (session, request: ResyncRequest): Promise<ResyncSnapshot> => {
    const snapshot: ResyncSnapshot = { tickets: [], gone: [] };
    const unit = isDepartmentRole(session.role);
    // Roles without the detail view (知识库编辑) are told nothing.
    if (!unit && !isHotlineRole(session.role)) return { tickets: [], gone: [...request.tickets] };
    const found = await read(request.tickets);
    for (const id of request.tickets) {
      const row = found.get(id);
      const visible = row && (!unit || (!!session.departmentId && row.departmentIds.includes(session.departmentId)));
      if (visible) snapshot.tickets.push(row.item);
      else snapshot.gone.push(id);
    }
    return snapshot;
  };
}
