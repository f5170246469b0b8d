import type { CallRecordingInfo, TicketRecording } from '@hotline/shared/contracts/call-recordings';
import type { MonitorMode, MonitorStartResult } from '@hotline/shared/contracts/call-monitoring';
import { download, http } from '../../app/http';

/**
 * 通话录音 of a ticket: the call it was taken on (null when there is none this user may hear) and its 外呼 (回访,
 * 漏接回拨) recordings.
 */
export const fetchTicketRecording = (ticketId: string) =>
  http.get<TicketRecording>(`/api/calls/recordings/by-ticket/${ticketId}`, { silent: true });

/** Where a recording's audio is: an inbound call by its contact, a 外呼 by its outbound call. */
const audioPath = (info: Pick<CallRecordingInfo, 'contactId' | 'outboundCallId'>) =>
  info.outboundCallId
    ? `/api/calls/recordings/outbound/${info.outboundCallId}/audio`
    : `/api/calls/recordings/${info.contactId}/audio`;

/** The recording as audio; every fetch is one audited playback. Errors carry the server's Chinese message. */
export async function fetchRecordingAudio(
  info: Pick<CallRecordingInfo, 'contactId' | 'outboundCallId'>,
): Promise<Blob> {
  return (await download('GET', audioPath(info), { silent: true })).blob;
}

/** An object URL of the recording for an <audio> element (one audited playback); release it with `releaseAudioUrl`. */
export async function recordingAudioUrl(
  info: Pick<CallRecordingInfo, 'contactId' | 'outboundCallId'>,
): Promise<string> {
  return URL.createObjectURL(await fetchRecordingAudio(info));
}
export const releaseAudioUrl = (url: string) => URL.revokeObjectURL(url);

/** 班长监听: a one-time SIP address for the lead's listen-in (audited). */
export const startMonitor = (contactId: string, mode: MonitorMode) =>
  http.post<MonitorStartResult>('/api/calls/monitor', { contactId, mode });
