import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A recorded provider answer: status, headers and body as the provider documents them. */
export interface Fixture {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function fixture(path: string): Fixture {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', `${path}.json`), 'utf8')) as Fixture;
}

export function respond(f: Fixture): Response {
  const text = typeof f.body === 'string' ? f.body : JSON.stringify(f.body);
  return new Response(text, { status: f.status, headers: f.headers });
}

/**
 * A fetch that answers from recorded fixtures: each route is a URL pattern and the fixtures to answer with, in
 * order (the last repeats). Every request URL is recorded so tests can count provider calls.
 */
export function fakeFetch(routes: [RegExp, (string | Fixture | Error)[]][]) {
  const calls: string[] = [];
  const used = new Map<RegExp, number>();
  const fn = (async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    calls.push(url);
    for (const [pattern, answers] of routes) {
      if (!pattern.test(url)) continue;
      const n = used.get(pattern) ?? 0;
      used.set(pattern, n + 1);
      const a = answers[Math.min(n, answers.length - 1)] as string | Fixture | Error;
      if (a instanceof Error) throw a;
      return respond(typeof a === 'string' ? fixture(a) : a);
    }
    throw new TypeError(`fetch failed: no fixture for ${url}`);
  }) as typeof fetch;
  return { fetch: fn, calls };
}
