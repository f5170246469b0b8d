import { Type, type Static } from 'typebox';

/** 通话录音 of one call (contact): what the call record and the ticket show before playback. */
export const CallRecordingInfo = Type.Object({
  contactId: Type.String({ format: 'uuid' }),
  recordedAt: Type.String({ format: 'date-time' }),
  durationMs: Type.Integer({ minimum: 0 }),
  /** SHA-256 of the file when the call ended (hex); checked again before each playback. */
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  expiresAt: Type.String({ format: 'date-time' }),
  /** Deleted by retention. */
  purged: Type.Boolean(),
});
export type CallRecordingInfo = Static<typeof CallRecordingInfo>;

/**
 * The ticket page's question "is there a recording of this ticket's call that I may hear?": null when there is none or
 * the viewer may not hear it (the page then shows nothing; the direct routes still answer 403/404 and audit refusals).
 */
export const TicketRecording = Type.Object({ recording: Type.Union([CallRecordingInfo, Type.Null()]) });
export type TicketRecording = Static<typeof TicketRecording>;

export const RecordingContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const RecordingTicketParams = Type.Object({ ticketId: Type.String({ format: 'uuid' }) });
