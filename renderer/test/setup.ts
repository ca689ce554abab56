// jsdom lacks a few browser APIs Mantine relies on; these stand-ins only make components mount.
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';
import { contractViolations } from './fake-nexus';

// findBy*/waitFor wait for a condition, not a time: a longer bound costs nothing when the text is
// there at once, and a 2-core CI machine running two test files at a load of 20 needs more than
// the library's 1 s to mount Mantine dialogs.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  // A fake answer the component swallowed still fails the test that made it up.
  const violations = contractViolations.splice(0);
  if (violations.length > 0) throw new Error(violations.join('\n'));
});

if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStandIn {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.assign(window, { ResizeObserver: ResizeObserverStandIn });
}
