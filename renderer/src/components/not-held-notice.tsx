import { Alert } from '@mantine/core';

/**
 * "Hold for handover" was on, the change IS queued, but the keychain refused to keep the password
 * for the Handover screen. Said in the show-once dialog, so the admin copies it now instead of
 * looking for it later (or making the change a second time).
 */
export function NotHeldNotice({ kind }: { kind: 'create' | 'password' }) {
  const what = kind === 'create' ? 'The account is queued' : 'The new password is queued';
  return (
    <Alert color="red" role="alert" title="Not held for handover" data-testid="not-held-notice">
      {what} all the same, so don't do it again. But the keychain refused to keep this password, so it is not on the
      Handover screen. Copy it now and hand it over from here: once you close this dialog it is gone, and you would have
      to give them a new one with Resend credentials.
    </Alert>
  );
}
