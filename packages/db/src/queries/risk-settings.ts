import type { Db } from './paper-db';

export interface RiskSettingsRow {
  user_id: string;
  max_position_size: string;
  max_position_pct: string;
  max_daily_loss: string | null;
  stop_loss_percentage: string;
  take_profit_percentage: string;
  max_open_positions: number;
  risk_per_trade: string;
  enable_stop_loss: boolean;
  enable_take_profit: boolean;
  enable_position_sizing: boolean;
  confidence_threshold: string;
  diversification_limit: number;
  allow_short: boolean;
  enforce: boolean;
  updated_at: Date;
}

export async function get(db: Db, userId: string): Promise<RiskSettingsRow | undefined> {
  const [row] = await db<RiskSettingsRow[]>`select * from risk_settings where user_id = ${userId}`;
  return row;
}

/** Partial update: absent fields keep their stored value (or the column default on first save). */
export async function upsert(db: Db, userId: string, patch: Record<string, number | boolean>) {
  const fields = { ...patch, user_id: userId };
  const cols = Object.keys(patch);
  const [row] = await db<RiskSettingsRow[]>`
    insert into risk_settings ${db(fields as never)}
    on conflict (user_id) do update set ${
      cols.length > 0 ? db(patch as never, cols as never) : db`user_id = excluded.user_id`
    }, updated_at = now()
    returning *`;
  return row!;
}
