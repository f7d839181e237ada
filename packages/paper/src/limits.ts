import { type Db, riskSettings } from '@tx/db';
import type { RiskLimits } from './risk';

/** RiskSettings defaults (api.md §3.7); max_daily_loss defaults to 3 % of the account's initial cash. */
export const RISK_DEFAULTS = {
  max_position_size: 1_000_000,
  max_position_pct: 20,
  stop_loss_percentage: 2,
  take_profit_percentage: 5,
  max_open_positions: 10,
  risk_per_trade: 2,
  enable_stop_loss: true,
  enable_take_profit: true,
  enable_position_sizing: true,
  confidence_threshold: 0.4,
  diversification_limit: 10,
  allow_short: true,
  enforce: true,
};

export type Settings = typeof RISK_DEFAULTS & { max_daily_loss: number; updated_at: string | null };

export function settingsView(row: riskSettings.RiskSettingsRow | undefined, initialCash: number): Settings {
  const dailyDefault = Math.round(initialCash * 0.03 * 100) / 100;
  if (!row) return { ...RISK_DEFAULTS, max_daily_loss: dailyDefault, updated_at: null };
  return {
    max_position_size: Number(row.max_position_size),
    max_position_pct: Number(row.max_position_pct),
    max_daily_loss: row.max_daily_loss === null ? dailyDefault : Number(row.max_daily_loss),
    stop_loss_percentage: Number(row.stop_loss_percentage),
    take_profit_percentage: Number(row.take_profit_percentage),
    max_open_positions: row.max_open_positions,
    risk_per_trade: Number(row.risk_per_trade),
    enable_stop_loss: row.enable_stop_loss,
    enable_take_profit: row.enable_take_profit,
    enable_position_sizing: row.enable_position_sizing,
    confidence_threshold: Number(row.confidence_threshold),
    diversification_limit: row.diversification_limit,
    allow_short: row.allow_short,
    enforce: row.enforce,
    updated_at: row.updated_at.toISOString(),
  };
}

export async function loadSettings(db: Db, userId: string, initialCash: number): Promise<Settings & RiskLimits> {
  return settingsView(await riskSettings.get(db, userId), initialCash);
}
