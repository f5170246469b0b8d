import { Type, type Static } from 'typebox';
import { RoleSchema } from './auth.js';
import { Nullable, Uuid } from './common.js';

/** 用户管理: staff accounts as the administrator sees them. Never carries a password hash. */
export const USERNAME_PATTERN = '^[a-z0-9_]{3,32}$';

export const AdminUser = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  departmentId: Nullable(Type.String()),
  departmentName: Nullable(Type.String()),
  active: Type.Boolean(),
  /** Set while sign-in is refused after too many failures; the admin may clear it early. */
  lockedUntil: Nullable(Type.String()),
  failedLoginCount: Type.Integer(),
  passwordChangedAt: Type.String(),
  createdAt: Type.String(),
});
export type AdminUser = Static<typeof AdminUser>;

export const AdminUserQuery = Type.Object({
  role: Type.Optional(RoleSchema),
  departmentId: Type.Optional(Uuid),
  active: Type.Optional(Type.Boolean()),
  /** Part of the username or the display name. */
  q: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type AdminUserQuery = Static<typeof AdminUserQuery>;

export const AdminUserList = Type.Object({ items: Type.Array(AdminUser), total: Type.Integer() });
export type AdminUserList = Static<typeof AdminUserList>;

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 32, pattern: USERNAME_PATTERN }),
    displayName: Type.String({ minLength: 1, maxLength: 64 }),
    role: RoleSchema,
    departmentId: Type.Optional(Nullable(Uuid)),
    initialPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    role: Type.Optional(RoleSchema),
    departmentId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const ResetPasswordBody = Type.Object(
  { newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;
