import type { TicketRecording } from '@hotline/shared/contracts/call-recordings';
import type { MonitorMode, MonitorStartResult } from '@hotline/shared/contracts/call-monitoring';
import { download, http } from '../../app/http';

/** 通话录音 of the call a ticket was taken on, or null when there is none this user may hear. */
export const fetchTicketRecording = (ticketId: string) =>
  http.get<TicketRecording>(`/api/calls/recordings/by-ticket/${ticketId}`, { silent: true });

/** The recording as audio; every fetch is one audited playback. Errors carry the server's Chinese message. */
export async function fetchRecordingAudio(contactId: string): Promise<Blob> {
  return (await download('GET', `/api/calls/recordings/${contactId}/audio`, { silent: true })).blob;
}

/** An object URL of the recording for an <audio> element (one audited playback); release it with `releaseAudioUrl`. */
export async function recordingAudioUrl(contactId: string): Promise<string> {
  return URL.createObjectURL(await fetchRecordingAudio(contactId));
}
export const releaseAudioUrl = (url: string) => URL.revokeObjectURL(url);

/** 班长监听: a one-time SIP address for the lead's listen-in (audited). */
export const startMonitor = (contactId: string, mode: MonitorMode) =>
  http.post<MonitorStartResult>('/api/calls/monitor', { contactId, mode });
