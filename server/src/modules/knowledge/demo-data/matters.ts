// DEMO DATA — fictional but realistic; not an official catalogue.
// Matter knowledge base (事项知识库) of the demo city 示范市: matters split into situations (办事情形), each with
// 受理条件 and a complete material list, as needed for a 一次告知 notice. Places, phones and links are fictional.
import type { DemoMaterial, DemoMatter } from './types.js';

// ---------------------------------------------------------------------------------------------------------------
// Helpers (keep the material lists readable)
// ---------------------------------------------------------------------------------------------------------------

interface MaterialOptions {
  copies?: number;
  required?: boolean;
  deferrable?: boolean;
  shared?: boolean;
  note?: string;
}

function mat(name: string, form: DemoMaterial['form'], source: string, o: MaterialOptions = {}): DemoMaterial {
  return {
    name,
    form,
    copies: o.copies ?? 1,
    required: o.required ?? true,
    deferrable: o.deferrable ?? false,
    source,
    sharedElectronically: o.shared ?? false,
    ...(o.note !== undefined ? { note: o.note } : {}),
  };
}

/** A material obtained through the electronic licence library / data sharing: the citizen brings nothing. */
function shared(name: string, source: string, note = '通过浙江省电子证照库或部门数据共享获取，无需提交'): DemoMaterial {
  return mat(name, 'electronic', source, { shared: true, note });
}

function idCard(holder = '申请人', o: MaterialOptions = {}): DemoMaterial {
  return mat(`${holder}居民身份证`, 'original', '公安机关核发', {
    note: '现场核验原件，无需提交复印件；已申领电子身份证的可通过“浙里办”亮证',
    ...o,
  });
}

function bizLicense(): DemoMaterial {
  return shared('营业执照', '市场监督管理部门核发');
}

function powerOfAttorney(): DemoMaterial {
  return mat('授权委托书', 'original', '申请人自备（浙江政务服务网可下载范本）', {
    required: false,
    note: '委托他人办理时提供，并出示受托人居民身份证原件',
  });
}

function legalRepId(): DemoMaterial {
  return mat('法定代表人（负责人）身份证明', 'copy', '申请人自备', {
    note: '法定代表人通过“浙里办”实名认证并电子签名的，无需另行提供',
  });
}

function householdRegister(holder = '申请人'): DemoMaterial {
  return mat(`${holder}居民户口簿`, 'original', '公安机关（户籍派出所）核发', {
    note: '现场核验，需要打印户口页的须携带户口簿原件',
  });
}

function marriageCert(
  note = '婚姻登记信息可通过民政数据共享核验；1990年以前或外省登记无法核验的，须提供原件',
): DemoMaterial {
  return mat('结婚证', 'original', '民政部门（婚姻登记机关）核发', { shared: true, note });
}

function propertyCert(): DemoMaterial {
  return mat('不动产权证书（或房屋所有权证、国有土地使用证）', 'original', '自然资源和规划部门（不动产登记机构）核发', {
    note: '登记信息可通过不动产登记数据共享核验，但原证书须交回注销或换发',
  });
}

function photo(spec = '近期正面免冠彩色证件照（白色背景）'): DemoMaterial {
  return mat(spec, 'original', '申请人自备（可在办事大厅自助拍照）', {
    note: '已在“浙里办”或照相馆取得数码回执的，无需提供纸质照片',
  });
}

const BASE_URL = 'https://www.zjzwfw.gov.cn/demo/shifan/matter/';
function zwfw(code: string): string {
  return `${BASE_URL}${code}`;
}

const CENTER = '示范市民中心（示范市市民大道100号）';
const HOURS = '工作日 9:00-12:00，13:30-17:00';
const HOURS_EXT = '工作日 9:00-12:00，13:30-17:00；周六 9:00-12:00 延时服务（法定节假日除外）';
const HOURS_UTILITY = '周一至周六 8:30-17:00（法定节假日除外）；线上 24 小时受理';

// ---------------------------------------------------------------------------------------------------------------
// 市市场监督管理局 (SCJG)
// ---------------------------------------------------------------------------------------------------------------

const SCJG_MATTERS: DemoMatter[] = [
  {
    code: '330100-XK-001',
    name: '营业执照设立登记（企业设立登记）',
    departmentCode: 'SCJG',
    category: '市场准入',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国公司法》第二十九条、第三十条',
      '《中华人民共和国市场主体登记管理条例》第三条、第十六条、第十九条',
      '《中华人民共和国市场主体登记管理条例实施细则》第二十五条',
    ],
    fees: '不收费（营业执照及副本免费发放，首套印章由政府免费刻制）',
    legalTimeLimitDays: 3,
    promisedTimeLimitDays: 1,
    place: `${CENTER} 一楼 企业开办专区 1-6号窗口`,
    hours: HOURS_EXT,
    phone: '0571-85101201',
    onlineUrl: zwfw('330100-XK-001'),
    keywords: [
      '开公司',
      '注册公司',
      '办营业执照',
      '开饭店',
      '开餐馆',
      '开饭馆',
      '开店',
      '企业开办',
      '注册企业',
      '五证合一',
      '十一证合一',
      '工商登记',
    ],
    situations: [
      {
        code: '330100-XK-001-01',
        name: '有限责任公司设立登记',
        conditions: [
          '股东人数符合法定要求（1人以上50人以下）',
          '有符合公司章程规定的全体股东认缴的出资额',
          '公司名称已通过企业名称自主申报系统申报且不违反禁限用规定',
          '有公司住所（经营场所），并能提供合法使用证明',
          '有符合要求的组织机构（董事或董事会、监事等）',
        ],
        materials: [
          mat('《公司登记（备案）申请书》', 'original', '浙江政务服务网“企业开办一件事”平台在线填报', {
            note: '全体股东、法定代表人通过“浙里办”实名认证并电子签名的，无需提交纸质件',
          }),
          mat('公司章程', 'original', '申请人自备（平台提供示范文本）', { note: '由全体股东签署' }),
          mat('股东的主体资格证明或自然人身份证明', 'copy', '申请人自备', {
            note: '自然人股东实名认证后可共享身份信息；法人股东的营业执照通过电子证照库共享',
          }),
          mat('法定代表人、董事、监事和经理的任职文件及身份证明', 'original', '申请人自备', {
            note: '股东会决议或章程中已载明任职的，无需另行提交',
          }),
          mat('住所（经营场所）使用证明', 'copy', '申请人自备（房屋产权证明或租赁合同）', {
            deferrable: true,
            note: '房屋产权信息可通过不动产登记数据共享核验的，只需提交租赁合同；实行住所申报承诺制的可填写《住所（经营场所）申报承诺书》',
          }),
          powerOfAttorney(),
        ],
        notes:
          '设立登记与公章刻制、发票申领及税控设备、社保登记、公积金缴存登记、银行预约开户同步办理（企业开办一件事），全流程一般 1 个工作日内办结；营业执照可选择免费邮寄或领取电子营业执照。',
      },
      {
        code: '330100-XK-001-02',
        name: '个人独资企业设立登记',
        conditions: [
          '投资人为一个自然人，且不属于法律、行政法规禁止从事营利性活动的人员',
          '有合法的企业名称和固定的生产经营场所',
          '有投资人申报的出资和必要的从业人员',
        ],
        materials: [
          mat('《个人独资企业登记（备案）申请书》', 'original', '浙江政务服务网在线填报', {
            note: '投资人电子签名的，无需提交纸质件',
          }),
          idCard('投资人'),
          mat('住所（经营场所）使用证明', 'copy', '申请人自备', {
            deferrable: true,
            note: '可用《住所（经营场所）申报承诺书》替代',
          }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-001-03',
        name: '合伙企业设立登记',
        conditions: [
          '有二个以上合伙人，普通合伙人依法承担无限连带责任',
          '有书面合伙协议',
          '有合伙人认缴或者实际缴付的出资',
          '有合伙企业名称和生产经营场所',
        ],
        materials: [
          mat('《合伙企业登记（备案）申请书》', 'original', '浙江政务服务网在线填报'),
          mat('全体合伙人签署的合伙协议', 'original', '申请人自备'),
          mat('全体合伙人的主体资格证明或自然人身份证明', 'copy', '申请人自备', {
            note: '自然人实名认证后共享；法人合伙人营业执照通过电子证照库共享',
          }),
          mat('全体合伙人对各合伙人认缴或实际缴付出资的确认书', 'original', '申请人自备'),
          mat('全体合伙人指定执行事务合伙人的委托书', 'original', '申请人自备', {
            required: false,
            note: '由部分合伙人执行合伙事务的提供',
          }),
          mat('主要经营场所使用证明', 'copy', '申请人自备', { deferrable: true }),
          powerOfAttorney(),
        ],
      },
    ],
  },
  {
    code: '330100-XK-002',
    name: '食品经营许可',
    departmentCode: 'SCJG',
    category: '市场准入',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国食品安全法》第三十五条',
      '《中华人民共和国食品安全法实施条例》',
      '《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）',
    ],
    fees: '不收费',
    legalTimeLimitDays: 10,
    promisedTimeLimitDays: 3,
    place: `${CENTER} 一楼 企业开办专区 7号窗口（食品经营许可）`,
    hours: HOURS_EXT,
    phone: '0571-85101207',
    onlineUrl: zwfw('330100-XK-002'),
    keywords: [
      '开饭店',
      '开餐馆',
      '开饭馆',
      '开小吃店',
      '开奶茶店',
      '开超市',
      '卖食品',
      '食品经营许可证',
      '餐饮许可证',
      '办食品许可证',
      '卫生许可证',
    ],
    situations: [
      {
        code: '330100-XK-002-01',
        name: '新办',
        conditions: [
          '已取得营业执照或其他主体资格证明文件',
          '具有与经营的食品品种、数量相适应的食品原料处理和食品加工、销售、贮存等场所，并与有毒有害场所及其他污染源保持规定的距离',
          '具有相应的设备设施（消毒、更衣、洗手、采光、照明、通风、防腐、防尘、防蝇、防鼠、防虫、洗涤及处理废水、存放垃圾和废弃物）',
          '有专职或兼职的食品安全管理人员和保证食品安全的规章制度',
          '具有合理的设备布局和工艺流程',
        ],
        materials: [
          mat('《食品经营许可申请书》', 'original', '浙江政务服务网在线填报或窗口领取'),
          bizLicense(),
          legalRepId(),
          mat('与食品经营相适应的经营场所和设备布局、操作流程等文件（含平面布局图）', 'original', '申请人自备', {
            note: '餐饮服务需标明加工操作区域（粗加工、烹饪、专间等）和设备位置',
          }),
          mat(
            '食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度',
            'original',
            '申请人自备',
            {
              deferrable: true,
              note: '可使用窗口提供的示范文本',
            },
          ),
          mat('食品安全管理人员名单及其健康证明', 'copy', '申请人自备；健康证明由医疗卫生机构出具', {
            deferrable: true,
            note: '健康证明可在许可决定前补交',
          }),
          powerOfAttorney(),
        ],
        notes:
          '餐饮服务经营者实行“告知承诺”的，材料齐全当场发证，发证后 20 个工作日内现场核查；申请利用自动设备从事食品经营的，需另附设备放置地点说明。',
      },
      {
        code: '330100-XK-002-02',
        name: '变更',
        conditions: [
          '已取得食品经营许可证且在有效期内',
          '经营者名称、法定代表人、住所、经营项目等许可事项发生变化',
          '经营场所发生迁移的不适用变更，应重新申请许可',
        ],
        materials: [
          mat('《食品经营许可变更申请书》', 'original', '浙江政务服务网在线填报'),
          shared('食品经营许可证正、副本', '市场监督管理部门核发', '电子证照库共享；纸质证照变更后交回'),
          mat('与变更事项有关的证明材料', 'copy', '申请人自备', {
            note: '如名称、法定代表人变更的，营业执照变更信息通过数据共享获取',
          }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-002-03',
        name: '延续',
        conditions: [
          '食品经营许可证有效期（5年）届满需继续经营',
          '应在有效期届满前 90 个工作日至 15 个工作日期间提出申请',
        ],
        materials: [
          mat('《食品经营许可延续申请书》', 'original', '浙江政务服务网在线填报'),
          mat('与延续食品经营许可事项有关的其他材料', 'original', '申请人自备', {
            required: false,
            note: '经营条件发生变化的提供说明',
          }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-002-04',
        name: '注销',
        conditions: ['食品经营者终止食品经营，或食品经营许可被撤回、撤销、吊销，或有效期届满未延续'],
        materials: [
          mat('《食品经营许可注销申请书》', 'original', '浙江政务服务网在线填报'),
          mat('食品经营许可证正、副本', 'original', '市场监督管理部门核发', {
            note: '遗失的在申请书中说明即可',
          }),
          powerOfAttorney(),
        ],
      },
    ],
  },
  {
    code: '330100-XK-003',
    name: '个体工商户登记',
    departmentCode: 'SCJG',
    category: '市场准入',
    visitClass: 'zero_visit',
    legalBasis: ['《促进个体工商户发展条例》第九条', '《中华人民共和国市场主体登记管理条例》第八条、第二十一条'],
    fees: '不收费',
    legalTimeLimitDays: 3,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 企业开办专区 1-6号窗口；各镇（街道）便民服务中心市场监管窗口`,
    hours: HOURS_EXT,
    phone: '0571-85101203',
    onlineUrl: zwfw('330100-XK-003'),
    keywords: ['个体户', '办个体执照', '开小店', '开个体店', '摆摊执照', '个体工商户营业执照', '开小吃店', '夫妻店'],
    situations: [
      {
        code: '330100-XK-003-01',
        name: '设立',
        conditions: [
          '申请人为有经营能力的自然人，或以家庭形式经营的家庭成员',
          '有经营场所（住所），名称（可选）不违反禁限用规定',
          '经营范围不属于法律、行政法规禁止个体工商户经营的项目',
        ],
        materials: [
          mat('《个体工商户登记（备案）申请书》', 'original', '浙江政务服务网或“浙里办”在线填报', {
            note: '经营者实名认证并电子签名的，无需纸质件',
          }),
          idCard('经营者'),
          mat('经营场所使用证明', 'copy', '申请人自备（产权证明或租赁合同）', {
            deferrable: true,
            note: '可用《住所（经营场所）申报承诺书》替代',
          }),
          mat('家庭成员关系证明', 'copy', '申请人自备（户口簿或结婚证等）', {
            required: false,
            note: '以家庭形式经营的提供；户籍、婚姻信息可共享核验',
          }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-003-02',
        name: '变更',
        conditions: [
          '个体工商户名称、经营者、经营范围、经营场所等登记事项发生变化',
          '变更经营者的，应当在变更前结清债权债务',
        ],
        materials: [
          mat('《个体工商户登记（备案）申请书》（变更）', 'original', '浙江政务服务网在线填报'),
          bizLicense(),
          mat('与变更事项相关的证明材料', 'copy', '申请人自备', { note: '变更经营场所的提交新场所使用证明' }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-003-03',
        name: '注销',
        conditions: ['停止经营且已结清税款及债权债务', '未被列入严重违法失信名单、无未办结的行政处罚'],
        materials: [
          mat('《个体工商户注销登记申请书》', 'original', '浙江政务服务网在线填报'),
          mat('营业执照正、副本', 'original', '市场监督管理部门核发', { note: '遗失的可在线声明作废' }),
          powerOfAttorney(),
        ],
        notes: '税务注销信息通过部门共享同步办理；符合条件的可适用简易注销，无需公示。',
      },
    ],
  },
  {
    code: '330100-XK-004',
    name: '食品小作坊登记',
    departmentCode: 'SCJG',
    category: '市场准入',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国食品安全法》第三十六条',
      '《浙江省食品小作坊小餐饮店小食杂店和食品摊贩管理规定》第七条、第八条',
    ],
    fees: '不收费',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 5,
    place: `${CENTER} 一楼 企业开办专区 7号窗口；经营场所所在地市场监管所`,
    hours: HOURS,
    phone: '0571-85101208',
    onlineUrl: zwfw('330100-XK-004'),
    keywords: ['小作坊', '做年糕', '做糕点', '手工食品', '家庭作坊', '食品小作坊登记证', '卖自家做的食品', '作坊办证'],
    situations: [
      {
        code: '330100-XK-004-01',
        name: '新办',
        conditions: [
          '已取得营业执照（个体工商户或企业）',
          '从业人员较少、生产加工规模小、无预包装或仅简易包装的传统特色食品生产加工',
          '生产加工场所面积和布局符合《浙江省食品小作坊登记条件》要求，远离污染源',
          '不属于禁止小作坊生产的食品品种（如婴幼儿食品、保健食品、乳制品等）',
        ],
        materials: [
          mat('《食品小作坊登记申请书》', 'original', '浙江政务服务网在线填报或窗口领取'),
          bizLicense(),
          idCard('经营者（负责人）'),
          mat('生产加工场所平面图、工艺流程图及主要设备设施清单', 'original', '申请人自备'),
          mat('从业人员健康证明', 'copy', '医疗卫生机构出具', { deferrable: true }),
          mat('食品安全承诺书', 'original', '窗口提供范本，申请人签署'),
        ],
        notes: '受理后由所在地市场监管所进行现场核查，符合条件的颁发《食品小作坊登记证》，有效期 3 年。',
      },
      {
        code: '330100-XK-004-02',
        name: '变更',
        conditions: ['已取得食品小作坊登记证且在有效期内', '名称、负责人、生产加工品种等登记事项发生变化'],
        materials: [
          mat('《食品小作坊登记变更申请书》', 'original', '浙江政务服务网在线填报'),
          mat('食品小作坊登记证原件', 'original', '市场监督管理部门核发'),
          mat('与变更事项相关的证明材料', 'copy', '申请人自备'),
        ],
      },
      {
        code: '330100-XK-004-03',
        name: '延续',
        conditions: ['登记证有效期届满需继续生产加工', '应在有效期届满 30 日前提出申请'],
        materials: [
          mat('《食品小作坊登记延续申请书》', 'original', '浙江政务服务网在线填报'),
          mat('食品小作坊登记证原件', 'original', '市场监督管理部门核发'),
          mat('从业人员健康证明', 'copy', '医疗卫生机构出具', { deferrable: true }),
        ],
      },
    ],
  },
  {
    code: '330100-XK-005',
    name: '企业注销登记',
    departmentCode: 'SCJG',
    category: '市场准入',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国公司法》第二百三十九条',
      '《中华人民共和国市场主体登记管理条例》第三十一条至第三十四条',
    ],
    fees: '不收费',
    legalTimeLimitDays: 3,
    promisedTimeLimitDays: 1,
    place: `${CENTER} 一楼 企业开办专区 5号窗口（企业注销）`,
    hours: HOURS_EXT,
    phone: '0571-85101205',
    onlineUrl: zwfw('330100-XK-005'),
    keywords: ['注销公司', '公司不开了', '关公司', '企业注销', '简易注销', '吊销转注销'],
    situations: [
      {
        code: '330100-XK-005-01',
        name: '普通注销',
        conditions: [
          '公司已依法成立清算组并完成清算',
          '已通过国家企业信用信息公示系统发布清算组信息和债权人公告，公告期满 45 日',
          '已办结税务注销（或取得清税信息）',
        ],
        materials: [
          mat('《企业注销登记申请书》', 'original', '浙江政务服务网“企业注销一件事”平台在线填报'),
          mat('依法作出解散的决议或决定', 'original', '申请人自备（股东会决议等）'),
          mat('经确认的清算报告', 'original', '清算组出具，股东会确认'),
          shared('清税信息', '税务部门', '通过税务数据共享获取，无需提交清税证明'),
          mat('营业执照正、副本', 'original', '市场监督管理部门核发', { note: '遗失的可在线声明作废' }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-005-02',
        name: '简易注销',
        conditions: [
          '未发生债权债务或已将债权债务清偿完结',
          '未发生或已结清清偿费用、职工工资、社会保险费用、法定补偿金和应缴纳税款',
          '经简易注销公示 20 日无异议',
          '不存在被列入严重违法失信名单、股权被冻结等不适用情形',
        ],
        materials: [
          mat('《企业注销登记申请书》（简易注销）', 'original', '浙江政务服务网在线填报'),
          mat('《全体投资人承诺书》', 'original', '平台在线签署'),
          powerOfAttorney(),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市生态环境局 (STHJ), 市消防救援支队 (XF), 市综合行政执法局 (CG)
// ---------------------------------------------------------------------------------------------------------------

const STHJ_XF_CG_MATTERS: DemoMatter[] = [
  {
    code: '330100-QT-001',
    name: '固定污染源排污登记',
    departmentCode: 'STHJ',
    category: '生态环境',
    visitClass: 'zero_visit',
    legalBasis: [
      '《排污许可管理条例》第二十四条',
      '《固定污染源排污许可分类管理名录（2019年版）》',
      '《固定污染源排污登记工作指南（试行）》',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `全程网办（全国排污许可证管理信息平台）；咨询：${CENTER} 二楼 生态环境窗口 21号`,
    hours: '线上 24 小时；窗口咨询 ' + HOURS,
    phone: '0571-85102101',
    onlineUrl: zwfw('330100-QT-001'),
    keywords: ['排污登记', '排污许可', '餐饮油烟', '开饭店环保', '开餐馆环保手续', '环保登记', '排污回执'],
    situations: [
      {
        code: '330100-QT-001-01',
        name: '首次登记',
        conditions: [
          '属于《固定污染源排污许可分类管理名录》中实行排污登记管理的排污单位，或按示范市规定参照办理排污登记的餐饮服务单位（产生油烟、含油废水）',
          '应在启动生产设施或者发生实际排污之前完成登记',
        ],
        materials: [
          mat('《固定污染源排污登记表》', 'electronic', '全国排污许可证管理信息平台在线填报', {
            note: '填写单位基本信息、主要产品及产能、燃料使用、污染物排放去向及执行标准、污染防治设施（如油烟净化器、隔油池）等',
          }),
          bizLicense(),
        ],
        notes:
          '登记表提交后即时生成《固定污染源排污登记回执》（电子），无需审批；登记信息发生变化的，应自变化之日起 20 日内变更。',
      },
      {
        code: '330100-QT-001-02',
        name: '变更',
        conditions: ['已完成排污登记', '排污单位名称、地址、污染物排放去向、污染防治设施等登记信息发生变化'],
        materials: [
          mat('《固定污染源排污登记表》（变更）', 'electronic', '全国排污许可证管理信息平台在线填报'),
          bizLicense(),
        ],
      },
      {
        code: '330100-QT-001-03',
        name: '注销',
        conditions: ['排污单位因关闭等原因不再排污'],
        materials: [mat('排污登记注销申请', 'electronic', '全国排污许可证管理信息平台在线提交')],
      },
    ],
  },
  {
    code: '330100-QT-002',
    name: '建设项目环境影响登记表备案',
    departmentCode: 'STHJ',
    category: '生态环境',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国环境影响评价法》第十六条、第二十二条',
      '《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）',
      '《建设项目环境影响评价分类管理名录》',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `全程网办（建设项目环境影响登记表备案系统）；咨询：${CENTER} 二楼 生态环境窗口 21号`,
    hours: '线上 24 小时；窗口咨询 ' + HOURS,
    phone: '0571-85102102',
    onlineUrl: zwfw('330100-QT-002'),
    keywords: ['环评', '环评登记', '环评备案', '开饭店要环评吗', '环境影响登记表', '小项目环评'],
    situations: [
      {
        code: '330100-QT-002-01',
        name: '备案',
        conditions: [
          '建设项目属于《建设项目环境影响评价分类管理名录》中应当填报环境影响登记表的项目',
          '应在建成并投入生产运营前完成备案',
        ],
        materials: [
          mat('《建设项目环境影响登记表》', 'electronic', '建设项目环境影响登记表备案系统在线填报', {
            note: '建设单位对填报内容的真实性、准确性和完整性负责，并作出环保承诺',
          }),
          bizLicense(),
        ],
        notes: '提交后系统自动生成备案回执，无需审批；备案不作为项目开工、投产的前置条件。',
      },
    ],
  },
  {
    code: '330100-XK-006',
    name: '公众聚集场所投入使用、营业前消防安全检查',
    departmentCode: 'XF',
    category: '消防安全',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国消防法》第十五条',
      '《消防监督检查规定》（公安部令第120号）',
      '《公众聚集场所投入使用、营业消防安全检查规则》',
    ],
    fees: '不收费',
    legalTimeLimitDays: 10,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 二楼 消防窗口 23号`,
    hours: HOURS,
    phone: '0571-85102301',
    onlineUrl: zwfw('330100-XK-006'),
    keywords: [
      '消防检查',
      '消防审批',
      '消防许可',
      '开饭店消防',
      '开餐馆消防',
      '营业前消防检查',
      '消防验收开业',
      '开KTV消防',
    ],
    situations: [
      {
        code: '330100-XK-006-01',
        name: '告知承诺方式办理',
        conditions: [
          '场所属于宾馆、饭店、商场、集贸市场、客运车站候车室、体育场馆、会堂、公共娱乐场所等公众聚集场所',
          '场所所在建筑已依法通过消防验收或完成竣工验收消防备案（或依法无需办理）',
          '申请人自愿作出场所符合消防技术标准和管理规定的承诺',
        ],
        materials: [
          mat(
            '《公众聚集场所投入使用、营业消防安全告知承诺书》',
            'original',
            '窗口领取或浙江政务服务网下载，申请人签署',
          ),
          bizLicense(),
          mat('消防安全制度、灭火和应急疏散预案、场所平面布置图', 'original', '申请人自备'),
          mat('员工岗前消防安全教育培训记录', 'copy', '申请人自备', { deferrable: true }),
          mat('自动消防系统操作人员取得的消防设施操作员职业资格证书', 'copy', '申请人自备', {
            required: false,
            note: '场所设有自动消防设施且有值班人员的提供',
          }),
          shared(
            '建设工程消防验收意见书或竣工验收消防备案凭证',
            '住房和城乡建设部门出具',
            '通过住建部门数据共享核验；无法核验的提供复印件',
          ),
          powerOfAttorney(),
        ],
        notes:
          '材料齐全、符合法定形式的，当场作出许可决定并发放《公众聚集场所投入使用、营业消防安全检查合格证》；消防救援机构自许可之日起 3 个月内进行核查，发现承诺不实的依法撤销许可。',
      },
      {
        code: '330100-XK-006-02',
        name: '一般程序（现场检查）',
        conditions: ['场所属于公众聚集场所', '申请人选择不采用告知承诺方式办理'],
        materials: [
          mat('《公众聚集场所投入使用、营业消防安全检查申请表》', 'original', '窗口领取或浙江政务服务网下载'),
          bizLicense(),
          mat('消防安全制度、灭火和应急疏散预案、场所平面布置图', 'original', '申请人自备'),
          mat('员工岗前消防安全教育培训记录', 'copy', '申请人自备'),
          mat('室内装修装饰材料防火性能符合消防技术标准的证明文件、出厂合格证', 'copy', '申请人自备（供货商提供）'),
          shared('建设工程消防验收意见书或竣工验收消防备案凭证', '住房和城乡建设部门出具'),
          powerOfAttorney(),
        ],
        notes:
          '消防救援机构自受理之日起 10 个工作日内进行现场检查，合格的发证；不合格的出具不同意投入使用、营业的决定并说明理由。',
      },
    ],
  },
  {
    code: '330100-XK-007',
    name: '户外招牌设置审批（店招店牌）',
    departmentCode: 'CG',
    category: '城市管理',
    visitClass: 'one_visit',
    legalBasis: [
      '《城市市容和环境卫生管理条例》第十一条',
      '《示范市户外广告设施和招牌设置管理办法》',
      '《示范市城市户外招牌设置技术导则》',
    ],
    fees: '不收费',
    legalTimeLimitDays: 20,
    promisedTimeLimitDays: 3,
    place: `${CENTER} 二楼 综合行政执法（城管）窗口 25号`,
    hours: HOURS,
    phone: '0571-85102501',
    onlineUrl: zwfw('330100-XK-007'),
    keywords: ['店招', '招牌', '门头', '店招审批', '挂招牌', '装招牌', '开饭店招牌', '广告牌', '灯箱'],
    situations: [
      {
        code: '330100-XK-007-01',
        name: '新设',
        conditions: [
          '已取得营业执照，招牌内容与登记名称（字号）一致',
          '招牌设置位置、尺寸、材质符合《示范市城市户外招牌设置技术导则》（一店一招、不得遮挡窗户和消防通道）',
          '设置在建筑物上的，已取得建筑物所有权人或管理人同意',
        ],
        materials: [
          mat('《户外招牌设置申请表》', 'original', '窗口领取或浙江政务服务网在线填报'),
          bizLicense(),
          mat(
            '招牌设计效果图（标明尺寸、材质、色彩、照明方式，附实景合成照片）',
            'original',
            '申请人自备（可委托广告制作单位）',
            {
              copies: 2,
            },
          ),
          mat('建筑物所有权人或管理人（物业）同意设置的证明', 'original', '申请人自备', {
            deferrable: true,
            note: '自有房屋的提供产权证明即可，产权信息可共享核验',
          }),
          mat('招牌结构安全承诺书', 'original', '窗口提供范本，申请人签署', {
            note: '面积超过 10 平方米或设置高度超过 6 米的，须提供有资质单位出具的结构安全设计文件',
          }),
          powerOfAttorney(),
        ],
        notes: '与营业执照设立登记同步申请的，可纳入“开餐馆一件事”并联审批；审批通过后 3 个月内完成设置。',
      },
      {
        code: '330100-XK-007-02',
        name: '变更（更换招牌）',
        conditions: ['已取得户外招牌设置许可', '招牌内容、尺寸或位置发生变化'],
        materials: [
          mat('《户外招牌设置申请表》（变更）', 'original', '浙江政务服务网在线填报'),
          bizLicense(),
          mat('变更后的招牌设计效果图', 'original', '申请人自备', { copies: 2 }),
          mat('原户外招牌设置许可决定书', 'copy', '综合行政执法部门出具'),
        ],
      },
    ],
  },
  {
    code: '330100-XK-014',
    name: '建筑施工夜间作业许可（夜间施工噪声排放）',
    departmentCode: 'STHJ',
    category: '生态环境',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国噪声污染防治法》第四十三条', '《浙江省环境污染监督管理办法》'],
    fees: '不收费',
    legalTimeLimitDays: 5,
    promisedTimeLimitDays: 2,
    place: `${CENTER} 二楼 生态环境窗口 21号`,
    hours: HOURS,
    phone: '0571-85102210',
    onlineUrl: zwfw('330100-XK-014'),
    keywords: ['夜间施工', '夜间施工证明', '施工噪音', '噪音扰民', '工地噪声', '连续施工'],
    situations: [
      {
        code: '330100-XK-014-01',
        name: '因生产工艺要求或特殊需要必须连续施工',
        conditions: [
          '属于因生产工艺上要求或者特殊需要必须连续施工作业的情形（如混凝土连续浇筑）',
          '已制定噪声污染防治措施并公告附近居民',
        ],
        materials: [
          mat('《夜间施工作业申请表》', 'original', '浙江政务服务网在线填报'),
          mat('连续施工的工艺说明或有关部门证明', 'original', '施工单位自备'),
          mat('噪声污染防治措施及周边居民公告', 'original', '施工单位自备', { note: '公告须在施工前张贴于工地周边' }),
          shared('建筑工程施工许可证', '住房和城乡建设部门核发'),
        ],
        notes: '群众反映夜间施工噪音扰民的，可拨打 12345 投诉，由生态环境部门核查是否取得许可。',
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市自然资源和规划局 (ZRZY), 市住房和城乡建设局 (ZJ)
// ---------------------------------------------------------------------------------------------------------------

const PROPERTY_MATTERS: DemoMatter[] = [
  {
    code: '330100-QR-001',
    name: '不动产转移登记',
    departmentCode: 'ZRZY',
    category: '不动产',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国民法典》第二百零九条、第二百一十四条',
      '《不动产登记暂行条例》第十四条、第二十条',
      '《不动产登记暂行条例实施细则》第三十八条',
    ],
    fees: '住宅类每件 80 元，非住宅类每件 550 元（含第一本证书工本费，每增加一本加收 10 元）；小微企业免收',
    legalTimeLimitDays: 30,
    promisedTimeLimitDays: 0,
    place: `示范市不动产登记服务中心（${CENTER} 三楼）“一窗受理”综合窗口 31-40号`,
    hours: HOURS_EXT,
    phone: '0571-85103101',
    onlineUrl: zwfw('330100-QR-001'),
    keywords: [
      '二手房过户',
      '买房过户',
      '房产过户',
      '房子过户',
      '卖房',
      '房产证过户',
      '办房产证',
      '赠与房产',
      '继承房产',
      '父母房子过户给子女',
      '不动产过户',
    ],
    situations: [
      {
        code: '330100-QR-001-01',
        name: '买卖（二手房过户）',
        conditions: [
          '房屋已取得不动产权证书，且未被查封、无异议登记',
          '已设立抵押的，已办理抵押注销或经抵押权人同意转让',
          '买卖双方已签订存量房买卖合同并完成网签备案',
          '买卖双方共同申请（可委托代理人）',
        ],
        materials: [
          mat('《不动产登记申请书》', 'original', '窗口领取或“浙里办”在线填报', {
            note: '买卖双方现场签署或在线电子签名',
          }),
          idCard('买卖双方'),
          propertyCert(),
          shared(
            '存量房买卖合同（网签备案版）',
            '住房和城乡建设部门网签备案系统',
            '网签合同通过住建数据共享获取，无需提交纸质合同',
          ),
          shared(
            '完税凭证（契税、增值税、个人所得税）',
            '税务部门',
            '“一窗受理”时税务同步核税，缴税后完税信息自动推送，无需提交纸质凭证',
          ),
          mat('出卖人婚姻状况证明', 'original', '申请人自备或民政数据共享', {
            shared: true,
            note: '已婚的须配偶共同到场或提供配偶同意出售的书面意见；婚姻信息可共享核验',
          }),
          powerOfAttorney(),
        ],
        notes:
          '实行“一窗受理、集成服务”：不动产登记、交易网签、税费征缴在一个窗口一次办结，正常情况下前台受理后 50 分钟内出证；可同步申请水、电、气、有线电视过户（二手房交易一件事）。',
      },
      {
        code: '330100-QR-001-02',
        name: '赠与',
        conditions: [
          '房屋已取得不动产权证书，且未被查封、无异议登记、未设立抵押（或抵押权人同意）',
          '赠与人与受赠人已签订赠与合同（或办理赠与公证）',
          '赠与人与受赠人共同申请',
        ],
        materials: [
          mat('《不动产登记申请书》', 'original', '窗口领取或“浙里办”在线填报'),
          idCard('赠与人和受赠人'),
          propertyCert(),
          mat('赠与合同（或赠与公证书）', 'original', '申请人自备（可在窗口现场签订）'),
          mat('赠与人与受赠人亲属关系证明', 'original', '申请人自备（户口簿、出生医学证明等）或公安数据共享', {
            required: false,
            shared: true,
            note: '直系亲属间赠与申请个人所得税免征时提供，户籍信息可共享核验',
          }),
          shared('完税或减免税凭证（契税、个人所得税等）', '税务部门', '窗口税务同步核税，完税信息自动推送'),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-QR-001-03',
        name: '继承',
        conditions: [
          '被继承人已死亡，不动产登记在被继承人名下',
          '全体法定继承人对继承事项无争议，或已取得生效法律文书、继承公证书',
        ],
        materials: [
          mat('《不动产登记申请书》', 'original', '窗口领取'),
          idCard('全体继承人'),
          propertyCert(),
          shared(
            '被继承人死亡证明',
            '公安机关（户籍注销信息）或卫生健康部门（死亡医学证明）',
            '通过公安、卫健数据共享核验',
          ),
          mat(
            '继承人与被继承人的亲属关系证明',
            'original',
            '申请人自备（户口簿、结婚证、出生医学证明或派出所、档案馆出具的证明）',
            {
              note: '户籍、婚姻信息能共享核验的无需提交',
            },
          ),
          mat('放弃继承的声明', 'original', '在登记机构现场签署或经公证', {
            required: false,
            note: '有继承人放弃继承的提供',
          }),
          mat('遗嘱、继承公证书或人民法院生效法律文书', 'original', '申请人自备', {
            required: false,
            note: '有遗嘱或已办理公证、诉讼的提供',
          }),
        ],
        notes: '法定继承人继承房屋免征契税；不动产登记机构受理后需进行查验并公示 15 个工作日，公示无异议后登簿发证。',
      },
    ],
  },
  {
    code: '330100-QR-002',
    name: '不动产抵押登记',
    departmentCode: 'ZRZY',
    category: '不动产',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国民法典》第四百零二条', '《不动产登记暂行条例实施细则》第六十五条至第七十条'],
    fees: '住宅每件 80 元，非住宅每件 550 元，由抵押权人（银行）缴纳；注销登记不收费',
    legalTimeLimitDays: 30,
    promisedTimeLimitDays: 1,
    place: `银行网点“不动产登记+金融”服务点；示范市不动产登记服务中心（${CENTER} 三楼）41号窗口`,
    hours: HOURS,
    phone: '0571-85103102',
    onlineUrl: zwfw('330100-QR-002'),
    keywords: ['房子抵押', '房贷抵押登记', '解押', '抵押注销', '还清房贷', '他项权证'],
    situations: [
      {
        code: '330100-QR-002-01',
        name: '抵押权首次登记',
        conditions: ['抵押人与抵押权人已签订抵押合同', '抵押物已取得不动产权证书且未被查封'],
        materials: [
          mat('《不动产登记申请书》', 'electronic', '银行端“不动产登记+金融”系统在线填报'),
          idCard('抵押人'),
          mat('主债权合同及抵押合同', 'electronic', '抵押权人（银行）提供'),
          shared('不动产权证书', '不动产登记机构', '登记簿信息内部调取'),
        ],
      },
      {
        code: '330100-QR-002-02',
        name: '抵押权注销登记',
        conditions: ['主债权已消灭（贷款已还清）或抵押权人放弃抵押权'],
        materials: [
          mat('《不动产登记申请书》', 'electronic', '银行端在线填报'),
          mat('抵押权消灭的证明（银行出具的还款结清证明或解押函）', 'electronic', '抵押权人（银行）提供'),
          shared('不动产登记证明（抵押）', '不动产登记机构', '登记簿信息内部调取'),
        ],
        notes: '贷款银行已接入“不动产登记+金融”平台的，由银行在线申请，群众零跑腿。',
      },
    ],
  },
  {
    code: '330100-GG-001',
    name: '存量房交易合同网签备案',
    departmentCode: 'ZJ',
    category: '不动产',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国城市房地产管理法》第四十一条',
      '《房屋交易合同网签备案业务规范（试行）》（建房规〔2019〕5号）',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `示范市不动产登记服务中心（${CENTER} 三楼）“一窗受理”综合窗口 31-40号；或经备案的房地产经纪机构门店`,
    hours: HOURS_EXT,
    phone: '0571-85103201',
    onlineUrl: zwfw('330100-GG-001'),
    keywords: ['二手房网签', '网签', '买卖合同备案', '二手房买卖合同', '资金监管'],
    situations: [
      {
        code: '330100-GG-001-01',
        name: '网签备案',
        conditions: ['房屋已取得不动产权证书且可依法交易', '买卖双方已协商一致，自愿签订存量房买卖合同'],
        materials: [
          idCard('买卖双方'),
          shared('不动产权证书信息', '不动产登记机构', '通过不动产登记数据共享核验，无需提交'),
          mat('存量房买卖合同', 'original', '网签备案系统生成，买卖双方签署', { copies: 3 }),
          mat('房地产经纪服务合同', 'original', '经纪机构提供', { required: false, note: '通过经纪机构成交的提供' }),
          mat('交易资金监管协议', 'original', '监管银行提供', {
            required: false,
            note: '选择交易资金监管的提供',
          }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-002',
    name: '房屋租赁登记备案',
    departmentCode: 'ZJ',
    category: '不动产',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国城市房地产管理法》第五十四条',
      '《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第十四条',
    ],
    fees: '不收费',
    legalTimeLimitDays: 3,
    promisedTimeLimitDays: 0,
    place: `“浙里办”在线办理；${CENTER} 三楼 住房保障窗口 45号；各镇（街道）便民服务中心`,
    hours: HOURS,
    phone: '0571-85103202',
    onlineUrl: zwfw('330100-GG-002'),
    keywords: ['租房备案', '房屋租赁备案', '租赁合同备案', '租房证明', '租房提公积金备案', '出租房登记'],
    situations: [
      {
        code: '330100-GG-002-01',
        name: '新办',
        conditions: [
          '房屋权属清晰，不属于违法建筑或不符合安全、防灾等强制性标准的房屋',
          '出租人与承租人已签订书面租赁合同',
        ],
        materials: [
          idCard('出租人和承租人'),
          mat('房屋租赁合同', 'original', '申请人自备（可使用示范文本）'),
          shared('房屋权属证明', '不动产登记机构', '通过不动产登记数据共享核验'),
        ],
        notes: '备案后出具电子《房屋租赁登记备案证明》，可用于居住证申领、公积金租房提取、随迁子女入学。',
      },
      {
        code: '330100-GG-002-02',
        name: '注销',
        conditions: ['租赁合同提前解除或终止'],
        materials: [idCard('出租人或承租人'), mat('租赁合同解除协议或说明', 'original', '申请人自备')],
      },
    ],
  },
  {
    code: '330100-XK-008',
    name: '建筑工程施工许可证核发',
    departmentCode: 'ZJ',
    category: '工程建设',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国建筑法》第七条、第八条',
      '《建筑工程施工许可管理办法》（住房和城乡建设部令第18号，2021年修正）',
    ],
    fees: '不收费',
    legalTimeLimitDays: 7,
    promisedTimeLimitDays: 1,
    place: `浙江省工程建设项目审批管理系统在线办理；${CENTER} 四楼 投资项目审批区 48号窗口`,
    hours: HOURS,
    phone: '0571-85103203',
    onlineUrl: zwfw('330100-XK-008'),
    keywords: ['施工许可证', '开工许可', '办施工证', '工程开工手续'],
    situations: [
      {
        code: '330100-XK-008-01',
        name: '新办',
        conditions: [
          '已办理用地批准手续，依法应办理建设工程规划许可证的已取得规划许可证',
          '已确定施工企业，有满足施工需要的资金安排、施工图纸及技术资料',
          '有保证工程质量和安全的具体措施',
        ],
        materials: [
          mat('《建筑工程施工许可申请表》', 'electronic', '浙江省工程建设项目审批管理系统在线填报'),
          shared('建设工程规划许可证', '自然资源和规划部门核发'),
          shared('施工合同（中标通知书）', '公共资源交易平台及住建数据共享'),
          mat('建设资金已落实承诺书', 'electronic', '建设单位签署'),
          mat('施工图设计文件审查合格意见', 'electronic', '施工图联审系统推送', { shared: true }),
          mat('质量安全监督手续', 'electronic', '系统并联办理', { shared: true, note: '与施工许可合并办理' }),
        ],
      },
      {
        code: '330100-XK-008-02',
        name: '延期',
        conditions: ['取得施工许可证后因故不能按期开工（3 个月内）', '延期以两次为限，每次不超过 3 个月'],
        materials: [
          mat('《施工许可延期申请表》', 'electronic', '系统在线填报'),
          mat('延期理由说明', 'electronic', '建设单位出具'),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市交通运输局 (JTYS)
// ---------------------------------------------------------------------------------------------------------------

const JTYS_MATTERS: DemoMatter[] = [
  {
    code: '330100-XK-009',
    name: '普通货物运输经营许可',
    departmentCode: 'JTYS',
    category: '交通运输',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国道路运输条例》第二十一条、第二十四条', '《道路货物运输及站场管理规定》'],
    fees: '不收费',
    legalTimeLimitDays: 20,
    promisedTimeLimitDays: 3,
    place: `${CENTER} 二楼 交通运输窗口 27号`,
    hours: HOURS,
    phone: '0571-85102701',
    onlineUrl: zwfw('330100-XK-009'),
    keywords: [
      '道路运输经营许可证',
      '货运许可证',
      '办运输证',
      '跑运输',
      '货车营运证',
      '开物流公司',
      '道路货物运输经营许可',
      '运输许可证注销',
    ],
    situations: [
      {
        code: '330100-XK-009-01',
        name: '新办',
        conditions: [
          '已依法取得营业执照',
          '有与其经营业务相适应并经检测合格的车辆（使用总质量 4500 千克以上普通货运车辆）',
          '驾驶人员取得相应的机动车驾驶证，年龄不超过 60 周岁，并取得道路货物运输从业资格证',
          '有健全的安全生产管理制度',
        ],
        materials: [
          mat('《道路货物运输经营申请表》', 'original', '窗口领取或浙江政务服务网在线填报'),
          bizLicense(),
          legalRepId(),
          shared(
            '机动车登记证书、机动车行驶证',
            '公安机关交通管理部门核发',
            '通过公安交管数据共享核验车辆登记信息，无需提交复印件',
          ),
          mat('车辆技术等级评定结论（综合性能检测报告）', 'copy', '具备资质的机动车检验检测机构出具', {
            shared: true,
            note: '检测机构已联网上传的无需提交',
          }),
          shared('拟聘用驾驶人员的机动车驾驶证、道路运输从业资格证', '公安机关交通管理部门、交通运输部门核发'),
          mat('安全生产管理制度文本（含安全生产责任制度、操作规程、车辆动态监控制度等）', 'original', '申请人自备', {
            deferrable: true,
            note: '可在领证前补交',
          }),
          powerOfAttorney(),
        ],
        notes:
          '使用总质量 4500 千克及以下普通货运车辆从事普通货运经营的，无需申请本许可及车辆营运证。许可后同步配发《道路运输经营许可证》（电子证照）和车辆《道路运输证》。',
      },
      {
        code: '330100-XK-009-02',
        name: '变更',
        conditions: [
          '已取得道路运输经营许可证且在有效期内',
          '经营者名称、法定代表人、经营地址等事项发生变化，或增减车辆',
        ],
        materials: [
          mat('《道路货物运输经营变更申请表》', 'original', '浙江政务服务网在线填报'),
          bizLicense(),
          shared('道路运输经营许可证', '交通运输部门核发', '电子证照库共享'),
          mat('与变更事项相关的证明材料', 'copy', '申请人自备', {
            note: '名称、法定代表人变更的，营业执照变更信息通过数据共享获取；增加车辆的同新办提交车辆材料',
          }),
          powerOfAttorney(),
        ],
      },
      {
        code: '330100-XK-009-03',
        name: '注销',
        conditions: ['经营者终止道路货物运输经营', '应在终止经营前 30 日告知原许可机关，并办结车辆道路运输证注销'],
        materials: [
          mat('《道路货物运输经营注销申请表》', 'original', '浙江政务服务网在线填报'),
          mat('道路运输经营许可证正、副本及车辆道路运输证', 'original', '交通运输部门核发', {
            note: '电子证照由系统同步注销；遗失的在申请表中说明',
          }),
          powerOfAttorney(),
        ],
      },
    ],
  },
  {
    code: '330100-XK-010',
    name: '网络预约出租汽车驾驶员证核发',
    departmentCode: 'JTYS',
    category: '交通运输',
    visitClass: 'one_visit',
    legalBasis: ['《网络预约出租汽车经营服务管理暂行办法》第十四条、第十五条', '《出租汽车驾驶员从业资格管理规定》'],
    fees: '不收费',
    legalTimeLimitDays: 20,
    promisedTimeLimitDays: 5,
    place: `${CENTER} 二楼 交通运输窗口 28号`,
    hours: HOURS,
    phone: '0571-85102702',
    onlineUrl: zwfw('330100-XK-010'),
    keywords: ['网约车驾驶证', '网约车资格证', '跑滴滴', '开网约车', '网约车人证', '网约车从业资格'],
    situations: [
      {
        code: '330100-XK-010-01',
        name: '新办',
        conditions: [
          '取得相应准驾车型机动车驾驶证并具有 3 年以上驾驶经历',
          '无交通肇事犯罪、危险驾驶犯罪记录，无吸毒记录，无饮酒后驾驶记录，最近连续 3 个记分周期内没有记满 12 分记录',
          '无暴力犯罪记录',
          '已通过网络预约出租汽车驾驶员从业资格考试',
        ],
        materials: [
          mat('《网络预约出租汽车驾驶员证申请表》', 'original', '浙江政务服务网在线填报'),
          idCard(),
          shared('机动车驾驶证', '公安机关交通管理部门核发'),
          shared(
            '无犯罪记录、无吸毒记录、驾驶记录核查结果',
            '公安机关',
            '由交通运输部门通过公安数据共享核查，无需本人开具证明',
          ),
          photo('近期正面免冠彩色证件照（蓝色背景）'),
        ],
      },
      {
        code: '330100-XK-010-02',
        name: '补证换证',
        conditions: ['已取得网络预约出租汽车驾驶员证', '证件遗失、损毁或有效期届满'],
        materials: [
          mat('《网络预约出租汽车驾驶员证补（换）证申请表》', 'original', '浙江政务服务网在线填报'),
          idCard(),
          mat('原网约车驾驶员证', 'original', '交通运输部门核发', { required: false, note: '损毁或换证的交回原证' }),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市人力资源和社会保障局 (RS)
// ---------------------------------------------------------------------------------------------------------------

const RS_MATTERS: DemoMatter[] = [
  {
    code: '330100-GG-003',
    name: '社会保险参保登记',
    departmentCode: 'RS',
    category: '社会保障',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国社会保险法》第五十七条、第五十八条', '《社会保险经办条例》第八条、第九条'],
    fees: '不收费',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 社保综合窗口 11-16号；各镇（街道）便民服务中心社保窗口`,
    hours: HOURS_EXT,
    phone: '0571-85101101',
    onlineUrl: zwfw('330100-GG-003'),
    keywords: [
      '交社保',
      '缴社保',
      '社保开户',
      '单位社保登记',
      '自己交社保',
      '灵活就业社保',
      '个人交社保',
      '新员工社保',
    ],
    situations: [
      {
        code: '330100-GG-003-01',
        name: '单位参保登记',
        conditions: ['用人单位已依法取得营业执照或登记证书', '应自成立之日起 30 日内办理'],
        materials: [
          mat('《社会保险单位信息登记表》', 'electronic', '浙江政务服务网在线填报', {
            note: '通过“企业开办一件事”设立的企业，由市场监管部门推送信息后自动完成登记，无需另行申请',
          }),
          bizLicense(),
          legalRepId(),
          mat('银行开户信息（基本存款账户）', 'electronic', '开户银行提供', { deferrable: true }),
        ],
      },
      {
        code: '330100-GG-003-02',
        name: '灵活就业人员参保登记',
        conditions: [
          '年满 16 周岁、未达法定退休年龄的无雇工个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员',
          '在本省未参加其他职工基本养老保险',
        ],
        materials: [
          idCard(),
          mat('《灵活就业人员参保登记表》', 'electronic', '“浙里办”在线填报'),
          mat('银行账户信息（用于代扣社保费）', 'electronic', '申请人自备', {
            note: '签订三方代扣协议或通过“浙里办”自行缴费',
          }),
        ],
      },
      {
        code: '330100-GG-003-03',
        name: '职工参保登记（单位增员）',
        conditions: ['用人单位已办理单位参保登记', '应自用工之日起 30 日内为职工申请办理'],
        materials: [
          mat('《职工参保登记表》（增员）', 'electronic', '单位通过浙江政务服务网法人账户在线提交'),
          mat('职工居民身份证信息', 'electronic', '用人单位录入', { shared: true, note: '通过公安人口库共享核验' }),
          mat('劳动合同', 'copy', '用人单位自备', { required: false, note: '必要时核查，无需上传' }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-004',
    name: '社会保障卡申领',
    departmentCode: 'RS',
    category: '社会保障',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国社会保险法》第五十八条', '《社会保障卡管理暂行办法》（人社部发〔2011〕47号）'],
    fees: '首次申领免费；遗失补办、损坏换卡收取工本费 20 元/张（低保、特困等困难群体免收）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 社保卡即时制卡区 17号窗口；社保卡合作银行网点`,
    hours: HOURS_EXT,
    phone: '0571-85101102',
    onlineUrl: zwfw('330100-GG-004'),
    keywords: [
      '办社保卡',
      '社保卡',
      '市民卡',
      '医保卡',
      '补社保卡',
      '社保卡丢了',
      '换社保卡',
      '小孩社保卡',
      '电子社保卡',
    ],
    situations: [
      {
        code: '330100-GG-004-01',
        name: '首次申领',
        conditions: ['已在本市参加社会保险或在本市登记户籍、居住', '本人未持有有效的全国社会保障卡'],
        materials: [idCard(), photo('近期正面免冠彩色证件照（白色背景，可用数码回执）'), powerOfAttorney()],
        notes:
          '窗口及合作银行网点可即时制卡，立等可取；线上申领的制卡后免费邮寄到家（约 10 个工作日）。领卡后须到银行网点或通过手机银行激活金融功能。',
      },
      {
        code: '330100-GG-004-02',
        name: '补卡换卡',
        conditions: [
          '原社会保障卡遗失、损坏或需换发新一代社会保障卡',
          '遗失的须先挂失（“浙里办”、12333 或银行网点均可办理）',
        ],
        materials: [
          idCard(),
          mat('原社会保障卡', 'original', '人力资源和社会保障部门核发', {
            required: false,
            note: '损坏换卡的交回原卡',
          }),
          photo(),
        ],
      },
      {
        code: '330100-GG-004-03',
        name: '新生儿申领',
        conditions: ['新生儿已办理出生登记（户口登记）', '由监护人代为申请'],
        materials: [
          shared('新生儿户籍信息', '公安机关', '出生登记完成后户籍信息自动推送'),
          idCard('监护人'),
          mat('新生儿照片', 'electronic', '监护人自备', {
            required: false,
            note: '未满 16 周岁可申领无照片社保卡',
          }),
        ],
        notes: '通过“新生儿出生一件事”联办的，无需单独申请，制卡后免费邮寄。',
      },
    ],
  },
  {
    code: '330100-GG-005',
    name: '基本养老保险关系转移接续',
    departmentCode: 'RS',
    category: '社会保障',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国社会保险法》第十九条',
      '《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）',
      '《城乡养老保险制度衔接暂行办法》（人社部发〔2014〕17号）',
    ],
    fees: '不收费',
    legalTimeLimitDays: 45,
    promisedTimeLimitDays: 15,
    place: `${CENTER} 一楼 社保综合窗口 11-16号`,
    hours: HOURS,
    phone: '0571-85101103',
    onlineUrl: zwfw('330100-GG-005'),
    keywords: ['社保转移', '养老保险转移', '社保转过来', '外地社保转入', '社保从外省转回来', '养老关系转移'],
    situations: [
      {
        code: '330100-GG-005-01',
        name: '跨省转入（企业职工养老保险）',
        conditions: ['参保人已在本市参加企业职工基本养老保险', '原参保地有养老保险缴费记录且已中断缴费'],
        materials: [
          mat(
            '《基本养老保险关系转移接续申请表》',
            'electronic',
            '国家社会保险公共服务平台、“浙里办”或掌上 12333 在线填报',
          ),
          idCard(),
          shared(
            '参保缴费凭证',
            '原参保地社会保险经办机构',
            '由转入地经办机构通过全国转移系统向转出地获取，无需本人开具',
          ),
        ],
        notes: '转入地受理后 15 个工作日内向转出地发联系函，全流程一般不超过 45 个工作日；可在“浙里办”实时查询进度。',
      },
      {
        code: '330100-GG-005-02',
        name: '城乡居民养老保险转入企业职工养老保险',
        conditions: [
          '参保人同时参加过城乡居民养老保险和企业职工养老保险',
          '达到法定退休年龄时企业职工养老保险缴费年限满 15 年',
        ],
        materials: [mat('《城乡养老保险制度衔接申请表》', 'electronic', '“浙里办”在线填报'), idCard()],
      },
    ],
  },
  {
    code: '330100-GG-006',
    name: '就业登记与失业登记',
    departmentCode: 'RS',
    category: '就业创业',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国就业促进法》',
      '《就业服务与就业管理规定》（劳动和社会保障部令第28号）第六十二条、第六十三条',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 就业服务窗口 18号；各镇（街道）便民服务中心`,
    hours: HOURS,
    phone: '0571-85101104',
    onlineUrl: zwfw('330100-GG-006'),
    keywords: ['就业登记', '失业登记', '招人登记', '新员工登记', '就业创业证', '失业证'],
    situations: [
      {
        code: '330100-GG-006-01',
        name: '单位招用人员就业登记',
        conditions: ['用人单位招用劳动者并建立劳动关系', '应自录用之日起 30 日内办理'],
        materials: [
          mat('《就业登记表》', 'electronic', '单位通过浙江政务服务网法人账户在线填报', {
            note: '办理职工参保登记（增员）时同步完成就业登记',
          }),
          mat('劳动者身份信息', 'electronic', '用人单位录入', { shared: true }),
        ],
      },
      {
        code: '330100-GG-006-02',
        name: '失业登记',
        conditions: ['在法定劳动年龄内、有劳动能力和就业要求、处于无业状态', '在本市常住'],
        materials: [
          idCard(),
          mat('《失业登记表》', 'electronic', '“浙里办”在线填报'),
          shared('解除或终止劳动关系信息', '原用人单位及社保经办机构', '通过社保减员信息共享核验'),
        ],
      },
    ],
  },
  {
    code: '330100-JF-001',
    name: '失业保险金申领',
    departmentCode: 'RS',
    category: '社会保障',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国社会保险法》第四十五条、第五十条', '《失业保险条例》第十四条、第十六条'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 3,
    place: `${CENTER} 一楼 就业服务窗口 18号`,
    hours: HOURS,
    phone: '0571-85101105',
    onlineUrl: zwfw('330100-JF-001'),
    keywords: ['失业金', '领失业金', '失业保险金', '被辞退了领钱', '失业补助'],
    situations: [
      {
        code: '330100-JF-001-01',
        name: '申领',
        conditions: [
          '失业前用人单位和本人已经缴纳失业保险费满一年',
          '非因本人意愿中断就业',
          '已经进行失业登记，并有求职要求',
        ],
        materials: [
          idCard(),
          mat('《失业保险金申领登记表》', 'electronic', '“浙里办”、掌上 12333 在线填报'),
          shared('解除或终止劳动关系证明', '原用人单位', '单位已办理社保减员的，信息共享核验，无需提交纸质证明'),
          mat('本人社会保障卡（银行账户已激活）', 'original', '人力资源和社会保障部门核发', {
            note: '失业保险金按月发放至社保卡银行账户',
          }),
        ],
      },
    ],
  },
  {
    code: '330100-JF-002',
    name: '基本养老保险待遇申领（退休）',
    departmentCode: 'RS',
    category: '社会保障',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国社会保险法》第十六条', '《国务院关于渐进式延迟法定退休年龄的办法》'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 5,
    place: `${CENTER} 一楼 社保综合窗口 11-16号`,
    hours: HOURS,
    phone: '0571-85101106',
    onlineUrl: zwfw('330100-JF-002'),
    keywords: ['办退休', '退休手续', '领养老金', '退休金', '到龄退休', '养老金申领'],
    situations: [
      {
        code: '330100-JF-002-01',
        name: '企业职工正常退休',
        conditions: ['达到法定退休年龄', '基本养老保险累计缴费年限达到最低缴费年限（15 年，并按规定逐步提高）'],
        materials: [
          mat('《基本养老保险待遇申领表》', 'electronic', '用人单位或本人通过“浙里办”在线申报'),
          idCard(),
          shared(
            '人事档案中的出生时间、参加工作时间认定材料',
            '档案保管机构',
            '数字化档案已共享的无需提交；未数字化的提供档案原件',
          ),
          mat('社会保障卡（银行账户已激活）', 'original', '人力资源和社会保障部门核发', {
            note: '用于发放养老金',
          }),
        ],
        notes: '可与住房公积金退休提取、医保退休人员待遇核定“退休一件事”联办。',
      },
      {
        code: '330100-JF-002-02',
        name: '灵活就业人员退休',
        conditions: ['以灵活就业人员身份参保', '达到法定退休年龄且累计缴费年限满足最低缴费年限'],
        materials: [
          mat('《基本养老保险待遇申领表》', 'electronic', '“浙里办”在线申报'),
          idCard(),
          mat('社会保障卡（银行账户已激活）', 'original', '人力资源和社会保障部门核发'),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市住房公积金管理中心 (GJJ)
// ---------------------------------------------------------------------------------------------------------------

const GJJ_MATTERS: DemoMatter[] = [
  {
    code: '330100-GG-007',
    name: '住房公积金缴存登记',
    departmentCode: 'GJJ',
    category: '住房公积金',
    visitClass: 'zero_visit',
    legalBasis: ['《住房公积金管理条例》第十四条、第十五条'],
    fees: '不收费',
    legalTimeLimitDays: 20,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 公积金窗口 19-20号；公积金受托银行网点`,
    hours: HOURS_EXT,
    phone: '0571-85101901',
    onlineUrl: zwfw('330100-GG-007'),
    keywords: ['公积金开户', '单位交公积金', '公积金缴存登记', '公积金账户设立', '新员工公积金', '给员工交公积金'],
    situations: [
      {
        code: '330100-GG-007-01',
        name: '单位缴存登记',
        conditions: ['单位已依法设立', '应自设立之日起 30 日内办理'],
        materials: [
          mat('《住房公积金单位缴存登记表》', 'electronic', '浙江政务服务网或公积金网厅在线填报', {
            note: '通过“企业开办一件事”设立的企业同步完成登记',
          }),
          bizLicense(),
          legalRepId(),
          mat('经办人授权书', 'electronic', '单位出具', { required: false }),
        ],
      },
      {
        code: '330100-GG-007-02',
        name: '职工个人账户设立',
        conditions: ['单位已办理缴存登记', '应自录用职工之日起 30 日内办理'],
        materials: [
          mat('《住房公积金职工个人账户设立清册》', 'electronic', '单位通过公积金网厅在线提交'),
          mat('职工居民身份证信息', 'electronic', '单位录入', { shared: true }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-008',
    name: '住房公积金提取',
    departmentCode: 'GJJ',
    category: '住房公积金',
    visitClass: 'zero_visit',
    legalBasis: ['《住房公积金管理条例》第二十四条、第二十五条', '《示范市住房公积金提取管理办法》'],
    fees: '不收费',
    legalTimeLimitDays: 3,
    promisedTimeLimitDays: 0,
    place: `“浙里办”公积金专区、公积金网厅在线办理；${CENTER} 一楼 公积金窗口 19-20号`,
    hours: HOURS_EXT,
    phone: '0571-85101902',
    onlineUrl: zwfw('330100-GG-008'),
    keywords: [
      '提公积金',
      '取公积金',
      '公积金提取',
      '租房提公积金',
      '买房提公积金',
      '退休提公积金',
      '公积金销户',
      '公积金怎么取出来',
    ],
    situations: [
      {
        code: '330100-GG-008-01',
        name: '租房提取',
        conditions: [
          '职工及配偶在本市无自有住房且租房自住',
          '公积金账户正常缴存满 3 个月',
          '每年可提取一次，额度按本市租房提取限额执行',
        ],
        materials: [
          idCard(),
          mat('房屋租赁登记备案证明', 'electronic', '住房和城乡建设部门出具', {
            required: false,
            shared: true,
            note: '租住公共租赁住房或已备案的共享获取；按月定额提取的无需提供',
          }),
          shared('本人及配偶名下无房查询结果', '不动产登记机构', '系统自动查询，无需开具无房证明'),
          mat('本人银行借记卡（一类账户）', 'original', '申请人自备', { note: '提取资金转入本人账户' }),
        ],
      },
      {
        code: '330100-GG-008-02',
        name: '购买自住住房提取',
        conditions: [
          '职工本人或配偶在本市购买自住住房（新建商品房或二手房）',
          '自购房合同备案或不动产登记之日起 2 年内申请',
        ],
        materials: [
          idCard(),
          shared('购房合同网签备案信息或不动产权证书信息', '住房和城乡建设部门、不动产登记机构', '通过数据共享核验'),
          shared('购房完税信息（契税）', '税务部门'),
          mat('购房款付款凭证（首付款发票或收据）', 'copy', '开发企业或卖方出具', {
            required: false,
            note: '共享信息无法核验购房金额时提供',
          }),
          marriageCert('配偶名下购房或提取配偶公积金时需要，婚姻信息可共享核验'),
          mat('本人银行借记卡（一类账户）', 'original', '申请人自备'),
        ],
      },
      {
        code: '330100-GG-008-03',
        name: '退休提取（销户）',
        conditions: ['职工已办理退休手续（达到法定退休年龄）', '无未结清的住房公积金贷款'],
        materials: [
          idCard(),
          shared('退休审批信息', '人力资源和社会保障部门', '通过社保退休信息共享核验，无需提交退休证'),
          mat('本人银行借记卡（一类账户）', 'original', '申请人自备'),
        ],
        notes: '提取后账户销户，余额及利息一次性转入本人账户。',
      },
    ],
  },
  {
    code: '330100-GG-009',
    name: '住房公积金个人住房贷款',
    departmentCode: 'GJJ',
    category: '住房公积金',
    visitClass: 'one_visit',
    legalBasis: ['《住房公积金管理条例》第二十六条', '《示范市住房公积金个人住房贷款管理办法》'],
    fees: '不收费（不动产抵押登记费由受托银行按规定缴纳）',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 5,
    place: `公积金受托银行网点；${CENTER} 一楼 公积金贷款窗口 21号`,
    hours: HOURS,
    phone: '0571-85101903',
    onlineUrl: zwfw('330100-GG-009'),
    keywords: ['公积金贷款', '公积金买房贷款', '用公积金贷款', '组合贷', '公积金房贷'],
    situations: [
      {
        code: '330100-GG-009-01',
        name: '购买新建商品房',
        conditions: [
          '借款人正常连续缴存住房公积金满 6 个月',
          '已签订商品房买卖合同并网签备案，首付款已支付',
          '借款人及配偶无未结清的公积金贷款',
        ],
        materials: [
          mat('《住房公积金个人住房借款申请表》', 'original', '受托银行网点或公积金网厅'),
          idCard('借款人及配偶'),
          marriageCert(),
          shared('商品房买卖合同网签备案信息', '住房和城乡建设部门'),
          mat('首付款发票或收据', 'copy', '开发企业出具'),
          mat('借款人收入证明或近 6 个月银行流水', 'original', '工作单位或银行出具', { deferrable: true }),
        ],
      },
      {
        code: '330100-GG-009-02',
        name: '购买二手房',
        conditions: [
          '借款人正常连续缴存住房公积金满 6 个月',
          '已签订存量房买卖合同并网签备案',
          '房龄与贷款年限之和不超过 50 年',
        ],
        materials: [
          mat('《住房公积金个人住房借款申请表》', 'original', '受托银行网点或公积金网厅'),
          idCard('借款人及配偶'),
          marriageCert(),
          shared('存量房买卖合同网签备案信息', '住房和城乡建设部门'),
          mat('房屋评估报告', 'original', '受托银行认可的评估机构出具', { deferrable: true }),
          mat('首付款支付凭证', 'copy', '卖方出具或资金监管银行出具'),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市公安局 (GA)
// ---------------------------------------------------------------------------------------------------------------

const GA_MATTERS: DemoMatter[] = [
  {
    code: '330100-QR-003',
    name: '出生登记',
    departmentCode: 'GA',
    category: '户籍管理',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国户口登记条例》第七条',
      '《国务院办公厅关于解决无户口人员登记户口问题的意见》（国办发〔2015〕96号）',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `“浙里办”新生儿出生一件事在线办理；${CENTER} 一楼 公安户政窗口 8号；户籍所在地派出所户籍窗口`,
    hours: HOURS_EXT,
    phone: '0571-85100801',
    onlineUrl: zwfw('330100-QR-003'),
    keywords: [
      '上户口',
      '报户口',
      '新生儿上户口',
      '小孩上户口',
      '宝宝落户',
      '出生登记',
      '生孩子上户口',
      '随父落户',
      '随母落户',
    ],
    situations: [
      {
        code: '330100-QR-003-01',
        name: '婚生子女出生登记',
        conditions: [
          '新生儿父母双方或一方为本市常住户口',
          '新生儿已取得《出生医学证明》',
          '应在出生后一个月内申报（逾期仍可办理）',
        ],
        materials: [
          shared(
            '《出生医学证明》',
            '助产医疗机构签发（卫生健康部门）',
            '电子出生医学证明通过卫健数据共享获取，无需提交纸质件',
          ),
          idCard('父母双方'),
          householdRegister('落户方（父亲或母亲）'),
          marriageCert(),
          powerOfAttorney(),
        ],
        notes:
          '在线申请的，户口登记完成后新户口页免费邮寄；可同步申领社保卡、办理城乡居民医保参保（新生儿出生一件事）。',
      },
      {
        code: '330100-QR-003-02',
        name: '非婚生子女出生登记',
        conditions: ['新生儿父母一方为本市常住户口', '新生儿已取得《出生医学证明》', '随父落户的须提供亲子关系证明'],
        materials: [
          shared('《出生医学证明》', '助产医疗机构签发（卫生健康部门）'),
          idCard('落户方（父亲或母亲）'),
          householdRegister('落户方'),
          mat('具有资质的鉴定机构出具的亲子鉴定证明', 'original', '申请人委托司法鉴定机构出具', {
            required: false,
            note: '随父落户或出生医学证明未载明父亲信息时提供',
          }),
          mat('非婚生育说明', 'original', '落户方签署（窗口提供范本）'),
        ],
      },
    ],
  },
  {
    code: '330100-QR-004',
    name: '户口迁移',
    departmentCode: 'GA',
    category: '户籍管理',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国户口登记条例》第十条、第十三条', '《示范市户口迁移登记管理规定》'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 5,
    place: `${CENTER} 一楼 公安户政窗口 8-9号；迁入地派出所户籍窗口`,
    hours: HOURS_EXT,
    phone: '0571-85100802',
    onlineUrl: zwfw('330100-QR-004'),
    keywords: [
      '迁户口',
      '户口迁移',
      '落户',
      '买房落户',
      '投靠落户',
      '人才落户',
      '户口迁过来',
      '大学生落户',
      '户口迁到新房',
    ],
    situations: [
      {
        code: '330100-QR-004-01',
        name: '市内迁移',
        conditions: ['申请人为本市常住户口', '迁入地有合法固定住所（自有产权房屋或经同意的直系亲属房屋）'],
        materials: [
          idCard(),
          householdRegister('迁出及迁入'),
          shared('迁入地房屋不动产权证书信息', '不动产登记机构', '通过不动产登记数据共享核验'),
          mat('房屋产权人同意落户的书面意见', 'original', '产权人签署', {
            required: false,
            note: '迁入非本人产权房屋的提供',
          }),
        ],
      },
      {
        code: '330100-QR-004-02',
        name: '市外迁入（购房、投靠）',
        conditions: [
          '在本市购买成套商品住房并取得不动产权证书，或符合夫妻投靠、子女投靠父母、父母投靠子女条件',
          '符合示范市户口迁移政策规定',
        ],
        materials: [
          idCard(),
          mat('居民户口簿', 'original', '原户籍地公安机关核发', { note: '“跨省通办”无需回原籍开具迁移证' }),
          shared('不动产权证书信息', '不动产登记机构', '购房落户的共享核验'),
          marriageCert('夫妻投靠的须提供，婚姻信息可共享核验'),
          mat('亲属关系证明', 'original', '申请人自备（户口簿、出生医学证明等）', {
            required: false,
            note: '投靠落户的提供；户籍信息可共享核验的无需提交',
          }),
        ],
        notes: '实行户口迁移“一站式”办理：迁入地受理审批后，由公安机关网上办理迁出手续，群众无需往返原籍。',
      },
      {
        code: '330100-QR-004-03',
        name: '人才引进落户',
        conditions: [
          '具有全日制大专及以上学历或中级以上专业技术职称、技师以上职业资格',
          '在本市就业创业并依法缴纳社会保险（应届毕业生可先落户后就业）',
        ],
        materials: [
          idCard(),
          mat('居民户口簿或户口迁移证', 'original', '原户籍地公安机关核发'),
          shared('学历学位证书或职称、职业资格证书信息', '教育部学信网、人社部门', '能共享核验的无需提交原件'),
          shared('本市社会保险参保信息', '人力资源和社会保障部门'),
          mat(
            '拟落户地址证明（自有住房或单位集体户、人才集体户同意接收证明）',
            'original',
            '申请人自备或人才服务中心出具',
          ),
        ],
      },
    ],
  },
  {
    code: '330100-GG-010',
    name: '居住证申领',
    departmentCode: 'GA',
    category: '户籍管理',
    visitClass: 'zero_visit',
    legalBasis: ['《居住证暂行条例》第九条至第十一条', '《浙江省流动人口居住登记条例》'],
    fees: '首次申领免费；换领、补领收取工本费 20 元',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 7,
    place: `“浙里办”在线申请；居住地派出所或社区（村）流动人口服务站`,
    hours: HOURS,
    phone: '0571-85100803',
    onlineUrl: zwfw('330100-GG-010'),
    keywords: ['办居住证', '暂住证', '居住证签注', '新居民证', '外地人办证', '居住证续签', '居住登记'],
    situations: [
      {
        code: '330100-GG-010-01',
        name: '首次申领',
        conditions: [
          '离开常住户口所在地，在本市居住半年以上（已办理居住登记）',
          '符合有合法稳定就业、合法稳定住所、连续就读条件之一',
        ],
        materials: [
          idCard(),
          photo('近期正面免冠彩色证件照（可用数码照片回执）'),
          shared('合法稳定住所证明（房屋租赁备案、不动产权信息）', '住建部门、不动产登记机构', '通过数据共享核验'),
          shared(
            '合法稳定就业证明（社保参保、营业执照信息）',
            '人社部门、市场监管部门',
            '通过数据共享核验；无法核验的提供劳动合同',
          ),
          mat('就读证明', 'original', '就读学校出具', { required: false, note: '以连续就读条件申请的提供' }),
        ],
      },
      {
        code: '330100-GG-010-02',
        name: '签注（年度续期）',
        conditions: ['已持有本市居住证', '在居住地连续居住，每年签注一次'],
        materials: [idCard(), shared('居住证信息', '公安机关', '电子居住证自动核验')],
        notes: '可通过“浙里办”在线签注，无需到场；逾期未签注的居住证自动失效。',
      },
    ],
  },
  {
    code: '330100-XK-011',
    name: '普通护照签发',
    departmentCode: 'GA',
    category: '出入境',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国护照法》第五条、第六条、第十一条'],
    fees: '120 元/本（2019 年起执行的收费标准）；照片现场免费采集',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 7,
    place: '示范市公安局出入境接待大厅（示范市新安路 88 号）；各区（县、市）出入境受理点',
    hours: '周一至周五 8:30-17:00，周六 8:30-12:00（法定节假日除外）',
    phone: '0571-85100881',
    onlineUrl: zwfw('330100-XK-011'),
    keywords: ['办护照', '护照办理', '出国护照', '换护照', '护照丢了', '补护照', '护照过期'],
    situations: [
      {
        code: '330100-XK-011-01',
        name: '首次申领',
        conditions: [
          '中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国',
          '不属于《护照法》第十三条规定的不予签发情形',
        ],
        materials: [
          idCard(),
          mat('《中国公民出入境证件申请表》', 'original', '窗口现场填写或“浙里办”在线预填'),
          mat('登记备案国家工作人员所在单位同意出境的证明', 'original', '所在单位人事部门出具', {
            required: false,
            note: '属于登记备案国家工作人员的提供',
          }),
          mat('监护人身份证明及监护关系证明', 'original', '申请人自备（户口簿、出生医学证明等）', {
            required: false,
            note: '未满 16 周岁的由监护人陪同办理并提供',
          }),
        ],
        notes: '实行全国通办，可在任一出入境受理点办理；可选择邮政速递送证到家（邮费自理）。',
      },
      {
        code: '330100-XK-011-02',
        name: '换发',
        conditions: ['护照有效期不足 6 个月、签证页即将用完，或登记项目发生变更'],
        materials: [
          idCard(),
          mat('原护照', 'original', '公安机关出入境管理机构签发'),
          mat('《中国公民出入境证件申请表》', 'original', '窗口现场填写'),
        ],
      },
      {
        code: '330100-XK-011-03',
        name: '补发',
        conditions: ['护照遗失或被盗'],
        materials: [
          idCard(),
          mat('护照遗失或被盗情况说明', 'original', '申请人现场填写'),
          mat('《中国公民出入境证件申请表》', 'original', '窗口现场填写'),
        ],
        notes: '原护照自申报遗失之日起作废，找回后不能继续使用。',
      },
    ],
  },
  {
    code: '330100-XK-012',
    name: '往来港澳通行证及签注',
    departmentCode: 'GA',
    category: '出入境',
    visitClass: 'zero_visit',
    legalBasis: ['《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》'],
    fees: '通行证 60 元/本；签注按次收费（一次有效签注 15 元，二次有效签注 30 元）',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 7,
    place: '示范市公安局出入境接待大厅（示范市新安路 88 号）；自助签注机（全市 24 小时自助区）',
    hours: '周一至周五 8:30-17:00，周六 8:30-12:00；自助签注 24 小时',
    phone: '0571-85100882',
    onlineUrl: zwfw('330100-XK-012'),
    keywords: ['港澳通行证', '去香港', '去澳门', '港澳签注', '港澳通行证续签', '办通行证'],
    situations: [
      {
        code: '330100-XK-012-01',
        name: '首次申领（含签注）',
        conditions: ['内地居民因私前往香港或澳门'],
        materials: [
          idCard(),
          mat('《中国公民出入境证件申请表》', 'original', '窗口现场填写'),
          mat('监护人身份证明及监护关系证明', 'original', '申请人自备', {
            required: false,
            note: '未满 16 周岁的提供',
          }),
        ],
      },
      {
        code: '330100-XK-012-02',
        name: '再次签注',
        conditions: ['已持有有效的电子往来港澳通行证'],
        materials: [mat('电子往来港澳通行证', 'original', '公安机关出入境管理机构签发'), idCard()],
        notes: '旅游签注可在自助签注机即时办理或通过“移民局 12367”APP 在线办理。',
      },
    ],
  },
  {
    code: '330100-QR-005',
    name: '机动车注册登记',
    departmentCode: 'GA',
    category: '交通管理',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国道路交通安全法》第八条、第九条', '《机动车登记规定》（公安部令第164号）'],
    fees: '号牌、行驶证、登记证书工本费按国家及浙江省核定标准收取',
    legalTimeLimitDays: 5,
    promisedTimeLimitDays: 0,
    place: '示范市公安局交通警察支队车辆管理所（示范市通达路 66 号）；授权的汽车 4S 店“新车上牌”服务点',
    hours: '周一至周六 8:30-17:00（法定节假日除外）',
    phone: '0571-85100122',
    onlineUrl: zwfw('330100-QR-005'),
    keywords: ['新车上牌', '上牌照', '买车上牌', '车辆注册', '选号', '办车牌'],
    situations: [
      {
        code: '330100-QR-005-01',
        name: '新车注册登记',
        conditions: [
          '机动车为国产或依法进口的新车，已取得整车出厂合格证明或进口凭证',
          '已投保机动车交通事故责任强制保险',
          '已缴纳车辆购置税',
        ],
        materials: [
          idCard('机动车所有人'),
          mat('《机动车注册登记申请表》', 'original', '现场填写或“交管 12123”预填'),
          shared('机动车销售统一发票', '销售企业开具（全国增值税发票信息共享）'),
          shared('机动车整车出厂合格证明', '生产企业上传（机动车合格证信息共享）'),
          shared('车辆购置税完税证明', '税务部门', '税务数据共享，无需提交纸质凭证'),
          shared('机动车交通事故责任强制保险凭证', '保险公司', '电子保单信息共享'),
          mat('待登记机动车', 'original', '申请人自备', {
            note: '须交验车辆（国产新车在 4S 店服务点免查验的除外）',
          }),
        ],
        notes: '非本市户籍的须提供本市居住证（信息可共享核验）。',
      },
    ],
  },
  {
    code: '330100-QR-006',
    name: '机动车转移登记（二手车过户）',
    departmentCode: 'GA',
    category: '交通管理',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国道路交通安全法》第十二条', '《机动车登记规定》（公安部令第164号）'],
    fees: '号牌、行驶证、登记证书工本费按国家及浙江省核定标准收取',
    legalTimeLimitDays: 5,
    promisedTimeLimitDays: 0,
    place: '示范市公安局交通警察支队车辆管理所（示范市通达路 66 号）；二手车交易市场车驾管服务站',
    hours: '周一至周六 8:30-17:00（法定节假日除外）',
    phone: '0571-85100123',
    onlineUrl: zwfw('330100-QR-006'),
    keywords: ['二手车过户', '车辆过户', '卖车过户', '买二手车', '车子过户', '汽车过户'],
    situations: [
      {
        code: '330100-QR-006-01',
        name: '本市过户',
        conditions: [
          '机动车未被查封、未处于抵押状态（或抵押权人同意）',
          '交通违法、交通事故已处理完毕',
          '机动车在检验有效期内',
        ],
        materials: [
          idCard('现机动车所有人（买方）'),
          mat('机动车登记证书', 'original', '公安机关交通管理部门核发'),
          mat('机动车行驶证', 'original', '公安机关交通管理部门核发'),
          shared('二手车销售统一发票', '二手车交易市场或经销企业开具'),
          mat('待过户机动车', 'original', '申请人自备', { note: '须交验车辆' }),
        ],
      },
      {
        code: '330100-QR-006-02',
        name: '跨市直接过户（迁入）',
        conditions: ['小型、微型非营运载客汽车', '符合迁入地排放标准', '原登记地与本市均已开通二手车异地过户'],
        materials: [
          idCard('现机动车所有人'),
          mat('机动车登记证书', 'original', '原登记地公安机关交通管理部门核发'),
          mat('机动车行驶证', 'original', '原登记地公安机关交通管理部门核发'),
          shared('二手车销售统一发票', '二手车交易市场或经销企业开具'),
          mat('待过户机动车', 'original', '申请人自备', { note: '须交验车辆' }),
        ],
        notes: '无需回原登记地办理转出手续，在本市车管所直接办理转移登记并核发新号牌。',
      },
    ],
  },
  {
    code: '330100-XK-013',
    name: '机动车驾驶证申领（初次申领）',
    departmentCode: 'GA',
    category: '交通管理',
    visitClass: 'exception',
    legalBasis: ['《中华人民共和国道路交通安全法》第十九条', '《机动车驾驶证申领和使用规定》（公安部令第162号）'],
    fees: '考试费按浙江省核定标准收取；驾驶证工本费 10 元',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: null,
    place: '示范市公安局交通警察支队车辆管理所及各考场；驾驶人培训机构代为受理',
    hours: '周一至周六 8:30-17:00（考试按预约时间）',
    phone: '0571-85100124',
    onlineUrl: zwfw('330100-XK-013'),
    keywords: ['考驾照', '学车', '驾驶证申领', '考驾驶证', '学驾照', '增驾', '报名学车'],
    situations: [
      {
        code: '330100-XK-013-01',
        name: '初次申领',
        conditions: [
          '年龄、身体条件符合《机动车驾驶证申领和使用规定》要求（小型汽车 18 周岁以上）',
          '不存在不得申请机动车驾驶证的情形（如吸毒未满 3 年、醉驾被吊销未满 5 年等）',
          '依次通过科目一、科目二、科目三考试',
        ],
        materials: [
          idCard(),
          mat('《机动车驾驶证申请表》', 'original', '驾驶人培训机构或车管所现场填写'),
          shared('机动车驾驶人身体条件证明', '经备案的医疗机构出具（电子体检信息联网上传）'),
          photo('近期正面免冠白底彩色证件照（可在车管所免费采集）'),
        ],
        notes:
          '本事项列入浙江省“最多跑一次”例外事项目录：需按预约分别参加科目一、二、三考试，无法一次办结。考试预约可通过“交管 12123”APP 办理，考试合格当日发证。',
      },
      {
        code: '330100-XK-013-02',
        name: '增加准驾车型',
        conditions: ['已持有机动车驾驶证且符合增驾的驾龄、记分等条件', '通过相应科目考试'],
        materials: [
          idCard(),
          mat('机动车驾驶证', 'original', '公安机关交通管理部门核发'),
          mat('《机动车驾驶证申请表》', 'original', '现场填写'),
          shared('机动车驾驶人身体条件证明', '经备案的医疗机构出具'),
        ],
      },
    ],
  },
  {
    code: '330100-GG-011',
    name: '机动车驾驶证换证、补证',
    departmentCode: 'GA',
    category: '交通管理',
    visitClass: 'zero_visit',
    legalBasis: ['《机动车驾驶证申领和使用规定》（公安部令第162号）第五十六条至第六十一条'],
    fees: '驾驶证工本费 10 元；邮寄费由申请人承担（部分服务点免费）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '“交管 12123”APP 在线办理；车管所及各交警服务站、合作银行网点',
    hours: '线上 24 小时；窗口周一至周六 8:30-17:00',
    phone: '0571-85100125',
    onlineUrl: zwfw('330100-GG-011'),
    keywords: ['驾照到期', '换驾照', '驾照丢了', '补驾照', '驾驶证换证', '驾驶证期满'],
    situations: [
      {
        code: '330100-GG-011-01',
        name: '期满换证',
        conditions: ['驾驶证有效期满前 90 日内申请', '无未处理的交通违法和事故'],
        materials: [
          idCard(),
          shared('机动车驾驶人身体条件证明', '经备案的医疗机构出具（电子体检信息联网上传）'),
          photo('近期正面免冠白底彩色证件照（可使用电子照片回执）'),
        ],
        notes: '网上申请的驾驶证制证后邮寄到家。',
      },
      {
        code: '330100-GG-011-02',
        name: '遗失补证',
        conditions: ['驾驶证遗失且未被公安机关扣押、吊销'],
        materials: [idCard(), photo('近期正面免冠白底彩色证件照（可使用电子照片回执）')],
      },
    ],
  },
  {
    code: '330100-QR-007',
    name: '居民身份证申领、换领、补领',
    departmentCode: 'GA',
    category: '户籍管理',
    visitClass: 'one_visit',
    legalBasis: ['《中华人民共和国居民身份证法》第八条至第十一条'],
    fees: '申领、到期换领 20 元；遗失补领、损坏换领 40 元；临时居民身份证 10 元',
    legalTimeLimitDays: 60,
    promisedTimeLimitDays: 10,
    place: `${CENTER} 一楼 公安户政窗口 8-10号；各派出所户籍窗口（支持跨省异地办理）`,
    hours: HOURS_EXT,
    phone: '0571-85100804',
    onlineUrl: zwfw('330100-QR-007'),
    keywords: ['办身份证', '身份证到期', '身份证丢了', '补身份证', '换身份证', '临时身份证', '小孩办身份证'],
    situations: [
      {
        code: '330100-QR-007-01',
        name: '首次申领',
        conditions: ['中华人民共和国境内居住的中国公民，已登记常住户口', '未满 16 周岁的可自愿申领，由监护人陪同'],
        materials: [
          householdRegister(),
          mat('相片', 'original', '现场免费采集或使用照相馆数码回执'),
          idCard('监护人', { required: false, note: '未满 16 周岁的由监护人陪同并出示身份证' }),
        ],
        notes: '须本人到场采集人像和指纹；证件制作完成后可选择邮寄。',
      },
      {
        code: '330100-QR-007-02',
        name: '到期换领',
        conditions: ['居民身份证有效期届满前 3 个月内申请'],
        materials: [idCard('原'), mat('相片', 'original', '现场免费采集或使用照相馆数码回执')],
      },
      {
        code: '330100-QR-007-03',
        name: '遗失补领',
        conditions: ['居民身份证遗失或被盗'],
        materials: [householdRegister(), mat('相片', 'original', '现场免费采集或使用照相馆数码回执')],
        notes: '可同时申领临时居民身份证（即时办理），遗失的原证在补领后自动作废。',
      },
    ],
  },
  {
    code: '330100-QT-007',
    name: '公章刻制备案',
    departmentCode: 'GA',
    category: '市场准入',
    visitClass: 'zero_visit',
    legalBasis: ['《印铸刻字业暂行管理规则》', '《国务院关于取消和下放一批行政许可事项的决定》（国发〔2020〕13号）'],
    fees: '新设立企业首套印章（公章、财务章、发票专用章、合同章、法定代表人名章）由政府免费刻制；其他按市场价格',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 一楼 企业开办专区 免费刻章窗口 6号；经备案的公章刻制企业`,
    hours: HOURS_EXT,
    phone: '0571-85100805',
    onlineUrl: zwfw('330100-QT-007'),
    keywords: ['刻公章', '刻章', '公章备案', '免费刻章', '印章刻制', '公章丢了'],
    situations: [
      {
        code: '330100-QT-007-01',
        name: '新设企业首套印章刻制备案',
        conditions: ['企业已取得营业执照'],
        materials: [bizLicense(), legalRepId(), powerOfAttorney()],
        notes:
          '企业开办时在“企业开办一件事”平台勾选刻章即可，印章与营业执照同步免费寄递或在专区领取，备案信息由刻制企业上传公安系统。',
      },
      {
        code: '330100-QT-007-02',
        name: '印章遗失或损坏重刻',
        conditions: ['原印章遗失、被盗或损坏', '遗失的已在国家企业信用信息公示系统或报刊发布遗失声明'],
        materials: [
          bizLicense(),
          legalRepId(),
          mat('印章遗失声明（公示截图或报纸）', 'copy', '申请人自备', { note: '损坏重刻的交回原印章' }),
          powerOfAttorney(),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市卫生健康委员会 (WJ), 市医疗保障局 (YB)
// ---------------------------------------------------------------------------------------------------------------

const HEALTH_MATTERS: DemoMatter[] = [
  {
    code: '330100-GG-012',
    name: '出生医学证明签发',
    departmentCode: 'WJ',
    category: '卫生健康',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国母婴保健法》第二十三条',
      '《中华人民共和国母婴保健法实施办法》第二十一条',
      '《国家卫生健康委关于启用和规范管理新版〈出生医学证明〉的通知》',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place:
      '新生儿出生的助产医疗机构出生医学证明签发窗口；补发：示范市妇幼保健院出生医学证明管理科（示范市康宁路 20 号）',
    hours: HOURS,
    phone: '0571-85104101',
    onlineUrl: zwfw('330100-GG-012'),
    keywords: ['出生证', '出生证明', '出生医学证明', '出生证丢了', '补出生证', '宝宝出生证明', '生孩子办证'],
    situations: [
      {
        code: '330100-GG-012-01',
        name: '首次签发',
        conditions: ['新生儿在本市具有助产技术服务资质的医疗机构内出生', '新生儿父母（或监护人）已确定新生儿姓名'],
        materials: [
          mat(
            '《出生医学证明》首次签发登记表（新生儿姓名、父母身份信息）',
            'electronic',
            '助产医疗机构提供，父母在“浙里办”新生儿出生一件事中在线填报',
          ),
          idCard('新生儿父母'),
        ],
        notes:
          '签发后同步生成电子出生医学证明，并推送公安（户口登记）、医保（参保）、人社（社保卡）部门，实现新生儿出生一件事联办。',
      },
      {
        code: '330100-GG-012-02',
        name: '补发',
        conditions: ['《出生医学证明》遗失，且在本市助产机构出生', '只能补发一次'],
        materials: [
          mat('《出生医学证明》补发申请表', 'original', '签发机构提供'),
          idCard('新生儿父母'),
          householdRegister('新生儿'),
          mat('原出生医学证明存根或出生时分娩记录', 'copy', '原助产医疗机构提供', { deferrable: true }),
        ],
      },
    ],
  },
  {
    code: '330100-QT-003',
    name: '诊所备案',
    departmentCode: 'WJ',
    category: '卫生健康',
    visitClass: 'one_visit',
    legalBasis: [
      '《医疗机构管理条例》（2022年修订）第十条、第十一条',
      '《诊所备案管理暂行办法》（国卫医政发〔2022〕33号）',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `${CENTER} 二楼 卫生健康窗口 24号`,
    hours: HOURS,
    phone: '0571-85104102',
    onlineUrl: zwfw('330100-QT-003'),
    keywords: ['开诊所', '诊所备案', '开门诊', '个体诊所', '开中医诊所'],
    situations: [
      {
        code: '330100-QT-003-01',
        name: '新办',
        conditions: [
          '诊所主要负责人为经执业注册后在医疗卫生机构中执业满五年、取得中级以上职称的医师',
          '诊所房屋、设备、人员符合《诊所基本标准》',
        ],
        materials: [
          mat('《诊所备案信息表》', 'original', '浙江政务服务网在线填报'),
          bizLicense(),
          mat('诊所房屋平面布局图（标明功能间尺寸）', 'original', '申请人自备'),
          mat('房屋产权证明或使用证明', 'copy', '申请人自备', { note: '产权信息可共享核验' }),
          shared('诊所医师、护士执业证书', '卫生健康部门核发', '电子证照共享核验'),
          mat('诊所规章制度及医疗废物处置协议', 'original', '申请人自备', { deferrable: true }),
        ],
        notes: '备案材料齐全的当场发放《诊所备案凭证》，卫生健康部门在 30 日内现场核查。',
      },
    ],
  },
  {
    code: '330100-GG-013',
    name: '基本医疗保险参保登记',
    departmentCode: 'YB',
    category: '医疗保障',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国社会保险法》第二十三条、第二十五条',
      '《国家医保局 财政部 国家税务总局关于做好城乡居民基本医疗保障工作的通知》',
    ],
    fees: '登记不收费；参保缴费按示范市当年度公布的个人缴费标准缴纳（新生儿出生当年参保缴费享受财政补助）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `“浙里办”医保专区在线办理；${CENTER} 一楼 医保窗口 22-23号；各镇（街道）便民服务中心`,
    hours: HOURS_EXT,
    phone: '0571-85102201',
    onlineUrl: zwfw('330100-GG-013'),
    keywords: ['医保参保', '交医保', '办医保', '小孩医保', '新生儿医保', '居民医保', '灵活就业医保', '自己交医保'],
    situations: [
      {
        code: '330100-GG-013-01',
        name: '城乡居民医保参保',
        conditions: [
          '本市户籍或持有本市居住证的非职工医保参保人员（含学生、儿童、未就业居民）',
          '在集中参保期内办理（新生儿、退役军人等特殊人群可随时参保）',
        ],
        materials: [
          idCard('参保人（未成年人由监护人代办）'),
          shared('居住证信息', '公安机关', '非本市户籍人员共享核验居住证'),
        ],
      },
      {
        code: '330100-GG-013-02',
        name: '新生儿参保',
        conditions: ['新生儿已办理出生登记', '出生 90 日内参保缴费的，自出生之日起享受医保待遇'],
        materials: [shared('新生儿户籍信息（出生登记）', '公安机关', '出生登记完成后信息自动推送'), idCard('监护人')],
        notes: '通过“新生儿出生一件事”联办的，无需单独申请，缴费提醒通过短信发送。',
      },
      {
        code: '330100-GG-013-03',
        name: '灵活就业人员职工医保参保',
        conditions: ['已办理灵活就业人员养老保险参保登记或符合灵活就业身份', '未在其他统筹区参加职工医保'],
        materials: [idCard(), mat('《灵活就业人员职工医保参保登记表》', 'electronic', '“浙里办”在线填报')],
      },
    ],
  },
  {
    code: '330100-GG-014',
    name: '异地就医备案',
    departmentCode: 'YB',
    category: '医疗保障',
    visitClass: 'zero_visit',
    legalBasis: [
      '《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）',
      '《基本医疗保险跨省异地就医直接结算经办规程》',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '国家医保服务平台 APP、“浙里办”医保专区在线办理；医保窗口 22-23号',
    hours: '线上 24 小时；窗口 ' + HOURS,
    phone: '0571-85102202',
    onlineUrl: zwfw('330100-GG-014'),
    keywords: [
      '异地就医',
      '异地就医备案',
      '外地看病报销',
      '去外地看病',
      '异地医保',
      '跨省就医',
      '外地住院报销',
      '异地长期居住',
    ],
    situations: [
      {
        code: '330100-GG-014-01',
        name: '异地长期居住人员备案',
        conditions: [
          '本市参保人员，属于异地安置退休、异地长期居住或常驻异地工作人员',
          '备案长期有效，变更或取消须间隔 6 个月以上',
        ],
        materials: [
          idCard(),
          mat('《异地长期居住人员个人承诺书》', 'electronic', '在线签署', { note: '实行告知承诺制，无需提供居住证明' }),
        ],
      },
      {
        code: '330100-GG-014-02',
        name: '临时外出就医人员备案',
        conditions: ['本市参保人员，属于异地转诊就医、异地急诊抢救或其他临时外出就医'],
        materials: [
          idCard(),
          mat('转诊转院证明', 'electronic', '本市二级及以上定点医疗机构出具', {
            required: false,
            note: '异地转诊就医的提供（医院线上推送）；其他临时外出就医实行承诺制',
          }),
          mat('《临时外出就医人员个人承诺书》', 'electronic', '在线签署', { required: false }),
        ],
        notes: '备案有效期内可在备案地多次就医并直接结算；急诊抢救可不备案，按规定直接结算或回参保地手工报销。',
      },
    ],
  },
  {
    code: '330100-GG-015',
    name: '基本医疗保险关系转移接续',
    departmentCode: 'YB',
    category: '医疗保障',
    visitClass: 'zero_visit',
    legalBasis: ['《基本医疗保险关系转移接续暂行办法》（医保发〔2021〕43号）'],
    fees: '不收费',
    legalTimeLimitDays: 15,
    promisedTimeLimitDays: 5,
    place: `国家医保服务平台 APP、“浙里办”在线办理；${CENTER} 一楼 医保窗口 22-23号`,
    hours: HOURS,
    phone: '0571-85102203',
    onlineUrl: zwfw('330100-GG-015'),
    keywords: ['医保转移', '医保转过来', '外地医保转入', '医保关系转移', '医保年限合并'],
    situations: [
      {
        code: '330100-GG-015-01',
        name: '跨统筹区转入',
        conditions: ['参保人已在本市参加职工基本医疗保险', '原参保地已中止参保'],
        materials: [
          mat('《基本医疗保险关系转移接续申请表》', 'electronic', '在线填报'),
          idCard(),
          shared('参保凭证', '原参保地医保经办机构', '转入地通过全国医保信息平台获取'),
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市税务局 (SW), 市商务局 (SWU), 示范海关 (HG)
// ---------------------------------------------------------------------------------------------------------------

const TAX_TRADE_MATTERS: DemoMatter[] = [
  {
    code: '330100-ZS-001',
    name: '契税申报',
    departmentCode: 'SW',
    category: '税费',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国契税法》第一条、第三条、第六条、第九条、第十条',
      '《浙江省契税具体适用税率等事项的决定》',
    ],
    fees: '依法缴纳契税（适用税率 3%；个人购买家庭唯一住房或第二套改善性住房按规定享受 1%-2% 的优惠税率；法定继承人继承免征）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `示范市不动产登记服务中心（${CENTER} 三楼）“一窗受理”综合窗口 31-40号（税务同窗）`,
    hours: HOURS_EXT,
    phone: '0571-85103501',
    onlineUrl: zwfw('330100-ZS-001'),
    keywords: ['交契税', '契税', '买房交税', '二手房税费', '过户交税', '房产税费计算', '首套房契税'],
    situations: [
      {
        code: '330100-ZS-001-01',
        name: '存量房买卖',
        conditions: ['承受方已签订存量房买卖合同并网签备案', '应在办理不动产转移登记前申报缴纳'],
        materials: [
          mat('《财产和行为税税源明细表》（契税）', 'electronic', '窗口税务人员根据共享信息预填，纳税人确认签字'),
          idCard('买卖双方'),
          shared('存量房买卖合同（网签备案）', '住房和城乡建设部门'),
          shared('家庭住房情况查询结果', '不动产登记机构、住建部门', '申请首套、二套优惠税率时系统自动查询'),
          marriageCert('申请家庭住房优惠税率时核验家庭成员，婚姻信息可共享核验'),
          mat('未成年子女户口簿', 'original', '公安机关核发', {
            required: false,
            note: '家庭成员含未成年子女的提供，户籍信息能共享核验的无需提交',
          }),
        ],
        notes: '出售方涉及的增值税、个人所得税同窗一并申报；缴税后完税信息实时推送不动产登记机构。',
      },
      {
        code: '330100-ZS-001-02',
        name: '房屋赠与',
        conditions: ['赠与双方已签订赠与合同或办理赠与公证', '应在办理不动产转移登记前申报缴纳'],
        materials: [
          mat('《财产和行为税税源明细表》（契税）', 'electronic', '窗口预填，纳税人确认签字'),
          idCard('赠与双方'),
          mat('赠与合同或赠与公证书', 'original', '申请人自备'),
          shared('房屋评估价格', '税务部门存量房评估系统'),
          mat('亲属关系证明', 'original', '申请人自备', {
            required: false,
            note: '直系亲属赠与申请个人所得税免征时提供，可共享核验',
          }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-016',
    name: '新办纳税人涉税事项（套餐）',
    departmentCode: 'SW',
    category: '税费',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国税收征收管理法》第十五条', '《中华人民共和国发票管理办法》'],
    fees: '不收费（数电发票无需购买税控设备）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: `电子税务局在线办理；${CENTER} 一楼 企业开办专区 税务窗口 4号`,
    hours: HOURS_EXT,
    phone: '0571-85103502',
    onlineUrl: zwfw('330100-GG-016'),
    keywords: ['税务登记', '领发票', '开发票', '新公司报税', '税务报到', '数电发票', '新办纳税人'],
    situations: [
      {
        code: '330100-GG-016-01',
        name: '新办企业',
        conditions: ['已取得营业执照（登记信息由市场监管部门自动推送）'],
        materials: [
          bizLicense(),
          mat('财务负责人、办税人员身份信息', 'electronic', '在电子税务局实名采集', { shared: true }),
          mat('银行账户信息及《委托划转税款协议书》（三方协议）', 'electronic', '电子税务局在线签署', {
            deferrable: true,
          }),
        ],
        notes: '一次完成登记信息确认、财务会计制度备案、税费种认定、数电发票票种核定和发票领用，企业开办当天即可开票。',
      },
      {
        code: '330100-GG-016-02',
        name: '新办个体工商户',
        conditions: ['已取得个体工商户营业执照'],
        materials: [
          bizLicense(),
          idCard('经营者'),
          mat('银行账户信息及三方协议', 'electronic', '电子税务局在线签署', { required: false }),
        ],
      },
    ],
  },
  {
    code: '330100-QT-004',
    name: '对外贸易经营者备案登记',
    departmentCode: 'SWU',
    category: '商贸流通',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国对外贸易法》', '《对外贸易经营者备案登记办法》（商务部令2004年第14号）'],
    fees: '不收费',
    legalTimeLimitDays: 5,
    promisedTimeLimitDays: 0,
    place: `商务部业务系统统一平台在线办理；${CENTER} 一楼 企业开办专区 外贸企业服务窗口 2号`,
    hours: HOURS,
    phone: '0571-85105101',
    onlineUrl: zwfw('330100-QT-004'),
    keywords: ['外贸备案', '进出口权', '办进出口权', '外贸公司注册', '对外贸易经营者备案', '十一证合一', '做外贸'],
    situations: [
      {
        code: '330100-QT-004-01',
        name: '新办',
        conditions: ['已依法办理市场主体登记的法人、其他组织或个人（个体工商户）', '拟从事货物进出口或技术进出口'],
        materials: [
          mat('《对外贸易经营者备案登记表》', 'electronic', '商务部业务系统统一平台在线填报，法定代表人签字盖章'),
          bizLicense(),
        ],
        notes:
          '2022 年 12 月 30 日修正的《中华人民共和国对外贸易法》删除了对外贸易经营者备案登记的规定，此后企业凭营业执照即可办理海关备案等进出口手续。本条目作为“十一证合一”改革的演示数据保留，答复咨询时应告知最新政策。',
      },
      {
        code: '330100-QT-004-02',
        name: '变更',
        conditions: ['已办理对外贸易经营者备案登记', '登记事项发生变更（应在 30 日内办理）'],
        materials: [
          mat('《对外贸易经营者备案登记表》（变更）', 'electronic', '商务部业务系统统一平台在线填报'),
          bizLicense(),
        ],
      },
    ],
  },
  {
    code: '330100-QT-005',
    name: '海关报关单位备案（进出口货物收发货人）',
    departmentCode: 'HG',
    category: '口岸通关',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国海关法》第十一条', '《中华人民共和国海关报关单位备案管理规定》（海关总署令第253号）'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '中国国际贸易“单一窗口”或“互联网+海关”在线办理；示范海关业务现场（示范市港城路 9 号）',
    hours: HOURS,
    phone: '0571-85105201',
    onlineUrl: zwfw('330100-QT-005'),
    keywords: ['海关备案', '报关备案', '海关注册', '进出口收发货人', '报关单位注册', '十一证合一', '报检备案'],
    situations: [
      {
        code: '330100-QT-005-01',
        name: '新办',
        conditions: ['已取得营业执照的进出口货物收发货人或报关企业'],
        materials: [
          mat(
            '《报关单位备案信息表》',
            'electronic',
            '“单一窗口”在线填报；企业开办时在市场监管登记系统勾选“海关进出口货物收发货人备案”可同步提交',
          ),
          bizLicense(),
        ],
        notes: '原出入境检验检疫报检企业备案已与报关单位备案合并，一次备案即取得报关、报检资质；备案信息长期有效。',
      },
      {
        code: '330100-QT-005-02',
        name: '变更',
        conditions: ['企业名称、法定代表人、住所等备案信息发生变更（应在 30 日内办理）'],
        materials: [mat('《报关单位情况登记表》（变更）', 'electronic', '“单一窗口”在线填报'), bizLicense()],
      },
      {
        code: '330100-QT-005-03',
        name: '注销',
        conditions: ['企业终止经营或不再从事进出口业务', '无未办结的海关手续'],
        materials: [mat('《报关单位注销申请》', 'electronic', '“单一窗口”在线提交')],
      },
    ],
  },
  {
    code: '330100-QT-006',
    name: '中国电子口岸企业入网及 IC 卡申领',
    departmentCode: 'HG',
    category: '口岸通关',
    visitClass: 'one_visit',
    legalBasis: ['《中国电子口岸企业入网管理办法》'],
    fees: '法人卡、操作员卡制卡费按中国电子口岸数据中心规定标准收取',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 1,
    place: '中国电子口岸数据中心示范分中心制卡点（示范海关业务现场 2号窗口）',
    hours: HOURS,
    phone: '0571-85105202',
    onlineUrl: zwfw('330100-QT-006'),
    keywords: ['电子口岸卡', '口岸IC卡', '电子口岸入网', '报关卡', '十一证合一'],
    situations: [
      {
        code: '330100-QT-006-01',
        name: '新办入网',
        conditions: ['已完成海关报关单位备案'],
        materials: [
          mat('《中国电子口岸企业入网申请表》', 'electronic', '“单一窗口”在线填报'),
          bizLicense(),
          idCard('法定代表人及操作员'),
        ],
        notes: '入网资料与海关备案信息同步审核，审核通过后凭身份证到制卡点领取 IC 卡（可预约邮寄）。',
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 市民政局 (MZ), 市教育局 (JY)
// ---------------------------------------------------------------------------------------------------------------

const MZ_JY_MATTERS: DemoMatter[] = [
  {
    code: '330100-QR-008',
    name: '内地居民婚姻登记',
    departmentCode: 'MZ',
    category: '民生服务',
    visitClass: 'one_visit',
    legalBasis: [
      '《中华人民共和国民法典》第一千零四十九条、第一千零七十六条、第一千零七十七条',
      '《婚姻登记条例》（2025年修订）',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '示范市婚姻登记处（示范市民中心北楼一楼，市民大道 100 号）',
    hours: '工作日 9:00-12:00，13:30-17:00；“5·20”“七夕”等特殊日期周末延时（提前公告）',
    phone: '0571-85106101',
    onlineUrl: zwfw('330100-QR-008'),
    keywords: ['领结婚证', '结婚登记', '扯证', '离婚', '离婚登记', '结婚证丢了', '补结婚证', '预约结婚'],
    situations: [
      {
        code: '330100-QR-008-01',
        name: '结婚登记',
        conditions: [
          '男女双方完全自愿，男年满 22 周岁、女年满 20 周岁',
          '双方均无配偶，不属于直系血亲或三代以内旁系血亲',
          '双方须共同到场（可在全国任一婚姻登记机关办理）',
        ],
        materials: [
          idCard('男女双方'),
          mat('双方近期半身免冠合影照片（2 寸，红色背景）', 'original', '申请人自备（登记处可现场拍摄）', {
            copies: 3,
          }),
          mat('《申请结婚登记声明书》', 'original', '登记处现场签署'),
        ],
        notes: '可通过“浙里办”预约登记时间；依据修订后的《婚姻登记条例》无需提供户口簿。',
      },
      {
        code: '330100-QR-008-02',
        name: '离婚登记',
        conditions: [
          '男女双方自愿离婚，对子女抚养、财产及债务处理等事项协商一致',
          '双方均具有完全民事行为能力',
          '须双方共同到场申请和领证',
        ],
        materials: [
          idCard('男女双方'),
          mat('结婚证', 'original', '婚姻登记机关核发', { copies: 2, note: '双方各自持有的结婚证原件' }),
          mat('离婚协议书', 'original', '双方自备（登记处提供参考文本）', { copies: 3 }),
          mat('双方近期 2 寸单人半身免冠照片', 'original', '申请人自备', { copies: 2 }),
        ],
        notes:
          '依法设有 30 日离婚冷静期：申请受理后 30 日内任何一方可撤回申请；期满后 30 日内双方须再次共同到场申请发给离婚证，属法定程序需两次到场。',
      },
      {
        code: '330100-QR-008-03',
        name: '补领婚姻登记证',
        conditions: ['结婚证、离婚证遗失或损毁', '婚姻登记档案可查'],
        materials: [
          idCard(),
          mat('本人近期 2 寸单人半身免冠照片（补领结婚证的提供双方合影）', 'original', '申请人自备', { copies: 2 }),
          mat('《申请补领婚姻登记证声明书》', 'original', '登记处现场签署'),
        ],
      },
    ],
  },
  {
    code: '330100-JF-003',
    name: '80 周岁以上老年人高龄津贴申领',
    departmentCode: 'MZ',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: [
      '《中华人民共和国老年人权益保障法》第三十三条',
      '《浙江省实施〈中华人民共和国老年人权益保障法〉办法》',
      '《示范市高龄津贴发放管理办法》',
    ],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 10,
    place: '户籍所在地镇（街道）便民服务中心民政窗口；“浙里办”在线申请',
    hours: HOURS,
    phone: '0571-85106102',
    onlineUrl: zwfw('330100-JF-003'),
    keywords: ['高龄津贴', '老人补贴', '80岁补贴', '长寿补贴', '老年人补助'],
    situations: [
      {
        code: '330100-JF-003-01',
        name: '申领',
        conditions: ['具有本市户籍，年满 80 周岁', '未享受其他同类高龄补贴'],
        materials: [
          idCard('老年人'),
          mat('老年人本人银行账户或社会保障卡', 'original', '申请人自备', { note: '津贴按月发放至社保卡银行账户' }),
          powerOfAttorney(),
        ],
        notes: '年满 80 周岁的户籍老人由系统根据户籍数据主动推送，确认账户后即可按月发放，无需提交其他材料。',
      },
    ],
  },
  {
    code: '330100-GG-017',
    name: '义务教育阶段新生入学报名',
    departmentCode: 'JY',
    category: '教育',
    visitClass: 'zero_visit',
    legalBasis: ['《中华人民共和国义务教育法》第十二条', '《示范市义务教育阶段学校招生入学工作实施意见》（当年度）'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: null,
    place: '示范市义务教育招生服务平台（“浙里办”入学一件事）；学区学校招生咨询点',
    hours: '每年 5 月中下旬集中报名（以当年公告为准）；平台 24 小时开放',
    phone: '0571-85107101',
    onlineUrl: zwfw('330100-GG-017'),
    keywords: [
      '小孩上学',
      '报名上小学',
      '一年级报名',
      '入学报名',
      '小升初',
      '学区房入学',
      '外地孩子上学',
      '新居民子女入学',
      '积分入学',
    ],
    situations: [
      {
        code: '330100-GG-017-01',
        name: '本市户籍适龄儿童',
        conditions: ['适龄儿童年满 6 周岁（以当年 8 月 31 日为准），户籍在本市', '按户籍和房产所在学区划片入学'],
        materials: [
          shared('儿童及父母户籍信息', '公安机关', '报名平台自动比对，无需上传户口簿'),
          shared('家庭房产信息（不动产权证书）', '不动产登记机构', '报名平台自动比对'),
          idCard('监护人'),
          mat('出生医学证明', 'copy', '卫生健康部门签发', {
            required: false,
            shared: true,
            note: '父母与儿童关系无法通过户籍核验时提供',
          }),
        ],
      },
      {
        code: '330100-GG-017-02',
        name: '随迁子女（新居民子女）',
        conditions: ['父母一方持有本市有效居住证', '符合示范市随迁子女入学积分或条件要求（就业、居住、社保年限等）'],
        materials: [
          shared('父母居住证信息', '公安机关'),
          shared('父母社保参保信息', '人力资源和社会保障部门'),
          shared('居住证明（房屋租赁备案或不动产权信息）', '住建部门、不动产登记机构'),
          mat('儿童户口簿', 'copy', '户籍地公安机关核发', { note: '上传户口簿首页及儿童页扫描件' }),
          mat('户籍地接种证查验证明', 'copy', '预防接种单位出具', { deferrable: true }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-018',
    name: '中小学学籍转学',
    departmentCode: 'JY',
    category: '教育',
    visitClass: 'one_visit',
    legalBasis: ['《中小学生学籍管理办法》（教基一〔2013〕7号）第十二条至第十五条'],
    fees: '不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 10,
    place: '转入学校教务处；示范市教育局学籍管理窗口（示范市民中心二楼 26号）',
    hours: HOURS,
    phone: '0571-85107102',
    onlineUrl: zwfw('330100-GG-018'),
    keywords: ['转学', '学籍转入', '学籍转出', '孩子转学', '转学籍', '插班'],
    situations: [
      {
        code: '330100-GG-018-01',
        name: '转入本市学校',
        conditions: ['学生已有全国中小学生学籍', '转入学校有学位，符合本市随迁子女或户籍生入学条件'],
        materials: [
          mat('《中小学生转学申请表》', 'original', '转入学校提供'),
          idCard('监护人'),
          mat('学生户口簿或居住证明', 'copy', '申请人自备', { note: '户籍、居住证信息可共享核验' }),
          mat('转入学校接收证明', 'original', '转入学校出具'),
        ],
        notes: '学籍转接在全国中小学生学籍信息管理系统中网上办理，转出学校和转出地教育部门在线核办，家长无需回原籍。',
      },
      {
        code: '330100-GG-018-02',
        name: '转出本市学校',
        conditions: ['学生已在本市学校注册学籍', '已联系好转入学校并取得接收同意'],
        materials: [idCard('监护人'), mat('转入学校接收证明', 'copy', '转入学校出具')],
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------
// 水电气 (SWJT, GD, RQ) — public utilities, handled through 浙里办 联合报装 / 过户
// ---------------------------------------------------------------------------------------------------------------

const UTILITY_MATTERS: DemoMatter[] = [
  {
    code: '330100-GG-019',
    name: '用水报装',
    departmentCode: 'SWJT',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: ['《城市供水条例》', '《优化营商环境条例》第二十五条', '《示范市城市供水管理办法》'],
    fees: '居民一户一表报装不收取接入费；小微企业建筑区划红线外接入工程免费（红线内工程按实际发生费用）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 3,
    place: '“浙里办”水电气网联合报装；示范市水务集团营业厅（示范市清泉路 18 号）；示范市民中心一楼 水电气综合窗口 30号',
    hours: HOURS_UTILITY,
    phone: '0571-85110096',
    onlineUrl: zwfw('330100-GG-019'),
    keywords: ['装水表', '用水报装', '开户用水', '新房通水', '申请自来水', '接自来水', '水表开户', '店铺用水'],
    situations: [
      {
        code: '330100-GG-019-01',
        name: '居民用水报装',
        conditions: ['用水地址在本集团供水管网覆盖范围内', '房屋权属清晰或已取得产权人同意'],
        materials: [
          idCard('产权人'),
          shared('不动产权证书信息', '不动产登记机构', '通过数据共享核验；未办证的提供购房合同'),
          mat('用水地址及联系方式', 'electronic', '在线填写'),
        ],
      },
      {
        code: '330100-GG-019-02',
        name: '非居民（小微企业、店铺）用水报装',
        conditions: ['用水地址在供水管网覆盖范围内', '已取得营业执照或统一社会信用代码'],
        materials: [
          bizLicense(),
          legalRepId(),
          mat('房屋产权证明或租赁合同', 'copy', '申请人自备', { note: '产权信息可共享核验' }),
          mat('用水需求说明（用水性质、预计用水量）', 'electronic', '在线填写'),
        ],
        notes: '餐饮店铺报装的，可同步申请排水接入；勘察、设计、施工一次办结，无外线工程的 3 个工作日内通水。',
      },
    ],
  },
  {
    code: '330100-GG-020',
    name: '用水过户',
    departmentCode: 'SWJT',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: ['《城市供水条例》', '《示范市城市供水管理办法》'],
    fees: '不收费（过户前须结清水费）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '“浙里办”二手房交易一件事联办；示范市水务集团营业厅（示范市清泉路 18 号）',
    hours: HOURS_UTILITY,
    phone: '0571-85110096',
    onlineUrl: zwfw('330100-GG-020'),
    keywords: ['水表过户', '水费过户', '二手房水过户', '用水户名变更', '自来水过户'],
    situations: [
      {
        code: '330100-GG-020-01',
        name: '过户',
        conditions: ['房屋已办理不动产转移登记（或同步申请）', '原户已结清水费'],
        materials: [
          idCard('新户主'),
          shared('新的不动产权证书信息', '不动产登记机构', '二手房交易一件事联办的，登记完成后自动推送过户'),
          mat('用水户号', 'electronic', '原户主提供或按地址查询', { required: false }),
        ],
      },
    ],
  },
  {
    code: '330100-GG-021',
    name: '低压用电报装',
    departmentCode: 'GD',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: ['《电力供应与使用条例》', '《供电营业规则》（2024年）', '《优化营商环境条例》第二十五条'],
    fees: '居民及 160 千瓦及以下小微企业低压接入“三零”服务（零上门、零审批、零投资），不收费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 5,
    place:
      '“网上国网”APP、“浙里办”水电气网联合报装；国网示范市供电公司营业厅（示范市光明路 1 号）；示范市民中心一楼 水电气综合窗口 30号',
    hours: HOURS_UTILITY,
    phone: '95598',
    onlineUrl: zwfw('330100-GG-021'),
    keywords: ['装电表', '用电报装', '开户用电', '新房通电', '申请用电', '店铺用电', '装电', '接电'],
    situations: [
      {
        code: '330100-GG-021-01',
        name: '居民用电报装',
        conditions: ['房屋权属清晰或已取得产权人同意', '具备接电条件（表箱位置已预留）'],
        materials: [
          idCard('户主'),
          shared('不动产权证书信息', '不动产登记机构', '通过数据共享核验；未办证的提供购房合同'),
        ],
      },
      {
        code: '330100-GG-021-02',
        name: '小微企业低压用电报装',
        conditions: ['用电容量 160 千瓦及以下', '已取得营业执照'],
        materials: [
          bizLicense(),
          legalRepId(),
          mat('房屋产权证明或租赁合同', 'copy', '申请人自备', { note: '产权信息可共享核验' }),
          mat('用电设备清单（用电容量）', 'electronic', '在线填写'),
        ],
        notes: '无外线工程的 5 个工作日内装表接电，有外线工程的不超过 15 个工作日。',
      },
    ],
  },
  {
    code: '330100-GG-022',
    name: '用电更名过户',
    departmentCode: 'GD',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: ['《供电营业规则》（2024年）'],
    fees: '不收费（过户前须结清电费）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '“网上国网”APP、“浙里办”二手房交易一件事联办；国网示范市供电公司营业厅',
    hours: HOURS_UTILITY,
    phone: '95598',
    onlineUrl: zwfw('330100-GG-022'),
    keywords: ['电表过户', '电费过户', '二手房电过户', '用电户名变更', '电户过户'],
    situations: [
      {
        code: '330100-GG-022-01',
        name: '过户',
        conditions: ['房屋已办理不动产转移登记（或同步申请）', '原户已结清电费'],
        materials: [
          idCard('新户主'),
          shared('新的不动产权证书信息', '不动产登记机构', '二手房交易一件事联办的，登记完成后自动推送过户'),
        ],
      },
    ],
  },
  {
    code: '330100-GG-023',
    name: '管道燃气开户',
    departmentCode: 'RQ',
    category: '民生服务',
    visitClass: 'one_visit',
    legalBasis: ['《城镇燃气管理条例》第十七条、第二十八条', '《浙江省燃气管理条例》'],
    fees: '开户不收费；居民户内燃气设施安装及燃气表费用按价格主管部门核定标准收取；小微企业建筑区划红线外接入工程免费',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 3,
    place:
      '“浙里办”水电气网联合报装；示范市燃气集团客户服务中心（示范市安燃路 6 号）；示范市民中心一楼 水电气综合窗口 30号',
    hours: HOURS_UTILITY,
    phone: '0571-85118888',
    onlineUrl: zwfw('330100-GG-023'),
    keywords: ['开通燃气', '开通天然气', '燃气开户', '装燃气', '通气', '点火', '天然气开户', '饭店用气', '煤气开户'],
    situations: [
      {
        code: '330100-GG-023-01',
        name: '居民新开户通气',
        conditions: ['住宅已接通市政燃气管网', '户内燃气设施已安装且厨房符合安全用气条件（通风、无卧室改厨房等）'],
        materials: [
          idCard('户主'),
          shared('不动产权证书信息', '不动产登记机构', '通过数据共享核验；未办证的提供购房合同'),
          mat('燃气灶具等用气设备（具有熄火保护装置）', 'original', '申请人自备', {
            note: '通气点火时上门安检人员现场查验，须有人在家',
          }),
        ],
        notes: '开户后预约上门安检通气，需户主或其委托人在家配合一次。',
      },
      {
        code: '330100-GG-023-02',
        name: '工商户（餐饮）开户',
        conditions: ['已取得营业执照', '用气场所符合燃气安全条件并安装可燃气体报警及自动切断装置'],
        materials: [
          bizLicense(),
          legalRepId(),
          mat('房屋产权证明或租赁合同', 'copy', '申请人自备'),
          mat('用气设备清单及平面布置图', 'original', '申请人自备'),
          mat('《燃气安全用气协议》', 'original', '燃气集团提供，双方签署'),
        ],
      },
    ],
  },
  {
    code: '330100-GG-024',
    name: '燃气过户',
    departmentCode: 'RQ',
    category: '民生服务',
    visitClass: 'zero_visit',
    legalBasis: ['《城镇燃气管理条例》', '《浙江省燃气管理条例》'],
    fees: '不收费（过户前须结清燃气费）',
    legalTimeLimitDays: null,
    promisedTimeLimitDays: 0,
    place: '“浙里办”二手房交易一件事联办；示范市燃气集团客户服务中心（示范市安燃路 6 号）',
    hours: HOURS_UTILITY,
    phone: '0571-85118888',
    onlineUrl: zwfw('330100-GG-024'),
    keywords: ['燃气过户', '天然气过户', '煤气过户', '二手房燃气过户', '燃气户名变更'],
    situations: [
      {
        code: '330100-GG-024-01',
        name: '过户',
        conditions: ['房屋已办理不动产转移登记（或同步申请）', '原户已结清燃气费'],
        materials: [
          idCard('新户主'),
          shared('新的不动产权证书信息', '不动产登记机构', '二手房交易一件事联办的，登记完成后自动推送过户'),
        ],
        notes: '过户后建议预约一次免费入户安检。',
      },
    ],
  },
];

// ---------------------------------------------------------------------------------------------------------------

export const DEMO_MATTERS: DemoMatter[] = [
  ...SCJG_MATTERS,
  ...STHJ_XF_CG_MATTERS,
  ...PROPERTY_MATTERS,
  ...JTYS_MATTERS,
  ...RS_MATTERS,
  ...GJJ_MATTERS,
  ...GA_MATTERS,
  ...HEALTH_MATTERS,
  ...TAX_TRADE_MATTERS,
  ...MZ_JY_MATTERS,
  ...UTILITY_MATTERS,
];
