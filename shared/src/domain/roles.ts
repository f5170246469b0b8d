/**
 * Roles of the hotline. The hotline side (agent, lead, admin) may see citizens' personal data;
 * department users (handler, dept_head) see only what was dispatched to their unit.
 */
export const ROLES = ['agent', 'lead', 'handler', 'dept_head', 'kb_editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** 话务员, 班长/督办员, 管理员: the hotline centre itself. */
export const HOTLINE_ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
/** 承办单位经办人 and 承办单位负责人: always scoped to one department. */
export const DEPARTMENT_ROLES: readonly Role[] = ['handler', 'dept_head'];

export function isHotlineRole(role: Role): boolean {
  return HOTLINE_ROLES.includes(role);
}

export function isDepartmentRole(role: Role): boolean {
  return DEPARTMENT_ROLES.includes(role);
}

/** Roles that may see unmasked caller numbers and names (subject to the confidential flag and audit). */
export function mayViewPersonalData(role: Role): boolean {
  return role === 'lead' || role === 'admin' || role === 'agent';
}
