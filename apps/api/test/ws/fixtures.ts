/** A valid `new_alert` payload (api.md §2 Alert, the fields the client reads). */
export function alertData(id: number) {
  const ts = new Date().toISOString();
  return {
    id,
    symbol: 'AAPL',
    alert_type: 'Bullish Engulfing',
    pattern: 'Bullish Engulfing',
    message: `Bullish Engulfing on AAPL 1d (${id})`,
    confidence: 0.7,
    confidence_pct: 70,
    price: 190.5,
    timestamp: ts,
    time: ts,
    explanation: 'A bullish body engulfs the previous bearish body.',
    is_active: true,
    metadata: { suggested_action: 'BUY', explanation: 'x', timeframe: '1d', timestamp_eat: ts },
  };
}

export function portfolioData() {
  return {
    reason: 'fill',
    account: { cash: '1000.00', equity: '1000.00', buying_power: '1000.00', realized_pnl: '0', unrealized_pnl: '0' },
    total_value: '1000.00',
    today_pnl_pct: null,
    positions_count: 0,
    position: null,
    order: null,
    fill: null,
    timestamp: new Date().toISOString(),
  };
}

export function jobData(id: string, status: string, progress: number) {
  return { job_id: id, type: 'backtest', status, progress, message: null, result: null, error: null };
}
