import type { Db } from './paper-db';

export interface OutcomeInput {
  position_id: number;
  account_id: number;
  user_id: string;
  symbol: string;
  asset_class: string;
  side: 'long' | 'short';
  opened_at: Date;
  closed_at: Date;
  max_qty: string;
  avg_entry: string;
  avg_exit: string;
  gross_pnl: string;
  fees: string;
  net_pnl: string;
  return_pct: string | null;
  r_multiple: string | null;
  exit_reason: 'stop_loss' | 'take_profit' | 'manual' | 'margin_call' | 'reset';
  had_stop_at_entry: boolean;
  stop_widened: boolean;
  source: string;
  alert_id: number | null;
  detection_id: number | null;
  pattern_key: string | null;
  timeframe: string | null;
  holding_seconds: string;
}

export async function forUser(db: Db, userId: string) {
  return db`select * from paper_trade_outcomes where user_id = ${userId} order by closed_at desc`;
}
