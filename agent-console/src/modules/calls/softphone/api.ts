import type { SipCredentials } from '@hotline/shared/contracts/telephony';
import { http } from '../../../app/http';

/** This sign-in's SIP credentials (time-limited; a new sign-in issues new ones, sign-out revokes them). */
export const fetchSipCredentials = () => http.get<SipCredentials>('/api/telephony/sip/credentials');
