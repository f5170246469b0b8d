import type { Role } from './roles.js';

/**
 * Who may listen to a call recording (通话录音). Leads and admins: every call. An agent: the calls they answered and
 * the calls of tickets they took. A department user (handler, head): only the call of a ticket their unit leads,
 * and never a confidential one (保密工单: the caller's voice identifies them as much as their number). A KB editor:
 * never. Every playback, allowed or refused, is audited by the server.
 */
export interface RecordingViewer {
  userId: string;
  role: Role;
  departmentId: string | null;
}

export interface RecordingSubject {
  /** The agent who answered the call. */
  agentId: string | null;
  /** The ticket taken on the call, if any. */
  ticket: { createdBy: string | null; leadDepartmentId: string | null; confidential: boolean } | null;
}

export type RecordingAccess = 'allowed' | 'confidential' | 'not_yours';

export function recordingAccess(viewer: RecordingViewer, subject: RecordingSubject): RecordingAccess {
  switch (viewer.role) {
    case 'lead':
    case 'admin':
      return 'allowed';
    case 'agent':
      return subject.agentId === viewer.userId || subject.ticket?.createdBy === viewer.userId ? 'allowed' : 'not_yours';
    case 'handler':
    case 'dept_head': {
      const ticket = subject.ticket;
      if (!ticket || !viewer.departmentId || ticket.leadDepartmentId !== viewer.departmentId) return 'not_yours';
      return ticket.confidential ? 'confidential' : 'allowed';
    }
    default:
      return 'not_yours';
  }
}

/** Default retention of call recordings in days (RECORDING_RETENTION_DAYS overrides it). */
export const DEFAULT_RECORDING_RETENTION_DAYS = 180;
