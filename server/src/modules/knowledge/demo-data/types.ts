// DEMO DATA — fictional but realistic; not an official catalogue.
// Shape of the demo matter knowledge base (事项知识库) for the 12345 hotline of a demo Zhejiang city (示范市).
// Matters (事项) are split to the smallest granularity (最小颗粒度) of situations (办事情形), each with its own
// conditions and complete material list, so that a single answer can tell the citizen everything at once (一次告知).

/** 零跑腿 (fully online / by post) / 最多跑一次 (at most one visit) / 例外 (on the list of exceptions, several visits). */
export type VisitClass = 'zero_visit' | 'one_visit' | 'exception';

export interface DemoMaterial {
  name: string;
  form: 'original' | 'copy' | 'original_and_copy' | 'electronic';
  copies: number;
  required: boolean;
  /** 容缺受理: may be supplied later without blocking acceptance. */
  deferrable: boolean;
  /** Where the citizen obtains it, e.g. 申请人自备, 公安部门核发. */
  source: string;
  /** Obtained by data sharing (电子证照库 / 数据共享); the citizen need not bring it. */
  sharedElectronically: boolean;
  note?: string;
}

export interface DemoSituation {
  /** Matter code + suffix, e.g. 330100-XK-001-01. */
  code: string;
  /** 新办 / 变更 / 注销 … */
  name: string;
  /** 受理条件 */
  conditions: string[];
  materials: DemoMaterial[];
  notes?: string;
}

export interface DemoMatter {
  /** Government service catalogue style code, e.g. 330100-XK-001. */
  code: string;
  name: string;
  /** One of the demo department codes (SCJG, STHJ, ZJ, …). */
  departmentCode: string;
  /** e.g. 市场准入, 社会保障, 户籍管理, 不动产, 交通运输, 住房公积金, 医疗保障, 民生服务 */
  category: string;
  visitClass: VisitClass;
  legalBasis: string[];
  /** e.g. 不收费 */
  fees: string;
  /** Working days; null when the law sets none. */
  legalTimeLimitDays: number | null;
  /** Working days promised by the city; 0 = 即办 (done on the spot); null when none is promised. */
  promisedTimeLimitDays: number | null;
  place: string;
  hours: string;
  phone: string;
  onlineUrl: string | null;
  /** Colloquial phrasings citizens use, e.g. 开饭店, 二手房过户, 办社保卡. */
  keywords: string[];
  situations: DemoSituation[];
}

export interface DemoBundle {
  code: string;
  /** 一件事, e.g. 开餐馆一件事 */
  name: string;
  description: string;
  /** Situations across departments, in order. */
  situationCodes: string[];
}

/** Department codes of the demo city (示范市) that demo matters may use; they exist in the department seed. */
export const DEMO_DEPARTMENT_CODES = [
  'SCJG', // 市市场监督管理局
  'STHJ', // 市生态环境局
  'ZJ', // 市住房和城乡建设局
  'JTYS', // 市交通运输局
  'RS', // 市人力资源和社会保障局
  'GA', // 市公安局
  'WJ', // 市卫生健康委员会
  'CG', // 市综合行政执法局（城管）
  'ZRZY', // 市自然资源和规划局
  'YB', // 市医疗保障局
  'GJJ', // 市住房公积金管理中心
  'SW', // 市税务局
  'XF', // 市消防救援支队
  'SWU', // 市商务局
  'MZ', // 市民政局
  'JY', // 市教育局
  'SWJT', // 市水务集团
  'GD', // 国网示范市供电公司
  'RQ', // 市燃气集团
  'HG', // 示范海关
] as const;

export type DemoDepartmentCode = (typeof DEMO_DEPARTMENT_CODES)[number];
