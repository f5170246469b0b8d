import { rooms } from '@hotline/shared/realtime/rooms';
import type { TicketChangedPayload } from '@hotline/shared/realtime/ticket-events';
import type { Realtime } from '../../platform/realtime/realtime.js';

/**
 * Pushes `ticket:changed` after the transaction committed: to the hotline's agents and leads and to the rooms of
 * the units involved. The payload carries ids and the state only — never the caller's name or phone.
 */
export function publishTicketChanged(realtime: Realtime | null, payload: TicketChangedPayload): void {
  if (!realtime) return;
  const targets = [rooms.role('agent'), rooms.role('lead'), ...payload.departmentIds.map((id) => rooms.department(id))];
  const safe: TicketChangedPayload = {
    id: payload.id,
    number: payload.number,
    status: payload.status,
    action: payload.action,
    departmentIds: [...payload.departmentIds],
    at: payload.at,
  };
  realtime.emitTo(targets, 'ticket:changed', safe);
}
