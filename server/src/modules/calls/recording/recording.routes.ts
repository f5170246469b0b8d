import type { FastifyInstance } from 'fastify';
import {
  CallRecordingInfo,
  RecordingContactParams,
  RecordingOutboundParams,
  RecordingTicketParams,
  TicketRecording,
} from '@hotline/shared/contracts/call-recordings';
import { errorResponses } from '@hotline/shared/contracts/common';
import type { Role } from '@hotline/shared/domain/roles';
import { typed } from '../../../platform/http/typed.js';
import { forbidden } from '../../../platform/http/errors.js';
import { actorFromRequest } from '../../audit/audit.service.js';
import type { RecordingService } from './recording.service.js';

/** Who may ask at all; the service narrows it per call (own calls, own unit's non-confidential tickets). */
const RECORDING_ROLES = ['agent', 'lead', 'admin', 'handler', 'dept_head'] as const;

/** 通话录音: the recording's facts and its audited playback. */
export async function recordingRoutes(app: FastifyInstance, { recordings }: { recordings: RecordingService | null }) {
  const r = typed(app);
  const tags = ['calls'];
  const service = () => {
    if (!recordings) throw forbidden('本系统未启用通话录音', 'recording_disabled');
    return recordings;
  };
  const viewerOf = (session: { userId: string; role: string; departmentId: string | null }) => ({
    userId: session.userId,
    role: session.role as Role,
    departmentId: session.departmentId,
  });

  r.get(
    '/api/calls/recordings/:contactId',
    {
      config: { roles: RECORDING_ROLES },
      schema: {
        tags,
        summary: '通话录音信息（时长、校验值、保存期限）',
        params: RecordingContactParams,
        response: { 200: CallRecordingInfo, ...errorResponses },
      },
    },
    async (request) => service().info(viewerOf(request.session!), actorFromRequest(request), request.params.contactId),
  );

  r.get(
    '/api/calls/recordings/by-ticket/:ticketId',
    {
      config: { roles: RECORDING_ROLES },
      schema: {
        tags,
        summary: '工单来电的通话录音信息（没有录音或无权收听时为空）',
        params: RecordingTicketParams,
        response: { 200: TicketRecording, ...errorResponses },
      },
    },
    async (request) => service().infoByTicket(viewerOf(request.session!), request.params.ticketId),
  );

  r.get(
    '/api/calls/recordings/outbound/:outboundCallId',
    {
      config: { roles: RECORDING_ROLES },
      schema: {
        tags,
        summary: '外呼（漏接回拨、回访）的通话录音信息',
        params: RecordingOutboundParams,
        response: { 200: CallRecordingInfo, ...errorResponses },
      },
    },
    async (request) =>
      service().infoOutbound(viewerOf(request.session!), actorFromRequest(request), request.params.outboundCallId),
  );

  r.get(
    '/api/calls/recordings/outbound/:outboundCallId/audio',
    {
      config: { roles: RECORDING_ROLES },
      schema: { tags, summary: '收听外呼的通话录音（WAV，每次收听记入审计）', params: RecordingOutboundParams },
    },
    async (request, reply) => {
      const wav = await service().playOutbound(
        viewerOf(request.session!),
        actorFromRequest(request),
        request.params.outboundCallId,
      );
      return reply
        .header('content-type', 'audio/wav')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(wav);
    },
  );

  r.get(
    '/api/calls/recordings/:contactId/audio',
    {
      config: { roles: RECORDING_ROLES },
      schema: { tags, summary: '收听通话录音（WAV，每次收听记入审计）', params: RecordingContactParams },
    },
    async (request, reply) => {
      const wav = await service().play(viewerOf(request.session!), actorFromRequest(request), request.params.contactId);
      return reply
        .header('content-type', 'audio/wav')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(wav);
    },
  );
}
