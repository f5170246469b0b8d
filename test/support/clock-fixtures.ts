import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CategoryFlag, TicketType, Urgency } from '@hotline/shared/domain/ticket-types';
import type { ServerToClientEvents } from '@hotline/shared/realtime/events';
import type { Db } from '../../server/src/platform/db/client.js';
import type { Realtime } from '../../server/src/platform/realtime/realtime.js';
import { tickets } from '../../server/src/modules/tickets/tickets.table.js';
import { departments } from '../../server/src/modules/departments/departments.table.js';
import type { ClockSubject } from '../../server/src/modules/clocks/clocks.contract.js';

/** A ticket row for clocks to hang on (the clock tests do not go through intake). */
export async function insertTicketForClocks(
  db: Db,
  options: { type?: TicketType; urgency?: Urgency; categories?: CategoryFlag[] } = {},
) {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 12);
  const [row] = await db
    .insert(tickets)
    .values({
      number: `T${suffix}`,
      status: 'in_progress',
      channel: 'phone',
      type: options.type ?? 'complaint',
      urgency: options.urgency ?? 'normal',
      categories: options.categories ?? [],
      title: '时限测试工单',
      content: '时限测试',
      address: '示范市测试路1号',
      callerName: '测试',
      callerPhone: '13800000000',
    })
    .returning();
  return row!;
}

export async function departmentIdByCode(db: Db, code: string): Promise<string> {
  const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

export function subjectOf(
  ticket: { id: string; type: TicketType; urgency: Urgency; categories: string[] },
  departmentId: string | null,
): ClockSubject {
  return {
    ticketId: ticket.id,
    roundId: null,
    departmentId,
    type: ticket.type,
    urgency: ticket.urgency,
    categories: ticket.categories as CategoryFlag[],
  };
}

export interface RecordedEmit {
  room: string | string[];
  event: keyof ServerToClientEvents;
  payload: unknown;
}

/** The app's real emitter, also recording what the clocks domain pushes so a test can count emissions. */
export function recordingRealtime(base: Realtime): Realtime & { emitted: RecordedEmit[] } {
  const emitted: RecordedEmit[] = [];
  return {
    ...base,
    emitted,
    emitTo(room, event, ...args) {
      emitted.push({ room, event, payload: args[0] });
      base.emitTo(room, event, ...args);
    },
  };
}

/** 'YYYY-MM-DD HH:mm:ss' Beijing time → Date. */
export const beijing = (text: string) => new Date(`${text.replace(' ', 'T')}+08:00`);
