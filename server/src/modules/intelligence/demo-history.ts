// DEMO DATA — a generated dispatched history for the fictional 示范市, so 智能派单 has something to learn on a fresh start.
import type { TicketType, Urgency } from '@hotline/shared/domain/ticket-types';

/**
 * What each demo unit handles, as short problem phrases (several per unit, several wordings each). The generator
 * wraps them in openers, places, details and requests, so thousands of tickets read differently. Territorial units
 * (streets, districts) get their problems only when the address names them — the 属地 principle.
 */
export const UNIT_TOPICS: Record<string, { type: TicketType; phrases: string[] }[]> = {
  SCJG: [
    { type: 'complaint', phrases: ['超市卖过期食品', '买到的牛奶过了保质期', '饭店菜里吃出异物', '商家缺斤短两'] },
    { type: 'complaint', phrases: ['网店退货不给退款', '商家虚假宣传', '预付卡商家跑路', '健身房关门不退费'] },
    { type: 'consultation', phrases: ['个体工商户营业执照怎么办', '公司变更经营范围', '食品经营许可证办理'] },
  ],
  STHJ: [
    { type: 'complaint', phrases: ['工厂排放黑烟', '河里有人偷排污水', '化工厂气味刺鼻', '夜间工地噪声扰民'] },
    { type: 'report', phrases: ['企业偷偷排放废水', '有人焚烧垃圾冒浓烟', '养殖场粪水直排河道'] },
  ],
  ZJ: [
    {
      type: 'complaint',
      phrases: ['小区物业不作为', '新房交付质量问题墙体开裂', '开发商延期交房', '电梯经常故障物业不修'],
    },
    { type: 'consultation', phrases: ['公租房申请条件', '商品房预售许可查询', '维修基金怎么使用'] },
  ],
  JTYS: [
    { type: 'complaint', phrases: ['出租车拒载', '公交车不按站停靠', '网约车司机绕路', '公交司机态度恶劣'] },
    { type: 'suggestion', phrases: ['建议增加公交线路', '公交站台没有遮雨棚', '希望延长末班车时间'] },
  ],
  RS: [
    { type: 'complaint', phrases: ['公司拖欠工资', '老板不签劳动合同', '单位不缴社保', '工地包工头欠薪'] },
    { type: 'consultation', phrases: ['失业金怎么领取', '社保转移手续', '退休金计算方式', '职业技能补贴申请'] },
  ],
  GA: [
    { type: 'consultation', phrases: ['身份证补办流程', '户口迁移需要什么材料', '居住证办理', '出入境护照办理'] },
    { type: 'complaint', phrases: ['小区门口违章停车堵路', '电动车被盗', '深夜有人飙车炸街'] },
  ],
  WJ: [
    { type: 'complaint', phrases: ['医院看病排队太久', '医生态度不好', '诊所无证行医', '医院乱收费'] },
    { type: 'consultation', phrases: ['新生儿疫苗接种时间', '出生医学证明办理', '献血证使用'] },
  ],
  CG: [
    { type: 'complaint', phrases: ['路边摊贩占道经营', '沿街店铺油烟扰民', '广告牌破损有安全隐患', '渣土车抛洒'] },
    { type: 'complaint', phrases: ['绿化带被毁', '共享单车乱停乱放', '户外广告乱张贴', '建筑垃圾乱倒'] },
  ],
  ZRZY: [
    { type: 'consultation', phrases: ['不动产登记办理', '房产证加名字', '土地使用权查询', '规划许可公示'] },
    { type: 'report', phrases: ['有人非法占用耕地', '违法开采山石'] },
  ],
  YB: [
    { type: 'consultation', phrases: ['医保异地就医备案', '医保卡报销比例', '门诊慢特病申请', '医保断缴补缴'] },
    { type: 'complaint', phrases: ['药店不能刷医保卡', '医保报销迟迟不到账'] },
  ],
  GJJ: [
    { type: 'consultation', phrases: ['公积金提取条件', '公积金贷款额度', '公积金异地转移', '租房提取公积金'] },
    { type: 'complaint', phrases: ['单位不给缴公积金', '公积金贷款审批太慢'] },
  ],
  SW: [
    { type: 'consultation', phrases: ['个人所得税汇算清缴', '发票开具问题', '房屋契税缴纳', '小规模纳税人减免'] },
    { type: 'report', phrases: ['商家不开发票', '企业偷税漏税'] },
  ],
  XF: [
    { type: 'complaint', phrases: ['楼道堆放杂物堵塞消防通道', '消防栓损坏', '小区消防车道被占', '电动车楼道充电'] },
    { type: 'report', phrases: ['商场安全出口被锁', '群租房消防隐患'] },
  ],
  SWU: [
    { type: 'consultation', phrases: ['外贸企业补贴申报', '商业促销活动备案', '成品油零售许可'] },
    { type: 'complaint', phrases: ['菜市场摊位费太高', '商场促销活动欺诈'] },
  ],
  MZ: [
    { type: 'consultation', phrases: ['低保申请条件', '婚姻登记预约', '残疾人补贴', '养老院床位申请'] },
    { type: 'help', phrases: ['孤寡老人生活困难', '流浪人员需要救助'] },
  ],
  JY: [
    { type: 'consultation', phrases: ['小学入学报名', '学区划分查询', '中考政策咨询', '转学手续办理'] },
    { type: 'complaint', phrases: ['培训机构收费不退', '学校乱收费', '幼儿园教师体罚孩子'] },
  ],
  HG: [
    { type: 'consultation', phrases: ['海外代购包裹清关', '进口商品报关', '出境携带物品限额'] },
    { type: 'complaint', phrases: ['快件被海关扣留很久'] },
  ],
  SWJT: [
    { type: 'help', phrases: ['家里突然停水', '自来水管爆裂', '水压太低楼上没水', '水表漏水'] },
    { type: 'complaint', phrases: ['自来水浑浊发黄', '水费账单异常偏高'] },
  ],
  GD: [
    { type: 'help', phrases: ['小区大面积停电', '电线被风刮断', '电表箱冒火花', '家里跳闸来不了电'] },
    { type: 'complaint', phrases: ['电费突然变高', '频繁停电影响生活'] },
  ],
  RQ: [
    { type: 'help', phrases: ['闻到燃气泄漏的味道', '燃气灶点不着', '燃气表不走字', '天然气停气'] },
    { type: 'consultation', phrases: ['燃气开户办理', '燃气费缴纳方式'] },
  ],
  // 属地 units: their work arrives through the address.
  'QY-SC': [{ type: 'complaint', phrases: ['农贸市场周边环境脏乱', '辖区拆迁安置问题', '老旧小区改造进度'] }],
  'QY-XH': [{ type: 'complaint', phrases: ['农贸市场周边环境脏乱', '辖区拆迁安置问题', '老旧小区改造进度'] }],
  'QY-BJ': [{ type: 'complaint', phrases: ['农贸市场周边环境脏乱', '辖区拆迁安置问题', '老旧小区改造进度'] }],
  'QY-LA': [{ type: 'complaint', phrases: ['农村宅基地纠纷', '村道损坏', '农贸市场周边环境脏乱'] }],
};

/** Work of every street (街道): the same kinds of problems, sent to the street where they happen. */
export const STREET_TOPICS: { type: TicketType; phrases: string[] }[] = [
  {
    type: 'complaint',
    phrases: ['小区垃圾长时间没人清运', '楼道乱堆乱放', '邻居违章搭建阳光房', '社区广场舞噪音扰民'],
  },
  { type: 'help', phrases: ['邻里纠纷需要调解', '小区流浪狗伤人', '下水道堵塞污水外溢'] },
];

export const STREET_PLACES: Record<string, string[]> = {
  'JD-SC-HB': ['湖滨路', '东坡路', '平海路'],
  'JD-SC-QB': ['清波街', '河坊街', '南山路'],
  'JD-XH-BSQ': ['北山路', '曙光路', '保俶路'],
  'JD-XH-XX': ['西溪路', '文二西路', '天目山路'],
  'JD-BJ-XX': ['西兴路', '江汉路', '滨盛路'],
  'JD-LA-JN': ['锦城路', '钱王街', '锦南新城'],
};
export const DISTRICT_PLACES: Record<string, string[]> = {
  'QY-SC': ['庆春路', '解放路', '延安路'],
  'QY-XH': ['文三路', '教工路', '古墩路'],
  'QY-BJ': ['江南大道', '长河路', '滨康路'],
  'QY-LA': ['城中街', '衣锦街', '万马路'],
};

const OPENERS = [
  '市民来电反映',
  '来电人称',
  '市民反映',
  '来电反映：',
  '群众来电',
  '',
  '市民表示',
  '来电咨询',
  '网友留言：',
];
const DETAILS = [
  '，已经持续好几天了',
  '，多次反映没有结果',
  '，影响正常生活',
  '，家里有老人小孩',
  '',
  '，周边居民意见很大',
  '，上周开始出现',
  '，不知道该找哪个部门',
];
const ASKS = ['，希望尽快处理。', '，请相关部门核实。', '，要求给个说法。', '。', '，希望有人来看看。', '，请求帮助。'];
const URGENCY_BY_TYPE: Record<TicketType, Urgency> = {
  consultation: 'normal',
  help: 'urgent',
  complaint: 'normal',
  report: 'normal',
  suggestion: 'normal',
  praise: 'normal',
};

/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoHistoryRow {
  unitCode: string;
  receivedAt: Date;
  type: TicketType;
  urgency: Urgency;
  address: string;
  content: string;
}

const DISTRICT_NAMES: Record<string, string> = {
  'QY-SC': '上城区',
  'QY-XH': '西湖区',
  'QY-BJ': '滨江区',
  'QY-LA': '临安县',
};
const STREET_DISTRICT: Record<string, string> = {
  'JD-SC-HB': 'QY-SC',
  'JD-SC-QB': 'QY-SC',
  'JD-XH-BSQ': 'QY-XH',
  'JD-XH-XX': 'QY-XH',
  'JD-BJ-XX': 'QY-BJ',
  'JD-LA-JN': 'QY-LA',
};
const STREET_NAMES: Record<string, string> = {
  'JD-SC-HB': '湖滨街道',
  'JD-SC-QB': '清波街道',
  'JD-XH-BSQ': '北山街道',
  'JD-XH-XX': '西溪街道',
  'JD-BJ-XX': '西兴街道',
  'JD-LA-JN': '锦南街道',
};

/** `count` tickets spread over the year before `end`, oldest first. */
export function generateDemoHistory(count: number, end: Date, seed = 12345): DemoHistoryRow[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const districts = Object.keys(DISTRICT_PLACES);
  const streets = Object.keys(STREET_PLACES);
  const cityUnits = Object.keys(UNIT_TOPICS).filter((code) => !code.startsWith('QY-'));
  const rows: DemoHistoryRow[] = [];
  const span = 365 * 24 * 3600_000;
  for (let i = 0; i < count; i++) {
    const receivedAt = new Date(end.getTime() - span + Math.floor((span * i) / count) + Math.floor(rand() * 3600_000));
    const roll = rand();
    let unitCode: string;
    let topic: { type: TicketType; phrases: string[] };
    let address: string;
    const number = `${1 + Math.floor(rand() * 300)}号`;
    if (roll < 0.18) {
      unitCode = pick(streets);
      topic = pick(STREET_TOPICS);
      const district = DISTRICT_NAMES[STREET_DISTRICT[unitCode]!]!;
      address = `${rand() < 0.5 ? '示范市' : ''}${rand() < 0.7 ? district : ''}${STREET_NAMES[unitCode]}${pick(STREET_PLACES[unitCode]!)}${number}`;
    } else if (roll < 0.25) {
      unitCode = pick(districts);
      topic = pick(UNIT_TOPICS[unitCode]!);
      address = `${rand() < 0.5 ? '示范市' : ''}${DISTRICT_NAMES[unitCode]}${pick(DISTRICT_PLACES[unitCode]!)}${number}`;
    } else {
      unitCode = pick(cityUnits);
      topic = pick(UNIT_TOPICS[unitCode]!);
      const district = pick(districts);
      address = `${rand() < 0.5 ? '示范市' : ''}${DISTRICT_NAMES[district]}${pick(DISTRICT_PLACES[district]!)}${number}`;
    }
    const content = `${pick(OPENERS)}${pick(topic.phrases)}${pick(DETAILS)}${pick(ASKS)}`;
    rows.push({ unitCode, receivedAt, type: topic.type, urgency: URGENCY_BY_TYPE[topic.type], address, content });
  }
  return rows;
}
