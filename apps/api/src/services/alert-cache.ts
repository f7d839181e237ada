import { alerts, type Sql } from '@tx/db';
import type { CachedBody } from '../lib/cached-body';
import { RefreshingCache } from '../lib/refreshing-cache';

const TTL_MS = 1000;
/** How long a page past its TTL keeps serving while its reload runs (a slow database makes polls stale, not slow). */
const STALE_MS = 1000;

interface Page {
  rows: alerts.AlertView[];
  /** The serialised success body, reused for every caller without a status row of their own. */
  body: CachedBody | null;
}

/**
 * GET /api/get_active_alerts is the client's polling endpoint. Alerts are market events shared by every user, so a
 * page is read from Postgres (and serialised) at most once per second per query and per instance; callers with
 * their own dismissals or snoozes get it filtered. New alerts reach clients at once over the WebSocket; REST polls
 * see them within one to two seconds. A status change made through this instance is visible to its caller
 * immediately.
 */
export class ActiveAlertCache {
  private readonly pages = new RefreshingCache<Page>(TTL_MS, STALE_MS, 1000);
  private readonly statuses = new RefreshingCache<boolean>(TTL_MS, STALE_MS, 10_000);

  constructor(private readonly sql: Sql) {}

  page(key: string, filter: Omit<alerts.AlertFilter, 'userId'>): Promise<Page> {
    return this.pages.get(key, async () => ({
      rows: await alerts.listActive(this.sql, { ...filter, userId: null }),
      body: null,
    }));
  }

  /** Whether the caller has any per-user status row (dismissed, snoozed, acted) that could hide an alert. */
  hasStatuses(userId: string): Promise<boolean> {
    return this.statuses.get(userId, async () => {
      const [row] = await this.sql`select exists (select 1 from alert_user_status where user_id = ${userId}) as any`;
      return row.any as boolean;
    });
  }

  /** Writes the caller's status for an alert; their next poll on this instance reads it (no cached answer kept). */
  async setStatus(
    alertId: number,
    userId: string,
    status: 'dismissed' | 'snoozed' | 'acted',
    opts?: Parameters<typeof alerts.setUserStatus>[4],
  ) {
    const row = await alerts.setUserStatus(this.sql, alertId, userId, status, opts);
    this.statuses.delete(userId);
    return row;
  }
}
