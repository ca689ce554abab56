import { useEffect, useState } from 'react';

/**
 * False until the console's first frame is on screen, then true (and true from the start for
 * everything mounted later). Issue 16: parts of the first view that nobody uses in its first
 * moment — the filter drop-downs, the header's tooltips, the toast container — mount just after
 * that frame instead of in it, so the member rows are painted ≈ a React render sooner. Use it
 * only where the stand-in looks the same and cannot lose input (see the callers).
 */
let painted = false;
let scheduled = false;
const waiting = new Set<() => void>();

function markPainted(): void {
  if (painted) return;
  painted = true;
  for (const wake of [...waiting]) wake();
  waiting.clear();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // Two frames: the first frame's callbacks run before it is painted, the second's after.
  // A timeout as well, for pages that get no frames (a hidden tab, jsdom).
  const frame = globalThis.requestAnimationFrame?.bind(globalThis);
  if (frame) frame(() => frame(() => setTimeout(markPainted, 0)));
  setTimeout(markPainted, 500);
}

/**
 * Runs `callback` once the console's first frame is on screen (at once if it already is). For
 * work that is not drawn: connecting the history, preloading chunks (`preloadWhenIdle`).
 * Returns the function that cancels it.
 */
export function afterFirstPaint(callback: () => void): () => void {
  if (painted) {
    callback();
    return () => undefined;
  }
  let cancelled = false;
  const wake = () => {
    if (!cancelled) callback();
  };
  waiting.add(wake);
  schedule();
  return () => {
    cancelled = true;
    waiting.delete(wake);
  };
}

export function useAfterFirstPaint(): boolean {
  const [ready, setReady] = useState(painted);
  useEffect(() => {
    if (ready) return;
    if (painted) {
      setReady(true);
      return;
    }
    const wake = () => setReady(true);
    waiting.add(wake);
    schedule();
    return () => {
      waiting.delete(wake);
    };
  }, [ready]);
  return ready;
}
