import { Type, type Static } from 'typebox';

/**
 * 通话录音 of one call: what the call record and the ticket show before playback. An inbound call has its contact; a
 * 外呼 (漏接回拨 or 回访 dialled from the console) has its outbound call (`/api/calls/recordings/outbound/:id`).
 */
export const CallRecordingInfo = Type.Object({
  contactId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  outboundCallId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
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
export const TicketRecording = Type.Object({
  recording: Type.Union([CallRecordingInfo, Type.Null()]),
  /** Recordings of the 外呼 made for this ticket (回访, 漏接回拨 of its call), oldest first; the same rule applies. */
  outbound: Type.Array(CallRecordingInfo),
});
export type TicketRecording = Static<typeof TicketRecording>;

export const RecordingContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const RecordingTicketParams = Type.Object({ ticketId: Type.String({ format: 'uuid' }) });

export const RecordingOutboundParams = Type.Object({ outboundCallId: Type.String({ format: 'uuid' }) });
