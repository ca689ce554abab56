import { useNavStore, type Route } from '../stores/nav-store';

/** Marks our own history entries, so a state some other code pushed is never taken for a route. */
const KEY = 'nexusRoute';

function routeOf(state: unknown): Route | null {
  if (typeof state !== 'object' || state === null || !(KEY in state)) return null;
  return (state as Record<typeof KEY, Route>)[KEY];
}

/**
 * Ties the console's views to the window's history (issue 17): each move is a history entry,
 * so Back and Forward (the mouse's side buttons, Alt+←, a browser's own button) move between
 * views. The first view sits on two entries — a floor and the view — so Back from it comes back
 * to the floor and is turned into the view again: Back never leaves the console (in the
 * desktop app there is nothing behind it; in the browser host it would lose the session tab).
 * Returns the function that disconnects it (sign-out unmounts the console).
 * `start` is the view the console opened on, when the connection comes later (after the first
 * frame: each history call is a round trip to the browser, issue 16): a move made in between
 * becomes an entry of its own, as if the history had been connected from the start.
 */
export function connectNavHistory(start: Route = useNavStore.getState().route): () => void {
  window.history.replaceState({ ...window.history.state, [KEY]: start, floor: true }, '');
  window.history.pushState({ [KEY]: start }, '');
  const now = useNavStore.getState().route;
  if (now !== start) window.history.pushState({ [KEY]: now }, '');
  let fromHistory = false;

  const unsubscribe = useNavStore.subscribe((state, previous) => {
    if (state.route === previous.route || fromHistory) return;
    window.history.pushState({ [KEY]: state.route }, '');
  });

  const onPopState = (event: PopStateEvent) => {
    const route = routeOf(event.state);
    if (!route) return;
    if ((event.state as { floor?: boolean }).floor) {
      // Back from the first view: stay, on the view that was showing.
      window.history.pushState({ [KEY]: useNavStore.getState().route }, '');
      return;
    }
    fromHistory = true;
    try {
      useNavStore.getState().go(route);
    } finally {
      fromHistory = false;
    }
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}
