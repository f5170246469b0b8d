import ticket from '../../modules/tickets/locales/zh-CN';
import kb from '../../modules/knowledge/locales/zh-CN';
import calls from '../../modules/calls/locales/zh-CN';
import adminUi from '../../modules/admin/locales/zh-CN';
import supervision from '../../modules/supervision/locales/zh-CN';
import intel from '../../modules/intelligence/locales/zh-CN';

/**
 * Chinese (zh-CN) messages: the primary locale. Every UI string lives here; other locales mirror these keys.
 */
const zhCN = {
  app: {
    name: '12345政务服务便民热线',
    shortName: '12345热线',
  },
  roles: {
    agent: '话务员',
    lead: '班长/督办员',
    handler: '承办单位经办人',
    dept_head: '承办单位负责人',
    kb_editor: '知识库采编',
    admin: '系统管理员',
  },
  nav: {
    desk: '坐席工作台',
    tickets: '工单',
    knowledge: '知识库',
    department: '部门待办',
    wallboard: '监控大屏',
    admin: '系统管理',
  },
  header: {
    logout: '退出登录',
    noDepartment: '热线中心',
  },
  connection: {
    connected: '已连接',
    connecting: '连接中…',
    disconnected: '已断开',
  },
  auth: {
    title: '12345政务服务便民热线',
    subtitle: '请使用工作账号登录',
    username: '用户名',
    usernamePlaceholder: '请输入用户名',
    password: '密码',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    submitting: '正在登录…',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    signedOut: '已退出登录',
    sessionExpired: '登录已过期，请重新登录',
  },
  errors: {
    network: '网络连接失败，请检查网络后重试',
    forbiddenPage: '无权访问该页面',
    unexpected: '请求失败（{status}），请稍后重试',
  },
  desk: {
    title: '坐席工作台',
    description: '接听来电、处理网络诉求与信件：来电弹屏、软电话、知识库直接答复、新建工单与派单将在这里完成。',
    shortcuts: {
      hint: '快捷键（按 ? 查看）',
      title: '快捷键',
      actions: {
        answer: '接听来电',
        hangup: '挂断',
        ready: '示闲（就绪）',
        break: '小休',
        search: '搜索知识库',
        submit: '提交工单',
        help: '显示或关闭本帮助',
      },
    },
  },
  tickets: {
    title: '工单',
    description: '查询与跟踪工单：按诉求类型、紧急程度、状态和承办单位筛选，查看派单轮次、办理时限与回访结果。',
    enquiryTitle: '群众网上诉求',
    enquiryDescription: '群众和企业可在此在线提交咨询、求助、投诉、举报、建议或表扬，无需登录。',
  },
  knowledge: {
    title: '知识库',
    description: '按事项与办事情形检索办事指南（受理条件、申请材料、收费、时限、办理地点与法律依据），生成一次告知单。',
    noticeTitle: '一次告知单',
    noticeDescription: '办理事项所需的全部条件与材料，一次告知，最多跑一次。',
  },
  department: {
    title: '部门待办',
    description: '本单位收到的派单：签收、办理、答复，必要时申请退单或延期；请留意签收与办理时限。',
    tabs: {
      awaitingSign: '待签收',
      inProgress: '办理中',
      dueSoon: '即将超期',
      overdue: '已超期',
      returned: '已退单',
      headSignOff: '待签发',
      replied: '已反馈',
      awaitingCallback: '待回访',
      closed: '已办结',
    },
    tabWithCount: '{label}（{count}）',
    searchPlaceholder: '按工单编号、标题或地址查找',
  },
  wallboardUnits: {
    title: '各单位工单时限',
    unit: '主办单位',
    overdue: '已超期',
    dueSoon: '即将超期',
    noUnit: '尚未派单',
    empty: '当前没有超期或即将超期的工单',
    more: '超期或即将超期的工单超过 200 件，仅统计最早的 200 件',
  },
  wallboard: {
    title: '监控大屏',
    description: '实时查看排队来电、坐席状态、接通率、15秒接通率与工单超期情况，及时调度和督办。',
  },
  // Domain modules keep their strings in modules/<domain>/locales and are mounted here.
  ticket,
  kb,
  calls,
  adminUi,
  supervision,
  intel,
};

export type MessageSchema = typeof zhCN;
export default zhCN;
