import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CallbackOfferList, TelephonyEventBody, TelephonyEventResult } from '@hotline/shared/contracts/calls';
import { errorResponses } from '@hotline/shared/contracts/common';
import { typed } from '../../platform/http/typed.js';
import { unauthorized } from '../../platform/http/errors.js';
import { telephonySecretMatches, type TelephonyService } from './telephony.service.js';

/** The header the phone system sends its shared secret in. */
export const TELEPHONY_SECRET_HEADER = 'x-telephony-secret';

/** The phone system's routes (events, SIP proxy reports) are public but must carry the shared secret. */
export function requireTelephonySecret(request: FastifyRequest, secret: string): void {
  const given = request.headers[TELEPHONY_SECRET_HEADER];
  if (!telephonySecretMatches(typeof given === 'string' ? given : undefined, secret)) {
    throw unauthorized('电话系统共享密钥无效', 'telephony_unauthorized');
  }
}

/**
 * The phone system's API (Kamailio and its helpers, not a signed-in user): public for the session check, guarded
 * by the shared secret instead.
 */
export async function telephonyRoutes(
  app: FastifyInstance,
  { telephony, secret }: { telephony: TelephonyService; secret: string },
) {
  const r = typed(app);
  const checkSecret = (request: FastifyRequest) => requireTelephonySecret(request, secret);

  r.post(
    '/api/telephony/events',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '电话系统事件（CSTA：delivered/established/cleared/abandoned/transferred）',
        body: TelephonyEventBody,
        response: { 200: TelephonyEventResult, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return telephony.handleEvent(request.body);
    },
  );

  r.get(
    '/api/telephony/callback-offers',
    {
      config: { public: true },
      schema: {
        tags: ['telephony'],
        summary: '等待过久、应提示回拨的来电',
        response: { 200: CallbackOfferList, ...errorResponses },
      },
    },
    async (request) => {
      checkSecret(request);
      return telephony.callbackOffers();
    },
  );
}
