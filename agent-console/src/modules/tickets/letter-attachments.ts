/**
 * 信件扫描件: the checks the console makes before a scanned letter is sent, and the base64 encoding the attachments
 * route takes. The server checks again by the file's first bytes; these checks only spare the agent a useless upload.
 */
import { isIsoDate, type IsoDate } from '@hotline/shared/domain/shanghai-time';

/** Same limit as the server (MAX_ATTACHMENT_BYTES): 5 MB once decoded. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
/** For the file dialog's filter; typing another name into it is still possible, hence {@link checkAttachmentFile}. */
export const ATTACHMENT_ACCEPT = '.jpg,.jpeg,.png,.pdf';

const ALLOWED_EXTENSIONS = ['jpg', 'jpeg', 'png', 'pdf'] as const;
const ALLOWED_MIME_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;

/** Why a file is refused, as the i18n key under `ticket.attachments.errors.`; null when it may be uploaded. */
export type AttachmentFileProblem = 'type' | 'size' | 'empty';

export function checkAttachmentFile(file: { name: string; size: number; type: string }): AttachmentFileProblem | null {
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  if (!(ALLOWED_EXTENSIONS as readonly string[]).includes(extension)) return 'type';
  // Browsers leave the type empty when they do not know it; the extension and the server's byte check decide then.
  if (file.type && !(ALLOWED_MIME_TYPES as readonly string[]).includes(file.type)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > ATTACHMENT_MAX_BYTES) return 'size';
  return null;
}

/** Chunked so a 5 MB scan does not overflow the argument list of String.fromCharCode. */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}

export async function readFileAsBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** 来信日期: a real calendar date, not after `today` (a letter cannot be dated tomorrow). */
export function letterDateProblem(value: string | null, today: IsoDate): 'required' | 'invalid' | 'future' | null {
  if (!value) return 'required';
  if (!isIsoDate(value)) return 'invalid';
  // ISO dates compare correctly as strings.
  return value > today ? 'future' : null;
}

/** Same-origin link to the file: the browser sends the session cookie, the route checks the viewer's scope. */
export function attachmentDownloadUrl(ticketId: string, attachmentId: string): string {
  return `/api/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** The calendar date the date picker means (it hands out local midnight), as YYYY-MM-DD. */
export function pickerDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** File size for people: 1.5 MB, 12 KB. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
}
