import { useSessionStore } from '../stores/session-store';
import { primeFirstMembersPage } from './first-members-page';

/**
 * Asks for what the console's first screen shows — the session and the first members page (the
 * browser bridge has usually got both already, `shared/shell/early-calls.ts`) — and resolves when
 * both are in, or after `waitMs` at the latest. `main.tsx` renders then (issue 16): a first render
 * before the session is known draws a spinner, which the browser paints, and React draws the
 * console over it a moment later — two renders and a paint where one render does. A slow answer
 * still gets the spinner after `waitMs`.
 */
export function askStartData(waitMs: number): Promise<void> {
  // Never rejects: main.tsx renders when this settles, and the screens show what failed.
  const asked = Promise.all([useSessionStore.getState().load(), primeFirstMembersPage()]).then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([asked, new Promise<void>((resolve) => setTimeout(resolve, waitMs))]);
}
