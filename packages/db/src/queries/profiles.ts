import type { Sql } from '../client';

export interface ProfileInput {
  email?: string | null;
  name?: string | null;
  username?: string | null;
  display_name?: string | null;
  avatar_url?: string | null;
  mode?: 'demo' | 'live' | 'broker';
  preferences?: Record<string, unknown>;
}

/**
 * Upsert of the caller's profile. Fields absent from the input keep their stored value. A `demo` mode never
 * overwrites a stored `live`/`broker` mode unless `allowModeDowngrade` (PUT /api/profile) says so.
 */
export async function upsertProfile(sql: Sql, userId: string, input: ProfileInput, allowModeDowngrade = false) {
  const has = (k: keyof ProfileInput) => input[k] !== undefined;
  const [row] = await sql`
    insert into profiles (user_id, email, name, username, display_name, avatar_url, mode, preferences)
    values (${userId}, ${input.email ?? null}, ${input.name ?? null}, ${input.username ?? null},
            ${input.display_name ?? null}, ${input.avatar_url ?? null}, ${input.mode ?? 'demo'},
            ${sql.json((input.preferences ?? {}) as never)})
    on conflict (user_id) do update set
      email = case when ${has('email')} then excluded.email else profiles.email end,
      name = case when ${has('name')} then excluded.name else profiles.name end,
      username = case when ${has('username')} then excluded.username else profiles.username end,
      display_name = case when ${has('display_name')} then excluded.display_name else profiles.display_name end,
      avatar_url = case when ${has('avatar_url')} then excluded.avatar_url else profiles.avatar_url end,
      mode = case
        when not ${has('mode')} then profiles.mode
        when excluded.mode = 'demo' and profiles.mode <> 'demo' and not ${allowModeDowngrade} then profiles.mode
        else excluded.mode end,
      preferences = case when ${has('preferences')} then excluded.preferences else profiles.preferences end,
      updated_at = now()
    returning *`;
  return row as ProfileRow;
}

export interface ProfileRow {
  user_id: string;
  email: string | null;
  name: string | null;
  username: string | null;
  display_name: string | null;
  avatar_url: string | null;
  mode: 'demo' | 'live' | 'broker';
  preferences: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export async function getProfile(sql: Sql, userId: string): Promise<ProfileRow | undefined> {
  const [row] = await sql<ProfileRow[]>`select * from profiles where user_id = ${userId}`;
  return row;
}
