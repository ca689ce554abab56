import { lazy, type ComponentType } from 'react';
import { afterFirstPaint } from './after-first-paint';

export type LazyNamed<P extends object> = ReturnType<typeof lazy<ComponentType<P>>> & {
  /** Fetches the component's chunk ahead of use (at idle), so opening it later does not wait. */
  preload(): Promise<unknown>;
};

/**
 * A named export as a `React.lazy` component, for everything the first members view does not
 * show: its code stays out of the start bundle. A failed load is not remembered, so the next
 * render (the boundary's Try again) fetches it again.
 */
export function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>): LazyNamed<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const get = () =>
    (loading ??= load().then(
      (component) => ({ default: component }),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  return Object.assign(lazy(get), { preload: () => get().catch(() => undefined) });
}

/**
 * Preloads once the browser is idle after the first view is on screen. An idle moment comes
 * before that too (while the page waits for a frame): a preload then would fetch, parse and add
 * `modulepreload` links while the rows are still to be painted (issue 16).
 */
export function preloadWhenIdle(...components: { preload(): Promise<unknown> }[]): () => void {
  const run = () => {
    for (const component of components) void component.preload();
  };
  let idle: number | undefined;
  const cancelWait = afterFirstPaint(() => {
    if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(run, { timeout: 2000 });
    else idle = window.setTimeout(run, 200);
  });
  return () => {
    cancelWait();
    if (idle === undefined) return;
    if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
    else window.clearTimeout(idle);
  };
}
