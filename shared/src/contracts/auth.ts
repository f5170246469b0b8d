import { Type, type Static } from 'typebox';
import { ROLES } from '../domain/roles.js';
import { StringEnum } from './common.js';

export const RoleSchema = StringEnum(ROLES);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const CurrentUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Type.Union([Type.String(), Type.Null()]),
  departmentName: Type.Union([Type.String(), Type.Null()]),
});
export type CurrentUser = Static<typeof CurrentUser>;

export const MeResponse = Type.Object({ user: CurrentUser, idleTimeoutSeconds: Type.Integer() });
export type MeResponse = Static<typeof MeResponse>;

/** `GET /api/auth/session` (public): who is signed in, or nobody — always 200, so a signed-out page logs no 401. */
export const SessionResponse = Type.Object({
  user: Type.Union([CurrentUser, Type.Null()]),
  idleTimeoutSeconds: Type.Union([Type.Integer(), Type.Null()]),
});
export type SessionResponse = Static<typeof SessionResponse>;

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;
