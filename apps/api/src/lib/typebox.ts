import { Type as T } from '@sinclair/typebox';

/** `s` or null. */
export const Nullable = <S extends Parameters<typeof T.Union>[0][number]>(s: S) => T.Union([s, T.Null()]);

/** An object whose documented properties are checked and whose others pass through (response shapes the client reads). */
export const Open = (props: Parameters<typeof T.Object>[0]) => T.Object(props, { additionalProperties: true });
