import { Type as T, type TSchema } from '@sinclair/typebox';

/** Success envelope (api.md §1.2): `{ success: true, data, meta? }`. */
export function ok<D>(data: D, meta?: Record<string, unknown>) {
  return meta ? { success: true as const, data, meta } : { success: true as const, data };
}

export const Meta = T.Record(T.String(), T.Unknown());

/** Response schema for a success envelope around `data`. */
export function Envelope<S extends TSchema>(data: S) {
  return T.Object({ success: T.Literal(true), data, meta: T.Optional(Meta) }, { additionalProperties: false });
}

export const ErrorBody = T.Object(
  {
    success: T.Literal(false),
    error: T.Object({
      code: T.String(),
      message: T.String(),
      details: T.Optional(T.Array(T.Unknown())),
    }),
    requestId: T.String(),
  },
  { additionalProperties: false, $id: 'ErrorBody' },
);
