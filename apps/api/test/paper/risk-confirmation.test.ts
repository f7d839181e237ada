import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PaperTestApp, paperTestApp, post } from './helper';

let t: PaperTestApp;
beforeAll(async () => {
  t = await paperTestApp({ REQUIRE_RISK_CONFIRMATION: 'true' });
  t.quotes.prices.set('AAPL', 200);
});
afterAll(() => t.close());

const check = async (user: string, side: string) =>
  (await post(t.app, '/api/risk/pre-trade-check', { symbol: 'AAPL', side, qty: 1, user_id: user })).json().data
    .risk_confirmation_token as string;
const fromAlert = (user: string, extra: Record<string, unknown>) =>
  post(t.app, '/api/paper-trade/execute-from-alert', {
    symbol: 'AAPL',
    suggested_action: 'BUY',
    quantity: 1,
    user_id: user,
    ...extra,
  });
const refusal = async (res: Awaited<ReturnType<typeof fromAlert>>) => {
  const body = res.json();
  return [res.statusCode, body.error.code, body.error.details?.[0]?.rule];
};
const fills = async (user: string) => {
  const [{ n }] = (await t.db.sql`select count(*)::int as n from paper_fills where user_id = ${user}`) as unknown as [
    { n: number },
  ];
  return n;
};

describe('REQUIRE_RISK_CONFIRMATION', () => {
  it('trades from an alert only with an unused token of a passed check for the same trade', async () => {
    expect(await refusal(await fromAlert('rc', {}))).toEqual([422, 'RISK_CHECK_FAILED', 'risk_confirmation']);
    const token = await check('rc', 'buy');
    expect(token).toEqual(expect.any(String));
    expect((await fromAlert('rc', { risk_confirmation_token: token })).statusCode).toBe(201);
    expect(await refusal(await fromAlert('rc', { risk_token: token }))).toEqual([
      422,
      'RISK_CHECK_FAILED',
      'risk_confirmation',
    ]);
    expect(await fills('rc')).toBe(1);
  });

  it('refuses a token of another user, another side, a moved price or a forged signature', async () => {
    const other = await check('someone-else', 'buy');
    const sell = await check('rc2', 'sell');
    const buy = await check('rc2', 'buy');
    const forged = `${buy.split('.')[0]}.${'A'.repeat(43)}`;
    for (const token of [other, sell, forged]) {
      expect(await refusal(await fromAlert('rc2', { risk_confirmation_token: token }))).toEqual([
        422,
        'RISK_CHECK_FAILED',
        'risk_confirmation',
      ]);
    }
    t.quotes.prices.set('AAPL', 210);
    expect(await refusal(await fromAlert('rc2', { risk_confirmation_token: buy }))).toEqual([
      422,
      'RISK_CHECK_FAILED',
      'risk_confirmation',
    ]);
    t.quotes.prices.set('AAPL', 200);
    expect((await fromAlert('rc2', { risk_confirmation_token: buy })).statusCode).toBe(201);
    expect(await fills('rc2')).toBe(1);
  });
});
