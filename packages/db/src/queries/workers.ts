import type { Sql } from '../client';

/** Workers beat this often; readers call a worker alive when it beat within three intervals. */
export const BEAT_INTERVAL_MS = 10_000;

export interface WorkerBeat {
  id: string;
  queues: string[];
  hostname: string;
  pid: number;
  startedAt: Date;
  activeJobs: number;
  jobsDone: number;
  jobsFailed: number;
}

export async function recordHeartbeat(sql: Sql, w: WorkerBeat): Promise<void> {
  await sql`
    insert into worker_heartbeats (id, queues, hostname, pid, started_at, last_beat_at, active_jobs, jobs_done, jobs_failed)
    values (${w.id}, ${w.queues}, ${w.hostname}, ${w.pid}, ${w.startedAt}, now(), ${w.activeJobs}, ${w.jobsDone}, ${w.jobsFailed})
    on conflict (id) do update set last_beat_at = now(), active_jobs = excluded.active_jobs,
      jobs_done = excluded.jobs_done, jobs_failed = excluded.jobs_failed`;
}

export async function removeHeartbeat(sql: Sql, id: string): Promise<void> {
  await sql`delete from worker_heartbeats where id = ${id}`;
}

export interface WorkerRow {
  id: string;
  queues: string[];
  started_at: Date;
  last_beat_at: Date;
  alive: boolean;
  active_jobs: number;
  jobs_done: number;
  jobs_failed: number;
}

/** Workers seen within the last hour; `alive` = a beat within 3 intervals. Older rows are pruned here. */
export async function listWorkers(sql: Sql): Promise<WorkerRow[]> {
  await sql`delete from worker_heartbeats where last_beat_at < now() - interval '1 hour'`;
  return sql<WorkerRow[]>`
    select id, queues, started_at, last_beat_at, active_jobs, jobs_done, jobs_failed,
      last_beat_at > now() - make_interval(secs => ${(3 * BEAT_INTERVAL_MS) / 1000}) as alive
    from worker_heartbeats order by started_at`;
}
