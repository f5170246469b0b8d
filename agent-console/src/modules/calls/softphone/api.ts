import type { SipCredentials } from '@hotline/shared/contracts/telephony';
import type { MonitorLineResult } from '@hotline/shared/contracts/call-monitoring';
import { http } from '../../../app/http';

/** This sign-in's SIP credentials (time-limited; a new sign-in issues new ones, sign-out revokes them). */
export const fetchSipCredentials = () => http.get<SipCredentials>('/api/telephony/sip/credentials');

/** 耳语/强插: is this second line's grant (from the lead's INVITE) for my live call? 403 when not. */
/** 耳语/强插: the lead's line ended (audited as the end of the lead's session). */
export const reportMonitorLineEnded = (token: string, leadId: string, endedBy: 'lead' | 'agent') =>
  http.post<{ ok: boolean }>('/api/calls/monitor/line/end', { token, leadId, endedBy });

/** 代接 not answered: the caller is back with this agent (the take-over's end is audited, the contact stays). */
export const reportTakeoverFailed = (contactId: string, status: number | null) =>
  http.post<{ ok: boolean }>('/api/calls/monitor/takeover/failed', status ? { contactId, status } : { contactId });

export const checkMonitorLine = (token: string, leadId: string) =>
  http.post<MonitorLineResult>('/api/calls/monitor/line', { token, leadId });
