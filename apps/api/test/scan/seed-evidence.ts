import type { Sql } from '@tx/db';
import { listPatterns } from '@tx/domain';

/**
 * Labelled history in which every pattern key won `winRate` of `perKey` outcomes (on a symbol the scans never see),
 * so that new detections carry evidence of an edge: the situation in which the alert rule must fire.
 */
export async function seedEvidence(sql: Sql, assetClasses: string[], perKey = 30, winRate = 0.7) {
  const keys = listPatterns().flatMap((p) => p.directions.map((d) => ({ p, d })));
  const ids = keys.map(({ p }) => p.id);
  const families = keys.map(({ p }) => p.family);
  const dirs = keys.map(({ d }) => d);
  for (const cls of assetClasses) {
    await sql`
      with k as (
        select * from unnest(${ids}::text[], ${families}::text[], ${dirs}::int[]) with ordinality as k(id, family, dir, ord)
      ), rows as (
        select k.*, s.n, timestamptz '2000-01-01' + ((k.ord * ${perKey} + s.n) * interval '1 day') as bar
        from k cross join generate_series(0, ${perKey - 1}) as s(n)
      ), det as (
        insert into detections (symbol, timeframe, asset_class, pattern_id, pattern_key, family, direction, strength,
          bar_time, confirmed_at, price, atr, context, confidence, confidence_source, detector_version,
          window_start, provider, backfill, source)
        select ${`SEED${cls.slice(0, 2).toUpperCase()}`}, '1d', ${cls}, id,
               id || case when dir = 1 then ':bull' else ':bear' end, family, dir, 1, bar, bar, 100, 1, '{}'::jsonb,
               0.5, 'prior', 'det-1', bar, 'synthetic', true, 'scan'
        from rows
        returning id as detection_id, pattern_key, bar_time
      )
      insert into labels (detection_id, label_version, pattern_key, timeframe, asset_class, outcome, available_at)
      select d.detection_id, 'tb-1', d.pattern_key, '1d', ${cls},
             case when r.n < ${perKey * winRate} then 'win' else 'loss' end, d.bar_time
      from det d join rows r on r.bar = d.bar_time`;
  }
}
