import { Group, Loader, Text } from '@mantine/core';
import type { EmailLookupState } from '../lib/use-email-lookup';

/** What the console knows about the typed email: new, existing Nexus account, already here, or offline. */
export function EmailLookupNotice({ lookup, email }: { lookup: EmailLookupState; email: string }) {
  let content: React.ReactNode = null;
  if (lookup.kind === 'checking') {
    content = (
      <Group gap={6}>
        <Loader size={14} aria-hidden="true" />
        <span>Checking {email.trim()}…</span>
      </Group>
    );
  } else if (lookup.kind === 'failed') {
    content = `Couldn't check this email: ${lookup.message} You can still send an invite.`;
  } else if (lookup.kind === 'done') {
    const { result } = lookup;
    if (!result.checked) {
      content =
        "You're offline, so Nexus Admin can't check this email yet. Your change is queued and checked when it is sent.";
    } else if (!result.canInvite) {
      content = result.message ?? `${email.trim()} is already in this org.`;
    } else if (result.exists && !result.canCreate) {
      content = `${email.trim()} already has a Nexus account, so you can't create a user for it. Send an invite instead: they join with the password they already have.`;
    } else if (result.exists) {
      content = result.message ?? `${email.trim()} has a Nexus account.`;
    } else {
      content = result.message ?? 'No Nexus account uses this email yet. Invite them, or set a password manually.';
    }
  }
  return (
    <Text size="sm" role="status" aria-live="polite" mih={20} data-testid="email-lookup">
      {content}
    </Text>
  );
}
