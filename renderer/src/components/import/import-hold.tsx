import { Alert } from '@mantine/core';
import { useImportStore } from '../../stores/import-store';
import { HoldForHandoverSwitch } from '../hold-for-handover-switch';

/**
 * The import preview's **Hold for handover** (the Add Member dialog's switch, on by default here):
 * the created accounts' passwords are kept in the keychain for the Handover screen. Off, a
 * generated password is shown nowhere, and the switch says so.
 */
export function ImportHoldSwitch({ generates }: { generates: boolean }) {
  const hold = useImportStore((s) => s.holdForHandover);
  const setHold = useImportStore((s) => s.setHoldForHandover);
  return (
    <HoldForHandoverSwitch
      checked={hold}
      onChange={setHold}
      description={
        hold
          ? 'Keep the created accounts’ passwords in the keychain for the Handover screen, where you hand each person theirs.'
          : generates
            ? 'Off: generated passwords are shown nowhere. Hand over the file’s own passwords yourself; give the others new ones with Resend credentials.'
            : 'Off: hand over the passwords from your file yourself.'
      }
    />
  );
}

/** After queueing: how many passwords the keychain refused to hold, and what to do (the rows are queued). */
export function NotHeldImportNotice({ notHeld }: { notHeld: number }) {
  if (notHeld === 0) return null;
  const passwords = notHeld === 1 ? '1 password was' : `${notHeld.toLocaleString('en')} passwords were`;
  return (
    <Alert color="red" role="alert" title="Not held for handover" data-testid="import-not-held">
      {passwords} not held for handover: the keychain refused to keep them, so they are not on the Handover screen. The
      rows are queued all the same, so don't import the file again. Hand over passwords from your file yourself; for
      generated ones, use Resend credentials on each person once they are created.
    </Alert>
  );
}
