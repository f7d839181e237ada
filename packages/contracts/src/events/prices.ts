import { Type as T } from '@sinclair/typebox';
import { defineEvent, Num, Str } from './common';

/** The Quote object of api.md §2 (fields the client reads required, the rest optional). */
export const QuoteEvent = T.Object({
  symbol: Str,
  price: Num,
  change: Num,
  change_percent: Num,
  volume: Num,
  timestamp: T.Optional(Str),
  provider: T.Optional(Str),
});

export const PRICE_EVENTS = {
  price_update: defineEvent(QuoteEvent, ['prices']),
};
