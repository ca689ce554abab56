import { useEffect } from 'react';
import { call } from '../../lib/nexus';
import { importScope, useImportStore } from '../../stores/import-store';
import { useSessionStore } from '../../stores/session-store';

/**
 * Asks core for the imports it keeps (import.history, in local.db) each time the Import CSV
 * dialog opens and when the admin or org changes: after a window reload or a restart the
 * results list the same files, and their outcomes follow from import.results as before.
 */
export function useImportHistory(opened: boolean): void {
  const scope = useSessionStore((s) => importScope(s.status));
  const signedIn = useSessionStore((s) => s.status?.org != null);
  const setHistory = useImportStore((s) => s.setHistory);
  useEffect(() => {
    if (!opened || !signedIn) return;
    let current = true;
    const askedAt = new Date().toISOString();
    call('import.history', {})
      .then(({ imports }) => {
        if (current) setHistory(scope, imports, askedAt);
      })
      // Offline is no reason (core answers from local.db); on any failure this window's list stays.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [opened, signedIn, scope, setHistory]);
}
