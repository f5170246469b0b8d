import type { ClockKind, ClockStage, TicketState } from '../domain/ticket-types.js';

/** Pushed to the rooms concerned (hotline roles, the units dispatched to) when a ticket changes. No personal data. */
export interface TicketChangedPayload {
  id: string;
  number: string;
  status: TicketState;
  action: string;
  departmentIds: string[];
  at: string;
}

/** A clock reached a stage: 预警 warning, 到期 due, 催办 chase, 通报 public notice. To the unit, its head and the leads. */
export interface ClockStagePayload {
  ticketId: string;
  number: string;
  kind: ClockKind;
  stage: ClockStage;
  dueAt: string;
  departmentId: string | null;
  at: string;
}

export interface TicketServerEvents {
  'ticket:changed': (payload: TicketChangedPayload) => void;
  'ticket:clock-stage': (payload: ClockStagePayload) => void;
}
