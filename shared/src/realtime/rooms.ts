import type { Role } from '../domain/roles.js';

/**
 * Socket.io room names. The server joins a socket to exactly the rooms its session allows;
 * clients never choose rooms themselves.
 */
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  role: (role: Role) => `role:${role}`,
  department: (departmentId: string) => `dept:${departmentId}`,
  /** Live wallboard (监控大屏): leads and admins only. */
  wallboard: () => 'wallboard',
} as const;
