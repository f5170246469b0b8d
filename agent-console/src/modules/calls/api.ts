import type {
  AgentPresenceView,
  AgentSkillList,
  AgentSkillsBody,
  CallerDetails,
  CallerHistory,
  DialDetails,
  CallRecordView,
  DeskStatus,
  HotlineAgentList,
  OutboundCallList,
  RoutingPolicyBody,
  SetAgentStateBody,
  TicketDialDetails,
  WallboardSnapshot,
} from '@hotline/shared/contracts/calls';
import { http } from '../../app/http';
import type { OkResponse } from '@hotline/shared/contracts/common';

/** 坐席工作台: the signed-in agent's presence and offers. */
export const fetchDesk = () => http.get<DeskStatus>('/api/calls/desk');
export const setAgentState = (body: SetAgentStateBody) => http.put<AgentPresenceView>('/api/calls/desk/state', body);
export const acceptOffer = (contactId: string) => http.post<OkResponse>(`/api/calls/desk/offers/${contactId}/accept`);
export const rejectOffer = (contactId: string) => http.post<OkResponse>(`/api/calls/desk/offers/${contactId}/reject`);
export const endContact = (contactId: string) => http.post<OkResponse>(`/api/calls/desk/contacts/${contactId}/end`);
export const finishWrapUp = () => http.post<OkResponse>('/api/calls/desk/wrap-up/done');
/** The full caller number for intake; the server records the view in the audit trail. */
export const fetchCaller = (contactId: string) =>
  http.get<CallerDetails>(`/api/calls/desk/contacts/${contactId}/caller`);

/** 重复来电: the number's tickets of the window, open and finished (the number goes in the body, never the URL). */
export const fetchCallerHistory = (phone: string, signal?: AbortSignal) =>
  http.post<CallerHistory>('/api/calls/desk/caller-history', { phone }, { signal, silent: true });

/** 监控大屏 (leads, admins). */
export const fetchWallboard = () => http.get<WallboardSnapshot>('/api/calls/wallboard');
/** 代接 (no agent: the lead takes it) / 改派 (to a ready agent). */
export const assignContact = (contactId: string, agentId?: string) =>
  http.post<OkResponse>(`/api/calls/contacts/${contactId}/assign`, agentId ? { agentId } : {});

/** 技能与策略 (leads read, admins change the policy). */
export const fetchAgents = () => http.get<HotlineAgentList>('/api/calls/agents');
export const saveAgentSkills = (agentId: string, body: AgentSkillsBody) =>
  http.put<AgentSkillList>(`/api/calls/agents/${agentId}/skills`, body);
export const fetchPolicy = () => http.get<RoutingPolicyBody>('/api/calls/policy');
export const savePolicy = (body: RoutingPolicyBody) => http.put<RoutingPolicyBody>('/api/calls/policy', body);

/** 话单 of one contact (leads, admins; an agent their own): hold, transfers, survey, call quality; number masked. */
export const fetchCallRecord = (contactId: string) =>
  http.get<CallRecordView>(`/api/calls/contacts/${contactId}/record`);

/** 一键外呼 of a 漏接回拨 task: recorded and audited by the server; the number comes back for the softphone only. */
export const dialContact = (contactId: string) => http.post<DialDetails>(`/api/calls/desk/contacts/${contactId}/dial`);
/** 外呼回访 of a ticket waiting for its return visit, by ticket id; the number comes back for the softphone only. */
/** 转满意度: the caller of the agent's live call hears the satisfaction survey when the agent hangs up. */
export const transferToSurvey = (contactId: string) =>
  http.post<OkResponse>(`/api/calls/desk/contacts/${contactId}/survey`);
export const dialTicket = (ticketId: string) =>
  http.post<TicketDialDetails>(`/api/calls/desk/tickets/${ticketId}/dial`);

/** 外呼记录 of a ticket (回访) or of a 漏接回拨 task: when and by whom each was dialled, and how it ended. */
export const fetchOutboundCalls = (target: { ticketId: string } | { contactId: string }) =>
  http.get<OutboundCallList>(
    'ticketId' in target
      ? `/api/calls/tickets/${target.ticketId}/outbound-calls`
      : `/api/calls/contacts/${target.contactId}/outbound-calls`,
    { silent: true },
  );
