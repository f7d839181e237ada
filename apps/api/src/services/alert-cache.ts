import { alerts, type Sql } from '@tx/db';

const TTL_MS = 1000;

interface Page {
  rows: alerts.AlertView[];
  /** The serialised success body, reused for every caller without a status row of their own. */
  body: string | null;
  at: number;
}

/**
 * GET /api/get_active_alerts is the client's polling endpoint. Alerts are market events shared by every user, so a
 * page is read from Postgres (and serialised) at most once per second per query and per instance; callers with
 * their own dismissals or snoozes get it filtered. New alerts reach clients at once over the WebSocket; REST polls
 * see them within a second. A status change made through this instance is visible to its caller immediately.
 */
export class ActiveAlertCache {
  private readonly pages = new Map<string, Page>();
  private readonly statuses = new Map<string, { any: boolean; at: number }>();

  constructor(private readonly sql: Sql) {}

  async page(key: string, filter: Omit<alerts.AlertFilter, 'userId'>): Promise<Page> {
    const now = Date.now();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < TTL_MS) return hit;
    const rows = await alerts.listActive(this.sql, { ...filter, userId: null });
    const page = { rows, body: null, at: now };
    if (this.pages.size > 1000) this.pages.clear();
    this.pages.set(key, page);
    return page;
  }

  /** Whether the caller has any per-user status row (dismissed, snoozed, acted) that could hide an alert. */
  async hasStatuses(userId: string): Promise<boolean> {
    const now = Date.now();
    const hit = this.statuses.get(userId);
    if (hit && now - hit.at < TTL_MS) return hit.any;
    const [row] = await this.sql`select exists (select 1 from alert_user_status where user_id = ${userId}) as any`;
    if (this.statuses.size > 10_000) this.statuses.clear();
    this.statuses.set(userId, { any: row.any as boolean, at: now });
    return row.any as boolean;
  }

  forget(userId: string) {
    this.statuses.delete(userId);
  }
}
