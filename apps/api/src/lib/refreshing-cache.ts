interface Entry<V> {
  value?: V;
  at: number;
  loading?: Promise<V>;
}

/**
 * Values loaded at most once per `ttlMs` per key and per process, one load at a time per key. Once a value is
 * older than the TTL the next caller starts a reload, and until it lands callers keep getting the previous value
 * (for up to `staleMs` more): a burst of requests at expiry neither queues behind the database nor sends it one
 * query each. `delete` drops a key at once; a load already running for it then stores nothing.
 */
export class RefreshingCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly staleMs: number,
    private readonly maxKeys: number,
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    let entry = this.entries.get(key);
    if (entry?.value !== undefined && now - entry.at < this.ttlMs) return Promise.resolve(entry.value);
    if (!entry) {
      if (this.entries.size >= this.maxKeys) this.entries.clear();
      entry = { at: 0 };
      this.entries.set(key, entry);
    }
    const loading = entry.loading ?? this.reload(key, entry, load);
    if (entry.value !== undefined && now - entry.at < this.ttlMs + this.staleMs) return Promise.resolve(entry.value);
    return loading;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  private reload(key: string, entry: Entry<V>, load: () => Promise<V>): Promise<V> {
    const at = Date.now();
    const loading = load().then(
      (value) => {
        entry.loading = undefined;
        if (this.entries.get(key) === entry) Object.assign(entry, { value, at });
        return value;
      },
      (err: unknown) => {
        entry.loading = undefined;
        throw err;
      },
    );
    entry.loading = loading;
    // Callers served the stale value do not wait for this load; its failure reaches the next caller that does.
    loading.catch(() => {});
    return loading;
  }
}
