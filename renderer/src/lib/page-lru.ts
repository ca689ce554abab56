/**
 * The member pages the renderer keeps, least recently used first out: scrolling a 100,000-row
 * org top to bottom touches 1,000 pages, and keeping each made the renderer's heap grow with the
 * org (issue 16). Pages the caller marks as in use (the ones on screen) are never evicted.
 */
export class PageLru<T> {
  /** A Map iterates in insertion order: re-inserting on use keeps the oldest first. */
  private readonly pages = new Map<number, T>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.pages.size;
  }

  has(page: number): boolean {
    return this.pages.has(page);
  }

  /** The page, now the most recently used. */
  get(page: number): T | undefined {
    const value = this.pages.get(page);
    if (value !== undefined) {
      this.pages.delete(page);
      this.pages.set(page, value);
    }
    return value;
  }

  /** Only reads: rendering a row must not reorder (it runs for every visible row). */
  peek(page: number): T | undefined {
    return this.pages.get(page);
  }

  /** Stores the page, then drops the least recently used ones beyond capacity that are not `inUse`. */
  set(page: number, value: T, inUse: (page: number) => boolean = () => false): void {
    this.pages.delete(page);
    this.pages.set(page, value);
    if (this.pages.size <= this.capacity) return;
    for (const old of this.pages.keys()) {
      if (this.pages.size <= this.capacity) break;
      if (old !== page && !inUse(old)) this.pages.delete(old);
    }
  }

  delete(page: number): void {
    this.pages.delete(page);
  }

  entries(): IterableIterator<[number, T]> {
    return this.pages.entries();
  }

  keys(): IterableIterator<number> {
    return this.pages.keys();
  }
}
