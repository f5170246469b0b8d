import type { SipCredentials } from '@hotline/shared/contracts/telephony';
import type { MonitorLineResult } from '@hotline/shared/contracts/call-monitoring';
import { http } from '../../../app/http';

/** This sign-in's SIP credentials (time-limited; a new sign-in issues new ones, sign-out revokes them). */
export const fetchSipCredentials = () => http.get<SipCredentials>('/api/telephony/sip/credentials');

/** 耳语/强插: is this second line's grant (from the lead's INVITE) for my live call? 403 when not. */
export const checkMonitorLine = (token: string, leadId: string) =>
  http.post<MonitorLineResult>('/api/calls/monitor/line', { token, leadId });
