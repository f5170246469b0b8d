import { Type, type Static } from 'typebox';
import { Nullable, StringEnum, Uuid } from './common.js';
import { PhoneString } from './tickets.js';

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

/** 单位编码: short and stable (integrations, seed data and reports use it), so it is set once and never changed. */
export const DEPARTMENT_CODE_PATTERN = '^[A-Za-z0-9_-]{2,32}$';

/**
 * 承办单位管理: a unit as the administrator (and the hotline's leads) see it — with its leader (单位负责人), who is
 * copied by SMS on every 催办 and 通报. The leader's phone is not in the everyday Department: other roles never see it.
 */
export const AdminDepartment = Type.Object({
  ...Department.properties,
  parentName: Nullable(Type.String()),
  leaderName: Nullable(Type.String()),
  leaderPhone: Nullable(Type.String()),
  /** Active staff accounts in the unit (a unit with staff is deactivated only after they are moved or disabled). */
  activeMembers: Type.Integer(),
  /** Tickets the unit holds now (an active dispatch round). */
  openTickets: Type.Integer(),
  createdAt: Type.String(),
});
export type AdminDepartment = Static<typeof AdminDepartment>;

export const AdminDepartmentList = Type.Object({ items: Type.Array(AdminDepartment) });
export type AdminDepartmentList = Static<typeof AdminDepartmentList>;

const DepartmentName = Type.String({ minLength: 1, maxLength: 64 });
const PersonName = Type.String({ minLength: 1, maxLength: 32 });

export const CreateDepartmentBody = Type.Object(
  {
    code: Type.String({ minLength: 2, maxLength: 32, pattern: DEPARTMENT_CODE_PATTERN }),
    name: DepartmentName,
    kind: StringEnum(DEPARTMENT_KINDS),
    parentId: Type.Optional(Nullable(Uuid)),
    liaisonPhone: Type.Optional(Nullable(PhoneString)),
    leaderName: Type.Optional(Nullable(PersonName)),
    leaderPhone: Type.Optional(Nullable(PhoneString)),
  },
  { additionalProperties: false },
);
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>;

/** Every field but the code may change; null clears an optional one. */
export const UpdateDepartmentBody = Type.Object(
  {
    name: Type.Optional(DepartmentName),
    kind: Type.Optional(StringEnum(DEPARTMENT_KINDS)),
    parentId: Type.Optional(Nullable(Uuid)),
    liaisonPhone: Type.Optional(Nullable(PhoneString)),
    leaderName: Type.Optional(Nullable(PersonName)),
    leaderPhone: Type.Optional(Nullable(PhoneString)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>;
