import type { AgentState } from './agent-states.js';
import {
  EMERGENCY_LINE_LABELS,
  TICKET_ACTION_LABELS,
  TICKET_STATE_LABELS,
  type EmergencyLine,
  type TicketAction,
  type TicketState,
} from './ticket-types.js';

/**
 * Chinese names of what the audit log (审计日志) and a ticket's 处理过程 record, so no internal code reaches the screen.
 * One table for both: the timeline shows the ticket's audit rows.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  // 工单
  'ticket.create': '受理建单',
  'ticket.attach': '上传信件扫描件',
  'ticket.view_personal_data': '查看诉求人信息',
  'ticket.notice_attach': '生成一次告知单',
  'ticket.no_matching_matter': '标记无匹配事项',
  'ticket.merge_child': '并入重复件',
  'ticket.export': '导出工单列表（诉求人信息已脱敏）',
  create: '受理建单',
  extension_request: '申请延期',
  extension_review: '审核延期',
  return_review: '审核退单',
  reply_review: '审核反馈',
  reply_signoff: '单位负责人签发',
  satisfied: '回访满意',
  dissatisfied: '回访不满意',
  // 话务
  'agent.state': '坐席状态变更',
  'agent.skills': '设置坐席技能',
  'acd.policy': '修改路由策略',
  'contact.priority': '调整来电优先级',
  'contact.view_personal_data': '查看来电号码',
  // 账号
  'auth.login': '登录',
  'auth.login_failed': '登录失败',
  'auth.logout': '退出登录',
  'auth.password_changed': '修改密码',
  'user.create': '新建用户',
  'user.update': '修改用户',
  'user.password_reset': '管理员重置密码',
  'user.unlock': '解除登录锁定',
  'department.create': '新建承办单位',
  'department.update': '修改承办单位',
  // 配置
  'calendar.update': '保存工作日历',
  'clock_policy.update': '保存时限规则',
  'clock.recomputed': '按新日历重算时限',
  'dispatch_catalogue.create': '新增派单目录',
  'dispatch_catalogue.update': '修改派单目录',
  'dispatch_catalogue.delete': '删除派单目录',
  // 知识库
  'kb.matter_create': '新建事项',
  'kb.draft_save': '保存事项草稿',
  'kb.version_submit': '提交审核',
  'kb.review_due_set': '设置复审日期',
  'kb.gap_record': '记录知识缺口',
  'kb.gap_resolve': '处理知识缺口',
  'kb.correction_request': '事项纠错',
  'kb.correction_resolve': '处理事项纠错',
  'kb.synonyms_delete': '删除同义词组',
  // 工单流程与督办
  'ticket.urge': '催办',
  'workflow_policy.update': '保存流程规则',
  // 电话
  'call.rated': '来电人按键评价',
  'call.survey_transfer': '转满意度评价',
  'call.survey_no_answer': '满意度评价超时未按键',
  'call.outbound_linked': '外呼关联通话',
  'call.outbound_outcome': '记录外呼结果',
  'contact.dial': '一键外呼',
  'ticket.dial': '外呼回访',
  'call.recording_stored': '保存通话录音',
  'call.recording_played': '收听通话录音',
  'call.recording_refused': '拒绝收听通话录音',
  'call.recording_tampered': '通话录音校验不符',
  'call.recording_purged': '通话录音到期删除',
  'call.recording_sweep': '清理未归档的录音文件',
  'call.monitor_start': '班长发起监控（监听、耳语、强插或代接）',
  'call.monitor_refused': '拒绝监听请求',
  'call.monitor_joined': '班长接入监听',
  'call.monitor_end': '班长监控结束',
  'sip.revoke': '注销软电话凭据',
  // 督办与考核
  'supervision.drill': '查看指标明细',
  'supervision.repeat_callers.view': '查看重复来电',
  'rating.ruling': '评价有效性判定',
  'assessment.scheme': '保存考核方案',
  'assessment.explain': '查看考核明细',
  'assessment.dispute': '提出考核申诉',
  'assessment.dispute_ruling': '裁定考核申诉',
  'assessment.close': '考核月度封账',
  'assessment.reopen': '考核月度重开',
  'supervision.monthly_topic.pick': '选定每月一题',
  'supervision.spike_rules': '修改突增预警阈值',
  'report.request': '生成报表',
  'report.generated': '报表已生成',
  'report.download': '下载报表',
  // 智能辅助
  'history.import': '导入历史工单',
  'dispatch.suggestion_choice': '记录派单建议采纳',
  'dispatch_model.train': '训练派单模型',
  'dispatch.direct': '直派',
  'intelligence.settings_update': '修改智能派单设置',
};

/** An action recorded later than this table still reads as Chinese. */
export const UNKNOWN_AUDIT_ACTION = '其他操作';

/** The Chinese name of an audit action or timeline entry (`extension_request`, `ticket.create`, `return-review` …). */
export function auditActionLabel(action: string): string {
  return (
    AUDIT_ACTION_LABELS[action] ??
    AUDIT_ACTION_LABELS[`ticket.${action}`] ??
    TICKET_ACTION_LABELS[action as TicketAction] ??
    TICKET_ACTION_LABELS[action.replaceAll('_', '-') as TicketAction] ??
    UNKNOWN_AUDIT_ACTION
  );
}

const AGENT_STATE_NAMES: Record<AgentState, string> = {
  offline: '签出',
  ready: '示闲',
  break: '示忙',
  ringing: '振铃',
  talking: '通话中',
  wrap_up: '话后处理',
};

/** The Chinese name of a state in an audit row: a ticket's (待签收 …) or an agent's (示闲 …); '' when none. */
export function auditStateLabel(state: string | null | undefined): string {
  if (!state) return '';
  return TICKET_STATE_LABELS[state as TicketState] ?? AGENT_STATE_NAMES[state as AgentState] ?? '其他状态';
}

/**
 * Reasons the system writes as codes (a contact's move, an agent's break, a refused playback); people's reasons (退单,
 * 延期 …) are their own words and are shown as written.
 */
const AUDIT_REASON_LABELS: Readonly<Record<string, string>> = {
  // how a contact entered the queue
  call: '电话来电',
  callback: '漏接回拨任务',
  web: '网络诉求',
  letter: '信件',
  rebuild: '重启后按数据库恢复队列',
  // how an offer or a call ended
  ended: '通话结束',
  rejected: '坐席拒接',
  ring_no_answer: '振铃未接',
  abandoned: '来电方放弃',
  callback_requested: '来电方选择回拨',
  reassigned: '班长改派',
  transferred: '已转接',
  // an agent's break
  rest: '小休',
  meal: '就餐',
  meeting: '会议',
  training: '培训',
  paperwork: '文书整理',
  connection_lost: '连接中断',
  // how a monitor session (监听/耳语/强插/代接) ended
  lead: '班长结束',
  agent: '坐席结束',
  call_ended: '通话结束',
  taken_over: '班长已代接',
  not_answered: '班长未接听，通话回到坐席',
  // a refused playback
  not_yours: '无权收听（非本人或本单位的通话）',
  confidential: '保密工单，承办单位不可收听',
};

/** The Chinese name of an audit row's reason when it is a system code (an emergency line too); else the text itself. */
export function auditReasonLabel(reason: string | null | undefined): string {
  if (!reason) return '';
  return AUDIT_REASON_LABELS[reason] ?? EMERGENCY_LINE_LABELS[reason as EmergencyLine] ?? reason;
}
