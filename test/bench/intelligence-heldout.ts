/**
 * The bench's held-out set for 智能派单 and 并单, written apart from the training generator
 * (server/src/modules/intelligence/demo-history.ts): other words for the problems (colloquial, the way callers talk),
 * other sentence frames, other streets and address formats, and typing noise (a dropped character, full-width digits).
 * Each concept has several phrasings, so duplicate pairs are the same incident told in other words.
 */
import { seededRandom } from '../../server/src/modules/intelligence/demo-history.js';

/** unit code → concepts → phrasings. */
export const HELD_OUT_CONCEPTS: Record<string, string[][]> = {
  SCJG: [
    ['在楼下便利店买的面包早就过期了还在卖', '超市货架上的酸奶过了保质期没下架', '刚买的火腿肠已经过期发霉'],
    ['交了三千块的美容卡店家突然关门了', '理发店办的储值卡现在人找不到了', '游泳馆倒闭了会员费不退'],
  ],
  STHJ: [
    ['旁边那个厂子天天往外冒黑烟', '工业园烟囱晚上偷偷排烟味道呛人', '附近工厂排出来的气体特别刺鼻'],
    ['小河里的水被排成黑色还发臭', '有人往河道里倒废水鱼都死了', '排污口晚上往河里放脏水'],
  ],
  ZJ: [
    ['刚收的新房客厅墙上全是裂缝', '交房以后卫生间一直渗水开发商不管', '新房子天花板开裂'],
    ['小区电梯三天两头坏物业拖着不修', '物业收了钱什么都不管电梯老停', '电梯卡人了物业也不来'],
  ],
  JTYS: [
    ['打车司机说不顺路不肯拉', '出租车师傅嫌路近直接拒载', '在火车站打的士被拒载'],
    ['公交到站了没停直接开走了', '这路公交车老是甩站', '公交车过站不停乘客等半天'],
  ],
  RS: [
    ['干了半年活老板一分工钱没给', '工厂拖了三个月工资不发', '包工头卷钱跑了工钱拿不到'],
    ['辞职以后失业保险金去哪里领', '失业了想申请失业金要什么手续', '失业补助怎么申领'],
  ],
  GA: [
    ['身份证丢了想补一张要带什么', '二代证掉了怎么补', '身份证被偷了怎么重新办'],
    ['每天半夜有改装摩托车轰油门', '晚上马路上有人飙车声音巨大', '深更半夜改装车炸街吵得睡不着'],
  ],
  WJ: [
    ['医院挂个号要排三个小时', '去人民医院看门诊等了一上午', '医院看病人太多排队排到中午'],
    ['巷子里有个没有执照的诊所在给人打针', '小门诊没资质偷偷行医', '黑诊所在给老人输液'],
  ],
  CG: [
    ['人行道上全是摆摊卖菜的走不过去', '小贩把摊子摆到马路上', '流动摊贩天天堵在路口'],
    ['楼下烧烤店油烟熏得窗户都不敢开', '底商餐馆排油烟直冲住户', '饭店油烟机对着居民楼排'],
  ],
  ZRZY: [
    ['买的二手房想办不动产证', '房子过户以后产权证怎么办', '不动产权证书办理流程'],
    ['有人在农田里挖土建房子', '基本农田被人占了盖厂房', '耕地被推平了要建仓库'],
  ],
  YB: [
    ['去外地看病医保怎么备案', '在外省住院医保能不能报', '异地就医要办什么备案手续'],
    ['药房说我的医保卡刷不了', '拿医保卡买药被拒', '医保卡在定点药店用不了'],
  ],
  GJJ: [
    ['租房子能不能把公积金取出来', '想用公积金付房租怎么提取', '公积金可以提出来交房租吗'],
    ['公司一直没给我交住房公积金', '单位不给员工缴公积金', '老板说公积金不用交'],
  ],
  SW: [
    ['年底个税汇算要怎么操作', '个税APP上的退税怎么申请', '个人所得税年度汇算退税'],
    ['吃完饭要发票老板说不开', '商店买东西不给开发票', '店家拒绝开具发票'],
  ],
  XF: [
    ['楼梯间堆满了纸箱子着火了跑不出去', '消防通道被杂物堵死了', '安全通道里堆满东西'],
    ['有人把电瓶车推进楼道里充电', '楼道里私拉电线给电动车充电', '电动车在走廊充电怕着火'],
  ],
  SWU: [
    ['想申请外贸出口补贴', '外贸企业的扶持资金怎么申报', '出口企业补助政策'],
    ['菜场摊位租金一下子涨了一倍', '农贸市场的摊位费涨得太离谱', '市场管理方乱涨摊位费'],
  ],
  MZ: [
    ['家里困难想吃低保怎么申请', '低保需要什么条件才能办', '申请最低生活保障'],
    ['想去民政局登记结婚要预约吗', '结婚登记需要带什么', '结婚证怎么办'],
  ],
  JY: [
    ['孩子明年上小学怎么报名', '一年级入学登记什么时候开始', '小孩上小学要准备什么'],
    ['补习班交了一年的钱现在不给退', '课外辅导机构跑路学费拿不回来', '教培机构不退课时费'],
  ],
  HG: [
    ['海外买的东西包裹卡在海关', '国外寄来的快递一直清关不了', '跨境包裹被海关扣了'],
    ['出国能带多少现金', '出境随身带钱有没有限额', '出国携带外币限制'],
  ],
  SWJT: [
    ['早上起来水龙头一滴水都没有', '家里没水了也没通知', '整栋楼都停水了'],
    ['马路上自来水管破了水一直往外冒', '路面水管爆了到处是水', '地下水管裂开喷水'],
  ],
  GD: [
    ['我们整个小区都黑了没电', '晚上突然全楼停电', '片区停电好几个小时了'],
    ['电线杆上的电线掉下来了', '大风把电线吹断了垂在路上', '路边电缆断了很危险'],
  ],
  RQ: [
    ['厨房里一股煤气味', '家里好像燃气泄漏了', '楼道里闻到天然气的味道'],
    ['燃气灶打不着火', '天然气灶点火点不着', '煤气灶一直打不燃'],
  ],
  'QY-SC': [
    ['菜市场外面污水横流臭气熏天', '农贸市场门口垃圾成堆'],
    ['拆迁安置房一直没交付', '征迁补偿款迟迟不到位'],
  ],
  'QY-XH': [
    ['菜市场外面污水横流臭气熏天', '农贸市场门口垃圾成堆'],
    ['拆迁安置房一直没交付', '征迁补偿款迟迟不到位'],
  ],
  'QY-BJ': [
    ['菜市场外面污水横流臭气熏天', '农贸市场门口垃圾成堆'],
    ['拆迁安置房一直没交付', '征迁补偿款迟迟不到位'],
  ],
  'QY-LA': [
    ['村里的水泥路坏得坑坑洼洼', '进村的道路塌了一大块'],
    ['菜市场外面污水横流臭气熏天', '农贸市场门口垃圾成堆'],
  ],
};

/** The streets' work in the callers' words. */
export const HELD_OUT_STREET_CONCEPTS: string[][] = [
  ['小区里的生活垃圾好几天没人收了', '垃圾桶满了没人清堆到路上', '垃圾站的垃圾一直没运走'],
  ['隔壁邻居在楼顶私自加盖房子', '楼上在阳台外面违规搭棚子', '有人在屋顶搭了违章建筑'],
  ['跟对门邻居吵起来了想找人调解', '邻居家漏水到我家协商不成', '和楼上邻居有矛盾需要社区出面'],
  ['小区下水道堵了粪水往外冒', '楼下窨井反水臭得不行', '污水管堵塞漫到路面'],
];

/** Other roads of the same streets and districts than the training generator uses, in other address formats. */
const STREET_ROADS: Record<string, [string, string, string[]]> = {
  'JD-SC-HB': ['上城区', '湖滨街道', ['吴山路', '学士路', '长生路']],
  'JD-SC-QB': ['上城区', '清波街道', ['劳动路', '定安路', '柳浪闻莺']],
  'JD-XH-BSQ': ['西湖区', '北山街道', ['宝石山下', '松木场', '黄龙路']],
  'JD-XH-XX': ['西湖区', '西溪街道', ['学院路', '玉古路', '求是路']],
  'JD-BJ-XX': ['滨江区', '西兴街道', ['官河路', '西浦路', '时代大道']],
  'JD-LA-JN': ['临安县', '锦南街道', ['吴越街', '天目路', '苕溪北路']],
};
const DISTRICT_ROADS: Record<string, [string, string[]]> = {
  'QY-SC': ['上城区', ['建国路', '凤起路', '秋涛路']],
  'QY-XH': ['西湖区', ['紫金港路', '留下街', '转塘路']],
  'QY-BJ': ['滨江区', ['火炬大道', '月明路', '浦沿路']],
  'QY-LA': ['临安县', ['青山湖', '锦北路', '玲珑街']],
};
const FRAMES = [
  (p: string) => `你好，我这边${p}，麻烦你们管一管`,
  (p: string) => `${p}，这个事归谁管？`,
  (p: string) => `我要反映个事：${p}。`,
  (p: string) => `${p}，都好几回了还是这样`,
  (p: string) => `喂，${p}，能不能派人来`,
  (p: string) => p,
  (p: string) => `家住这里的居民说${p}，大家都很着急`,
];

export interface HeldOutTicket {
  unitCode: string;
  content: string;
  address: string;
  /** Which concept and place: two tickets with the same key are one incident. */
  incident: string;
}

function noisy(text: string, rand: () => number): string {
  if (rand() < 0.15 && text.length > 6) {
    const at = 2 + Math.floor(rand() * (text.length - 4));
    return text.slice(0, at) + text.slice(at + 1); // a dropped character
  }
  return text.replace(/\d/g, (d) => (rand() < 0.2 ? String.fromCharCode(d.charCodeAt(0) + 0xfee0) : d));
}

export function generateHeldOut(count: number, seed = 424242): HeldOutTicket[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const cityUnits = Object.keys(HELD_OUT_CONCEPTS).filter((c) => !c.startsWith('QY-'));
  const out: HeldOutTicket[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rand();
    const number = 1 + Math.floor(rand() * 500);
    let unitCode: string;
    let concepts: string[][];
    let address: string;
    if (roll < 0.18) {
      unitCode = pick(Object.keys(STREET_ROADS));
      const [district, street, roads] = STREET_ROADS[unitCode]!;
      concepts = HELD_OUT_STREET_CONCEPTS;
      address = pick([
        `${district}${street}${pick(roads)}${number}号`,
        `${street}${pick(roads)}${number}号`,
        `示范市${district}${street}${pick(roads)}附近`,
      ]);
    } else if (roll < 0.25) {
      unitCode = pick(Object.keys(DISTRICT_ROADS));
      const [district, roads] = DISTRICT_ROADS[unitCode]!;
      concepts = HELD_OUT_CONCEPTS[unitCode]!;
      address = pick([`${district}${pick(roads)}${number}号`, `示范市${district}${pick(roads)}`]);
    } else {
      unitCode = pick(cityUnits);
      concepts = HELD_OUT_CONCEPTS[unitCode]!;
      const [district, roads] = DISTRICT_ROADS[pick(Object.keys(DISTRICT_ROADS))]!;
      address = pick([
        `${district}${pick(roads)}${number}号`,
        `${pick(roads)}${number}号`,
        `示范市${district}${pick(roads)}`,
      ]);
    }
    const conceptIndex = Math.floor(rand() * concepts.length);
    const content = noisy(pick(FRAMES)(pick(concepts[conceptIndex]!)), rand);
    out.push({ unitCode, content, address, incident: `${unitCode}|${conceptIndex}|${address}` });
  }
  return out;
}

/** Writes an address the way another caller would: without city/district, numerals in Chinese, or with a landmark. */
export function rewriteAddress(address: string, rand: () => number): string {
  const CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  let out = address.replace(/^示范市/, '');
  if (rand() < 0.5) out = out.replace(/^(上城区|西湖区|滨江区|临安县)/, '');
  if (rand() < 0.4) out = out.replace(/(\d+)号/, (_m, n: string) => `${[...n].map((d) => CN[Number(d)]).join('')}号`);
  if (rand() < 0.3) out = `${out}门口`;
  return out;
}

export function paraphraseOf(ticket: HeldOutTicket, rand: () => number): string {
  const [unitCode, conceptIndex] = ticket.incident.split('|');
  const concepts = unitCode!.startsWith('JD-') ? HELD_OUT_STREET_CONCEPTS : HELD_OUT_CONCEPTS[unitCode!]!;
  const phrasings = concepts[Number(conceptIndex)]!;
  const other = phrasings.filter((p) => !ticket.content.includes(p));
  const phrase = other.length ? other[Math.floor(rand() * other.length)]! : phrasings[0]!;
  return FRAMES[Math.floor(rand() * FRAMES.length)]!(phrase);
}
