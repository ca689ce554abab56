import { useState } from 'react';
import { Alert, Anchor, Button, Center, Divider, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { CredentialsDialog, type Credentials } from '../components/credentials-dialog';
import { MemberActions, type DetailAction } from '../components/member-actions';
import { MemberBadges } from '../components/member-badge';
import { MemberConfirmDialogs, type MemberConfirmKind } from '../components/member-confirm-dialogs';
import { MemberFields } from '../components/member-fields';
import { MemberHistory } from '../components/member-history';
import { ReaddDialog } from '../components/readd-dialog';
import { ResendCredentialsFlow } from '../components/resend-credentials-flow';
import { SetPasswordDialog } from '../components/set-password-dialog';
import { errorMessage } from '../lib/error-message';
import { runMemberChange } from '../lib/member-actions';
import { useMemberDetail } from '../lib/use-member-detail';
import { useNavStore } from '../stores/nav-store';
import { useSessionStore } from '../stores/session-store';

export function MemberDetailScreen({ memberId }: { memberId: string }) {
  const { detail, error, retry } = useMemberDetail(memberId);
  const go = useNavStore((s) => s.go);
  const canManage = useSessionStore((s) => s.status?.org?.canManageMembers ?? false);
  const serverUrl = useSessionStore((s) => s.status?.serverUrl ?? null);
  const [settingPassword, setSettingPassword] = useState(false);
  const [confirmResend, setConfirmResend] = useState(false);
  const [readding, setReadding] = useState(false);
  const [confirm, setConfirm] = useState<MemberConfirmKind | null>(null);
  const [credentials, setCredentials] = useState<{ value: Credentials; title: string } | null>(null);
  const back = () => go({ view: 'members' });

  const backLink = (
    <Anchor component="button" type="button" onClick={back} size="sm" w="fit-content" className="text-link">
      ← Back to members
    </Anchor>
  );

  if (!detail) {
    return (
      <Stack component="section" aria-label="Member">
        {backLink}
        {error ? (
          <Alert
            color="red"
            role="alert"
            title={error.code === 'not_found' ? 'Member not found' : "Couldn't load the member"}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {error.code === 'not_found'
                  ? 'This member is no longer in the org. Go back to the list.'
                  : errorMessage(error)}
              </Text>
              {error.code !== 'not_found' && (
                <Button size="xs" variant="default" onClick={retry}>
                  Try again
                </Button>
              )}
            </Stack>
          </Alert>
        ) : (
          <Center py="xl">
            <Loader aria-label="Loading member" />
          </Center>
        )}
      </Stack>
    );
  }

  const { member } = detail;

  function onAction(action: DetailAction) {
    if (action === 'changePassword') setSettingPassword(true);
    else if (action === 'resendCredentials') setConfirmResend(true);
    else if (action === 'readd') setReadding(true);
    else if (action === 'resendInvite')
      void runMemberChange(
        'members.resendInvite',
        { memberId: member.id },
        { what: `Resend the invitation to ${member.email}`, done: `A new invitation was sent to ${member.email}.` },
      );
    else setConfirm(action);
  }

  return (
    <Stack component="section" aria-labelledby="member-title" style={{ overflow: 'auto' }}>
      {backLink}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} id="member-title">
            {member.name || member.email}
          </Title>
          <Text>{member.email}</Text>
        </div>
        <MemberBadges row={member} />
      </Group>
      {member.pending?.state === 'needs_attention' && (
        <Alert color="red" title="A change was refused">
          “{member.pending.summary}” was not applied
          {member.pending.reason ? `: ${member.pending.reason}` : '.'} What you see here is what the server has.{' '}
          <Anchor component="button" type="button" className="text-link" onClick={() => go({ view: 'pending' })}>
            Open Pending changes
          </Anchor>{' '}
          to see why and retry, edit or discard it.
        </Alert>
      )}
      {canManage && <MemberActions member={member} onAction={onAction} />}
      <Paper withBorder p="md">
        <MemberFields detail={detail} />
      </Paper>
      <Divider />
      <Title order={3} size="h4">
        History
      </Title>
      <MemberHistory memberId={member.id} placeholder={member.placeholder} stillQueued={detail.stillQueued} />

      <SetPasswordDialog
        member={settingPassword ? member : null}
        onClose={() => setSettingPassword(false)}
        onDone={(password, outboxId, notHeld) => {
          setSettingPassword(false);
          setCredentials({
            value: { email: member.email, password, serverUrl, outboxId, kind: 'password', notHeld },
            title: 'New temporary password',
          });
        }}
      />
      <ReaddDialog
        detail={readding ? detail : null}
        onClose={() => setReadding(false)}
        onCreated={(value) => setCredentials({ value, title: 'New temporary password' })}
      />
      <ResendCredentialsFlow member={confirmResend ? member : null} onClose={() => setConfirmResend(false)} />
      <MemberConfirmDialogs
        pending={confirm ? { kind: confirm, member } : null}
        onClose={() => setConfirm(null)}
        onDone={back}
      />
      <CredentialsDialog
        credentials={credentials?.value ?? null}
        title={credentials?.title}
        onClose={() => setCredentials(null)}
      />
    </Stack>
  );
}
