// DEMO DATA — a fictional Zhejiang city (示范市); not an official list of units.
import type { DepartmentKind } from '@hotline/shared/contracts/departments';

export interface DemoDepartment {
  code: string;
  name: string;
  kind: DepartmentKind;
  parentCode?: string;
  liaisonPhone: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  // 市级部门
  { code: 'SCJG', name: '市市场监督管理局', kind: 'city_department', liaisonPhone: '0571-87010001' },
  { code: 'STHJ', name: '市生态环境局', kind: 'city_department', liaisonPhone: '0571-87010002' },
  { code: 'ZJ', name: '市住房和城乡建设局', kind: 'city_department', liaisonPhone: '0571-87010003' },
  { code: 'JTYS', name: '市交通运输局', kind: 'city_department', liaisonPhone: '0571-87010004' },
  { code: 'RS', name: '市人力资源和社会保障局', kind: 'city_department', liaisonPhone: '0571-87010005' },
  { code: 'GA', name: '市公安局', kind: 'city_department', liaisonPhone: '0571-87010006' },
  { code: 'WJ', name: '市卫生健康委员会', kind: 'city_department', liaisonPhone: '0571-87010007' },
  { code: 'CG', name: '市综合行政执法局（城管）', kind: 'city_department', liaisonPhone: '0571-87010008' },
  { code: 'ZRZY', name: '市自然资源和规划局', kind: 'city_department', liaisonPhone: '0571-87010009' },
  { code: 'YB', name: '市医疗保障局', kind: 'city_department', liaisonPhone: '0571-87010010' },
  { code: 'GJJ', name: '市住房公积金管理中心', kind: 'city_department', liaisonPhone: '0571-87010011' },
  { code: 'SW', name: '国家税务总局示范市税务局', kind: 'city_department', liaisonPhone: '0571-87010012' },
  { code: 'XF', name: '市消防救援支队', kind: 'city_department', liaisonPhone: '0571-87010013' },
  { code: 'SWU', name: '市商务局', kind: 'city_department', liaisonPhone: '0571-87010014' },
  { code: 'MZ', name: '市民政局', kind: 'city_department', liaisonPhone: '0571-87010015' },
  { code: 'JY', name: '市教育局', kind: 'city_department', liaisonPhone: '0571-87010016' },
  { code: 'HG', name: '示范海关', kind: 'city_department', liaisonPhone: '0571-87010017' },
  // 公共服务企业
  { code: 'SWJT', name: '市水务集团', kind: 'public_enterprise', liaisonPhone: '0571-87020001' },
  { code: 'GD', name: '国网示范市供电公司', kind: 'public_enterprise', liaisonPhone: '0571-87020002' },
  { code: 'RQ', name: '市燃气集团', kind: 'public_enterprise', liaisonPhone: '0571-87020003' },
  // 区县 and 街道/乡镇
  { code: 'QY-SC', name: '上城区人民政府', kind: 'district', liaisonPhone: '0571-87030001' },
  { code: 'QY-XH', name: '西湖区人民政府', kind: 'district', liaisonPhone: '0571-87030002' },
  { code: 'QY-BJ', name: '滨江区人民政府', kind: 'district', liaisonPhone: '0571-87030003' },
  { code: 'QY-LA', name: '临安县人民政府', kind: 'district', liaisonPhone: '0571-87030004' },
  { code: 'JD-SC-HB', name: '上城区湖滨街道', kind: 'street', parentCode: 'QY-SC', liaisonPhone: '0571-87040001' },
  { code: 'JD-SC-QB', name: '上城区清波街道', kind: 'street', parentCode: 'QY-SC', liaisonPhone: '0571-87040002' },
  { code: 'JD-XH-BSQ', name: '西湖区北山街道', kind: 'street', parentCode: 'QY-XH', liaisonPhone: '0571-87040003' },
  { code: 'JD-XH-XX', name: '西湖区西溪街道', kind: 'street', parentCode: 'QY-XH', liaisonPhone: '0571-87040004' },
  { code: 'JD-BJ-XX', name: '滨江区西兴街道', kind: 'street', parentCode: 'QY-BJ', liaisonPhone: '0571-87040005' },
  { code: 'JD-LA-JN', name: '临安县锦南街道', kind: 'street', parentCode: 'QY-LA', liaisonPhone: '0571-87040006' },
];

/** The password every demo account uses; printed in README.md. Change it before any real use. */
export const DEMO_PASSWORD = 'Hotline@12345';

export interface DemoUser {
  username: string;
  displayName: string;
  role: 'agent' | 'lead' | 'handler' | 'dept_head' | 'kb_editor' | 'admin';
  departmentCode?: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'agent01', displayName: '王晓丽', role: 'agent' },
  { username: 'agent02', displayName: '李明', role: 'agent' },
  { username: 'agent03', displayName: '赵敏', role: 'agent' },
  { username: 'lead01', displayName: '陈建国', role: 'lead' },
  { username: 'handler_scjg', displayName: '周婷（市场监管）', role: 'handler', departmentCode: 'SCJG' },
  { username: 'handler_zj', displayName: '吴强（住建）', role: 'handler', departmentCode: 'ZJ' },
  { username: 'handler_swjt', displayName: '郑洁（水务）', role: 'handler', departmentCode: 'SWJT' },
  { username: 'handler_xh', displayName: '孙磊（西湖区）', role: 'handler', departmentCode: 'QY-XH' },
  { username: 'head_scjg', displayName: '钱志远（市场监管负责人）', role: 'dept_head', departmentCode: 'SCJG' },
  { username: 'kb01', displayName: '冯雪（知识库采编）', role: 'kb_editor' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
];
