import { useEffect, useState } from 'react';
import { Alert, Button, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useInterval } from '@mantine/hooks';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { signInInputSchema } from '../../../shared/contract/session';
import { errorMessage, fieldErrors, formatWait } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';
import { useSetting, useSettingLocked } from '../stores/settings-store';

interface Props {
  defaultServerUrl: string;
  defaultEmail?: string;
  /** Called once the session is signed in (not when a password change is required). */
  onSignedIn?: () => void;
}

/** Validated by the contract's own `session.signIn` input schema: the same rules core applies. */
const validate = schemaResolver(signInInputSchema, { sync: true });

export function SignInForm({ defaultServerUrl, defaultEmail = '', onSignedIn }: Props) {
  const signIn = useSessionStore((s) => s.signIn);
  const form = useForm({
    mode: 'controlled',
    initialValues: { serverUrl: defaultServerUrl, email: defaultEmail, password: '' },
    validate,
  });
  // The organization's servers (settings may load after the form): a locked server is the only
  // value; with an allow-list, only its entries; untouched, the field takes the admin's preset.
  const allowedServers = useSetting('AllowedServers');
  const presetServer = useSetting('ServerUrl');
  const serverLocked = useSettingLocked('ServerUrl') && presetServer !== null;
  const current = form.values.serverUrl;
  const wanted = effectiveServer(form.isTouched('serverUrl') ? current : current || presetServer || '', {
    locked: serverLocked ? presetServer : null,
    allowed: allowedServers,
  });
  const { setFieldValue } = form;
  useEffect(() => {
    if (wanted !== current) setFieldValue('serverUrl', wanted);
  }, [wanted, current, setFieldValue]);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Throttled: count the wait down and keep the button disabled until it is over.
  const countdown = useInterval(() => {
    setNow(Date.now());
    if (waitUntil !== null && Date.now() >= waitUntil) setWaitUntil(null);
  }, 1000);
  const { start, stop } = countdown;
  useEffect(() => {
    if (waitUntil === null) return;
    start();
    return stop;
  }, [waitUntil, start, stop]);

  const waitSeconds = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      // The schema trims and lower-cases: send what it parsed, as core would read it.
      const result = await signIn(signInInputSchema.parse(values));
      form.setFieldValue('password', '');
      if (result.outcome === 'signedIn') onSignedIn?.();
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      form.setErrors(fieldErrors(shape));
      if (shape.retryAfterSeconds !== undefined) {
        setNow(Date.now());
        setWaitUntil(Date.now() + shape.retryAfterSeconds * 1000);
      }
    }
  });

  const message = error
    ? waitSeconds > 0
      ? `Too many sign-in attempts. Wait ${formatWait(waitSeconds)} and try again.`
      : errorMessage(error, { serverUrl: form.values.serverUrl.trim() })
    : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack>
        {message && (
          <Alert color="red" role="alert" title="Couldn't sign in">
            {message}
          </Alert>
        )}
        {serverLocked ? (
          <TextInput label="Server URL" value={wanted} readOnly description="Set by your organization" />
        ) : allowedServers.length > 0 ? (
          <Select
            label="Server URL"
            data={allowedServers}
            {...form.getInputProps('serverUrl')}
            allowDeselect={false}
            description="The servers your organization allows"
            required
          />
        ) : (
          <TextInput label="Server URL" {...form.getInputProps('serverUrl')} autoComplete="url" required />
        )}
        <TextInput
          label="Email"
          type="email"
          {...form.getInputProps('email')}
          autoComplete="username"
          required
          data-autofocus
        />
        <PasswordInput label="Password" {...form.getInputProps('password')} autoComplete="current-password" required />
        <Button type="submit" loading={form.submitting} disabled={waitSeconds > 0}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

/** A server set by the organization wins; with an allow-list, only its entries can be chosen. */
function effectiveServer(wanted: string, rules: { locked: string | null; allowed: string[] }): string {
  if (rules.locked) return rules.locked;
  if (rules.allowed.length === 0) return wanted;
  const same = (a: string, b: string) => a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
  return rules.allowed.find((url) => same(url, wanted)) ?? rules.allowed[0]!;
}
