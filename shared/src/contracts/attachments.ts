import { Type, type Static } from 'typebox';
import { Uuid } from './common.js';

/** 信件扫描件: at most 5 MB once decoded (server and console check the same number). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
/** The base64 text of the largest allowed file, plus slack for padding. */
export const MAX_ATTACHMENT_BASE64_CHARS = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4096;

export const AttachmentBody = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    /** The file, base64-encoded; JPEG, PNG or PDF, at most 5 MB once decoded. */
    contentBase64: Type.String({ minLength: 4, maxLength: MAX_ATTACHMENT_BASE64_CHARS }),
  },
  { additionalProperties: false },
);
export type AttachmentBody = Static<typeof AttachmentBody>;

export const AttachmentView = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mimeType: Type.String(),
  size: Type.Integer(),
});
export type AttachmentView = Static<typeof AttachmentView>;

export const AttachmentParams = Type.Object({ id: Uuid, attachmentId: Uuid });
export type AttachmentParams = Static<typeof AttachmentParams>;
