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

export const RecordingContactParams = Type.Object({ contactId: Type.String({ format: 'uuid' }) });

export const RecordingTicketParams = Type.Object({ ticketId: Type.String({ format: 'uuid' }) });
