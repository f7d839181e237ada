import { Type as T } from '@sinclair/typebox';

/**
 * Identity hints the existing web client puts in bodies (api.md §1.3). Every `user` route's closed body schema
 * accepts them; the auth plugin reads them (demo mode) or checks them against the token (jwt mode).
 */
export const IdentityHints = { user_id: T.Optional(T.String()), userId: T.Optional(T.String()) };

/** The body of a POST that takes nothing but may carry identity hints, or be empty (treated as `{}`). */
export const HintsOnlyBody = T.Object(IdentityHints, { additionalProperties: false });
