import { describe, expect, it } from 'vitest';
import { marketOpen, tradingDayEnd } from '../src/calendar';

const at = (iso: string) => Date.parse(iso);

describe('trading days', () => {
  it('an equity day ends at the close of its session, or of the next one when placed outside it', () => {
    // Tuesday 2026-11-24, 10:00 New York (EST, UTC-5): the session closes at 16:00 = 21:00 UTC.
    expect(tradingDayEnd('equity', at('2026-11-24T15:00:00Z'))).toBe(at('2026-11-24T21:00:00Z'));
    // Wednesday evening: Thanksgiving (Thursday) is closed, Friday is a half day closing at 13:00.
    expect(tradingDayEnd('equity', at('2026-11-25T22:00:00Z'))).toBe(at('2026-11-27T18:00:00Z'));
    expect(marketOpen('equity', at('2026-11-26T15:00:00Z'))).toBe(false);
  });

  it('a crypto or FX day ends at the next midnight UTC', () => {
    expect(tradingDayEnd('crypto', at('2026-11-25T23:59:00Z'))).toBe(at('2026-11-26T00:00:00Z'));
    expect(tradingDayEnd('forex', at('2026-11-25T00:00:00Z'))).toBe(at('2026-11-26T00:00:00Z'));
  });
});
