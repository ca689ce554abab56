import { Switch } from '@mantine/core';
import { create } from 'zustand';

/**
 * "Hold for handover" in the single-user password dialogs (Create User, Change Password, Resend
 * credentials): the password is also kept for the **Handover** screen until it is handed over.
 * The choice is remembered while the console runs, so a morning of new starters keeps it on.
 * A dialog renders `<HoldForHandoverSwitch />` and spreads `holdForHandoverInput()` into its command.
 */
const useHoldChoice = create<{ hold: boolean; set(hold: boolean): void }>()((set) => ({
  hold: false,
  set: (hold) => set({ hold }),
}));

/** `{ holdForHandover: true }` when chosen; nothing otherwise (the command's default). */
export const holdForHandoverInput = (): { holdForHandover?: true } =>
  useHoldChoice.getState().hold ? { holdForHandover: true } : {};

export function HoldForHandoverSwitch() {
  const hold = useHoldChoice((s) => s.hold);
  const setHold = useHoldChoice((s) => s.set);
  return (
    <Switch
      label="Hold for handover"
      description="Also keep the password in the keychain for the Handover screen, until you mark it handed over."
      checked={hold}
      onChange={(event) => setHold(event.currentTarget.checked)}
    />
  );
}
