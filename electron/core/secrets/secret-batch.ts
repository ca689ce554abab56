import type { SecretStore } from './secret-store';

/** How long a change waits for the next ones before the batch is written (unless flushed). */
const COALESCE_MS = 50;

/**
 * Many secrets in ONE keychain item, as a JSON map key → secret, held in memory and written back
 * coalesced. A keychain write costs ~0.2 s on a desktop's Secret Service, so one item per row of
 * a 10,000-row import would take half an hour; one item per batch takes one write, and a burst of
 * changes (rows synced one after another, people marked handed over) becomes one or two writes.
 *
 * Changes apply to memory at once and are written a moment later; `flush()` writes now and
 * resolves when the keychain holds what memory holds (or rejects with the keychain's refusal,
 * kept to be tried again). An emptied batch deletes its item.
 */
export class SecretBatch {
  private values: Map<string, string> | null = null;
  private loading: Promise<Map<string, string>> | null = null;
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly store: SecretStore,
    /** The keychain item's account name. */
    readonly item: string,
  ) {}

  /** Reads the item once; a failed read (locked keychain) is tried again next time. */
  async load(): Promise<Map<string, string>> {
    if (this.values) return this.values;
    this.loading ??= this.store
      .get(this.item)
      .then((text) => {
        this.values ??= parseBatch(text);
        return this.values;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** A batch known to be new: nothing to read from the keychain. */
  startEmpty(): void {
    this.values ??= new Map();
  }

  async get(key: string): Promise<string | null> {
    return (await this.load()).get(key) ?? null;
  }

  async keys(): Promise<string[]> {
    return [...(await this.load()).keys()];
  }

  async size(): Promise<number> {
    return (await this.load()).size;
  }

  async setMany(entries: Iterable<readonly [string, string]>): Promise<void> {
    const values = await this.load();
    for (const [key, secret] of entries) values.set(key, secret);
    this.schedule();
  }

  async delete(key: string): Promise<boolean> {
    const had = (await this.load()).delete(key);
    if (had) this.schedule();
    return had;
  }

  async clear(): Promise<void> {
    (await this.load()).clear();
    this.schedule();
  }

  /** Writes what changed now; resolves once the keychain holds what memory holds. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.writing) await this.writing;
    if (this.dirty) {
      this.startWriting();
      while (this.writing) await this.writing;
    }
    if (this.failure) throw this.failure;
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer || this.writing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.startWriting();
    }, COALESCE_MS);
    this.timer.unref?.();
  }

  private startWriting(): void {
    // Never a rejected promise nobody awaits: the refusal is kept for the next flush().
    this.writing ??= this.writeLoop()
      .then(
        () => {
          this.failure = null;
        },
        (error: unknown) => {
          this.failure = error;
        },
      )
      .finally(() => {
        this.writing = null;
      });
  }

  private async writeLoop(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const values = this.values ?? new Map<string, string>();
      try {
        if (values.size === 0) await this.store.delete(this.item);
        else await this.store.set(this.item, JSON.stringify(Object.fromEntries(values)));
      } catch (error) {
        // Memory still differs from the keychain: the next flush tries again.
        this.dirty = true;
        throw error;
      }
    }
  }
}

function parseBatch(text: string | null): Map<string, string> {
  if (!text) return new Map();
  try {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new Map();
    return new Map(
      Object.entries(parsed as Record<string, unknown>).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } catch {
    // An item we cannot read holds nothing we can use; the entries needing it ask for a new password.
    return new Map();
  }
}
