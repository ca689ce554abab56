import { Switch } from '@mantine/core';
import { create } from 'zustand';

/**
 * "Hold for handover" in the single-user password dialogs (Create User, Change Password, Resend
 * credentials): the password is also kept for the **Handover** screen until it is handed over.
 * The choice is remembered while the console runs, so a morning of new starters keeps it on.
 * A dialog renders `<HoldForHandoverSwitch />` and spreads `holdForHandoverInput()` into its command.
 * The import preview passes `checked` / `onChange` (its own choice, on by default).
 */
const useHoldChoice = create<{ hold: boolean; set(hold: boolean): void }>()((set) => ({
  hold: false,
  set: (hold) => set({ hold }),
}));

/** `{ holdForHandover: true }` when chosen; nothing otherwise (the command's default). */
export const holdForHandoverInput = (): { holdForHandover?: true } =>
  useHoldChoice.getState().hold ? { holdForHandover: true } : {};

interface Props {
  /** Controlled by the caller instead of the single-user dialogs' shared choice. */
  checked?: boolean;
  onChange?(hold: boolean): void;
  description?: string;
}

export function HoldForHandoverSwitch({ checked, onChange, description }: Props) {
  const sharedHold = useHoldChoice((s) => s.hold);
  const setSharedHold = useHoldChoice((s) => s.set);
  return (
    <Switch
      label="Hold for handover"
      description={
        description ?? 'Also keep the password in the keychain for the Handover screen, until you mark it handed over.'
      }
      checked={checked ?? sharedHold}
      onChange={(event) => (onChange ?? setSharedHold)(event.currentTarget.checked)}
    />
  );
}
