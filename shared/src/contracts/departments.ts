import { Type, type Static } from 'typebox';
import { StringEnum } from './common.js';

/** 市级部门 · 区县 · 街道/乡镇 · 公共服务企业 (水务/供电/燃气 …). */
export const DEPARTMENT_KINDS = ['city_department', 'district', 'street', 'public_enterprise'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const Department = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: StringEnum(DEPARTMENT_KINDS),
  parentId: Type.Union([Type.String(), Type.Null()]),
  liaisonPhone: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
});
export type Department = Static<typeof Department>;

export const DepartmentList = Type.Object({ items: Type.Array(Department) });
export type DepartmentList = Static<typeof DepartmentList>;

/** 单位人员: who in a unit receives its tickets. */
export const DepartmentMember = Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String() });
export type DepartmentMember = Static<typeof DepartmentMember>;
export const DepartmentMemberList = Type.Object({ items: Type.Array(DepartmentMember) });
export type DepartmentMemberList = Static<typeof DepartmentMemberList>;
