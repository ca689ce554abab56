import { z } from 'zod';

/** One held password and who it is for: kept together in the keychain item, never in SQLite. */
const heldSchema = z.object({
  password: z.string().min(1),
  email: z.string(),
  name: z.string(),
  kind: z.enum(['create', 'change', 'resend_credentials']),
  account: z.string(),
  orgId: z.string(),
  memberId: z.string(),
  heldAt: z.string(),
});
export type HeldPassword = z.infer<typeof heldSchema>;
export type HoldRequest = Omit<HeldPassword, 'account' | 'orgId' | 'heldAt'> & { outboxId: string };

export const parseHeld = (text: string): HeldPassword | null => {
  try {
    const parsed = heldSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
