// jsdom lacks a few browser APIs Mantine relies on; these stand-ins only make components mount.
import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { contractViolations } from './fake-nexus';

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
