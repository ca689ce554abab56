import { useEffect, useState } from 'react';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { ConsoleErrorShape } from '../../../shared/contract/errors';
import { errorMessage, formatWait } from '../lib/error-message';
import { toConsoleError } from '../lib/nexus';
import { useSessionStore } from '../stores/session-store';
import { FIELD_MAX } from '../../../shared/field-limits';

interface Props {
  defaultServerUrl: string;
  defaultEmail?: string;
  /** Called once the session is signed in (not when a password change is required). */
  onSignedIn?: () => void;
}

const emailLooksValid = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

export function SignInForm({ defaultServerUrl, defaultEmail = '', onSignedIn }: Props) {
  const signIn = useSessionStore((s) => s.signIn);
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ConsoleErrorShape | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  // Throttled: count the wait down and keep the button disabled until it is over.
  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= waitUntil) setWaitUntil(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const urlError =
    touched && !/^https?:\/\/\S+$/.test(serverUrl.trim())
      ? 'Enter the server address, for example https://nexus.example.com'
      : null;
  const emailError = touched && !emailLooksValid(email) ? 'Enter your email address' : null;
  const passwordError = touched && password.length === 0 ? 'Enter your password' : null;
  const waitSeconds = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!/^https?:\/\/\S+$/.test(serverUrl.trim()) || !emailLooksValid(email) || password.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await signIn({ serverUrl: serverUrl.trim(), email: email.trim(), password });
      setPassword('');
      if (result.outcome === 'signedIn') onSignedIn?.();
    } catch (err) {
      const shape = toConsoleError(err);
      setError(shape);
      if (shape.retryAfterSeconds !== undefined) {
        setNow(Date.now());
        setWaitUntil(Date.now() + shape.retryAfterSeconds * 1000);
      }
    } finally {
      setBusy(false);
    }
  }

  const message = error
    ? waitSeconds > 0
      ? `Too many sign-in attempts. Wait ${formatWait(waitSeconds)} and try again.`
      : errorMessage(error, { serverUrl: serverUrl.trim() })
    : null;

  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label="Sign in">
      <Stack>
        {message && (
          <Alert color="red" role="alert" title="Couldn't sign in">
            {message}
          </Alert>
        )}
        <TextInput
          label="Server URL"
          maxLength={FIELD_MAX.serverUrl}
          value={serverUrl}
          onChange={(e) => setServerUrl(e.currentTarget.value)}
          error={urlError}
          autoComplete="url"
          required
        />
        <TextInput
          label="Email"
          maxLength={FIELD_MAX.email}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={emailError}
          autoComplete="username"
          required
          data-autofocus
        />
        <PasswordInput
          label="Password"
          maxLength={FIELD_MAX.password}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={passwordError}
          autoComplete="current-password"
          required
        />
        <Button type="submit" loading={busy} disabled={waitSeconds > 0}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
