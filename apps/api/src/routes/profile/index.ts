import { Type as T } from '@sinclair/typebox';
import { profiles, type Sql } from '@tx/db';
import type { FastifyInstance } from 'fastify';
import { Envelope, ok } from '../../lib/envelope';
import { validation } from '../../lib/errors';
import { IdentityHints } from '../../lib/identity-hints';
import { Nullable } from '../../lib/typebox';
import { userId } from '../../plugins/auth';

const U = { auth: 'user', group: 'U' } as const;

const ProfileBody = T.Object(
  {
    ...IdentityHints,
    name: T.Optional(Nullable(T.String({ maxLength: 100 }))),
    email: T.Optional(Nullable(T.String({ maxLength: 300 }))),
    mode: T.Optional(T.Union([T.Literal('demo'), T.Literal('live'), T.Literal('broker')])),
    username: T.Optional(Nullable(T.String({ maxLength: 64 }))),
    display_name: T.Optional(Nullable(T.String({ maxLength: 100 }))),
    avatar_url: T.Optional(Nullable(T.String({ maxLength: 2048, pattern: '^https://' }))),
    preferences: T.Optional(T.Object({}, { additionalProperties: true, maxProperties: 200 })),
  },
  { additionalProperties: false },
);
type ProfileBodyT = typeof ProfileBody.static;

const Profile = T.Object({
  user_id: T.String(),
  email: T.Union([T.String(), T.Null()]),
  name: T.Union([T.String(), T.Null()]),
  username: T.Union([T.String(), T.Null()]),
  display_name: T.Union([T.String(), T.Null()]),
  avatar_url: T.Union([T.String(), T.Null()]),
  mode: T.String(),
  created_at: T.Union([T.String(), T.Null()]),
  updated_at: T.Union([T.String(), T.Null()]),
});

const PREFERENCES_MAX_BYTES = 16 * 1024;

// Addresses are trimmed and lower-cased before they are checked (the client sends what the user typed).
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toInput(body: ProfileBodyT): profiles.ProfileInput {
  const { user_id: _u, userId: _v, email, ...rest } = body;
  if (email === undefined || email === null) return { ...rest, ...(email === null ? { email: null } : {}) };
  const normalised = email.trim().toLowerCase();
  if (normalised.length > 254 || !EMAIL.test(normalised)) {
    throw validation([{ field: 'email', issue: 'must be a valid email address' }]);
  }
  return { ...rest, email: normalised };
}

function view(userId: string, row: profiles.ProfileRow | undefined) {
  return {
    user_id: userId,
    email: row?.email ?? null,
    name: row?.name ?? null,
    username: row?.username ?? null,
    display_name: row?.display_name ?? null,
    avatar_url: row?.avatar_url ?? null,
    mode: row?.mode ?? 'demo',
    created_at: row?.created_at.toISOString() ?? null,
    updated_at: row?.updated_at.toISOString() ?? null,
  };
}

/** Profile endpoints (api.md §3.12). save-profile answers without a `data` key: the existing client requires it. */
export async function profileRoutes(app: FastifyInstance, opts: { sql: Sql }) {
  const checkPreferences = (body: ProfileBodyT) => {
    if (body.preferences && Buffer.byteLength(JSON.stringify(body.preferences)) > PREFERENCES_MAX_BYTES) {
      return [{ field: 'preferences', issue: 'must be at most 16 KiB' }];
    }
    return null;
  };

  app.post(
    '/api/save-profile',
    {
      config: U,
      schema: {
        body: ProfileBody,
        response: { 200: T.Object({ success: T.Literal(true), message: T.Optional(T.String()) }) },
      },
    },
    async (req) => {
      const body = req.body as ProfileBodyT;
      const tooBig = checkPreferences(body);
      if (tooBig) throw validation(tooBig);
      await profiles.upsertProfile(opts.sql, userId(req), toInput(body));
      return { success: true as const };
    },
  );

  app.get('/api/profile', { config: U, schema: { response: { 200: Envelope(Profile) } } }, async (req) => {
    const id = userId(req);
    return ok(view(id, await profiles.getProfile(opts.sql, id)));
  });

  app.put(
    '/api/profile',
    { config: U, schema: { body: ProfileBody, response: { 200: Envelope(Profile) } } },
    async (req) => {
      const tooBig = checkPreferences(req.body as ProfileBodyT);
      if (tooBig) throw validation(tooBig);
      const id = userId(req);
      const row = await profiles.upsertProfile(opts.sql, id, toInput(req.body as ProfileBodyT), true);
      return ok(view(id, row));
    },
  );
}
