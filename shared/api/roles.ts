import { z } from 'zod';
import { idSchema } from './common';

export const PERMISSIONS = {
  membersRead: 'members.read',
  membersManage: 'members.manage',
} as const;
export type Permission = (typeof PERMISSIONS)[keyof typeof PERMISSIONS];

export const roleSchema = z.object({
  id: idSchema,
  name: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
});
export type Role = z.infer<typeof roleSchema>;

export const roleListSchema = z.object({ items: z.array(roleSchema) });
