import { Type as T, type TSchema } from '@sinclair/typebox';

/**
 * Building blocks for event payloads. Objects stay open (extra fields allowed): the schema pins what clients read,
 * features may add the rest of the REST object (api.md §2) without touching the contract.
 */
export const Nullable = <S extends TSchema>(s: S) => T.Union([s, T.Null()]);
export const Num = T.Number();
export const Int = T.Integer();
export const Str = T.String();
export const IsoTime = T.String({ minLength: 10 });
export const Confidence = T.Number({ minimum: 0, maximum: 1 });
export const ConfidencePct = T.Number({ minimum: 0, maximum: 100 });
export const Action = T.Union([T.Literal('BUY'), T.Literal('SELL'), T.Literal('WATCH')]);
export const Direction = T.Union([T.Literal('bullish'), T.Literal('bearish'), T.Literal('neutral')]);

/** Channel kinds of api.md §4.3; an event type names the kinds it may travel on. */
export const CHANNEL_KINDS = ['alerts', 'scans', 'patterns', 'prices', 'portfolio', 'jobs', 'system'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface EventContract<S extends TSchema = TSchema> {
  readonly schema: S;
  readonly channels: readonly ChannelKind[];
}

export function defineEvent<S extends TSchema>(schema: S, channels: readonly ChannelKind[]): EventContract<S> {
  return { schema, channels };
}
