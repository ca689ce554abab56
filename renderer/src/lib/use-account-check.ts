import { useEffect, useRef, useState } from 'react';
import { useImportStore } from '../stores/import-store';
import { useSessionStore } from '../stores/session-store';
import { useSyncStore } from '../stores/sync-store';
import { learnAbout } from './use-import-check';

/**
 * Whether the preview's planned creates have been checked for an existing Nexus account (which
 * can only be invited), and the note that says so. Rows become creates after the file was read
 * (**Generate a password**, a row's action changed): those addresses are looked up then, each
 * once, so the preview never blames "offline" for a check it simply had not asked for.
 */
export function useAccountCheckNote(createEmails: string[]): string | null {
  const knowledge = useImportStore((s) => s.knowledge);
  const sessionOffline = useSessionStore((s) => s.status?.offline ?? false);
  const syncOffline = useSyncStore((s) => s.status?.state === 'offline');
  const offline = sessionOffline || syncOffline;
  const asked = useRef(new Set<string>());
  const [checking, setChecking] = useState(0);
  const unchecked = createEmails.filter((email) => !knowledge.existing.has(email) && !knowledge.missing.has(email));
  const toAsk = offline ? [] : unchecked.filter((email) => !asked.current.has(email));
  const askKey = toAsk.join('\n');

  useEffect(() => {
    if (askKey === '') return;
    const emails = askKey.split('\n');
    for (const email of emails) asked.current.add(email);
    setChecking((n) => n + 1);
    void learnAbout([], emails).finally(() => setChecking((n) => n - 1));
  }, [askKey]);

  if (unchecked.length === 0) return null;
  if (offline)
    return 'Offline, the console cannot check whether an address already has a Nexus account; such a row is rejected when it syncs and shown under Pending changes.';
  if (checking > 0 || toAsk.length > 0) return 'Checking whether these addresses already have a Nexus account…';
  return `${unchecked.length.toLocaleString('en')} ${unchecked.length === 1 ? 'address was' : 'addresses were'} not checked for an existing Nexus account; such a row is rejected when it syncs and shown under Pending changes.`;
}
