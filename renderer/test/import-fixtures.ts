import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';

/** A CSV file from shared/csv/fixtures (the files the import's tests are made of), as bytes. */
export const csvFixture = (name: string) => readFileSync(join(import.meta.dirname, '../../shared/csv/fixtures', name));

/** Drops the named fixture on Import CSV's drop zone, as a drag from the file manager does. */
export function dropCsvFixture(name: string): void {
  const file = new File([csvFixture(name)], name, { type: 'text/csv' });
  fireEvent.drop(screen.getByTestId('import-drop-zone'), { dataTransfer: { files: [file] } });
}

/**
 * jsdom has no layout: a viewport for the scroll container and a height for each measured row,
 * so the import preview's virtualizer renders a screenful as in a browser. Call at the top of a
 * test file; undone after its tests.
 */
export function withPreviewLayout(): void {
  const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const rect = HTMLElement.prototype.getBoundingClientRect;
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 480 });
    HTMLElement.prototype.getBoundingClientRect = () => DOMRect.fromRect({ width: 1000, height: 44 });
  });
  afterAll(() => {
    if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
    HTMLElement.prototype.getBoundingClientRect = rect;
  });
}
