import type { AgentPresenceView, ScreenPop, WallboardSnapshot } from '../contracts/calls.js';

/**
 * Routing events, named after CSTA call events (delivered, established, cleared, held, transferred).
 * Call events and presence go to the agent's own user room only; the snapshot goes to the wallboard room
 * (leads and admins).
 */
export interface CallEventPayload {
  contactId: string;
  at: string;
}

/** Why a contact left the agent: ended normally, unanswered offer, rejected, caller hung up, or a lead took it. */
export type CallClearedReason = 'ended' | 'ring_no_answer' | 'rejected' | 'abandoned' | 'reassigned' | 'transferred';

export interface CallServerEvents {
  /** An offer rings at this agent: the screen-pop (来电弹屏). */
  'call:delivered': (payload: ScreenPop) => void;
  /** The agent is connected to the contact. */
  'call:established': (payload: CallEventPayload) => void;
  /** The contact left the agent. */
  'call:cleared': (payload: CallEventPayload & { reason: CallClearedReason }) => void;
  'call:held': (payload: CallEventPayload & { held: boolean }) => void;
  'call:transferred': (payload: CallEventPayload & { to: string | null }) => void;
  /**
   * 代接: a lead takes this agent's live call over; the agent's softphone transfers the caller (REFER) to the lead's
   * SIP user `to` (the lead's user id) and the agent is released.
   */
  'call:takeover': (payload: CallEventPayload & { to: string }) => void;
  /** The agent's own state changed (also when the system changed it: ring-no-answer, wrap-up over). */
  'agent:state': (payload: AgentPresenceView) => void;
  /** The whole wallboard, at most a few times a second. */
  'wallboard:snapshot': (payload: WallboardSnapshot) => void;
}
