import type { FastifyInstance, RouteOptions } from 'fastify';

/** One registered route, as the auth plugin's catalog recorded it (HEAD twins of GET routes dropped). */
export interface Route {
  method: string;
  url: string;
  auth?: string;
  group?: string;
  schema: Record<string, unknown>;
  hidden: boolean;
}

/**
 * Framework routes that carry no TypeBox contract of their own. Each entry names why; anything else must declare
 * auth, group and schemas. Matching is by path prefix so new Bull Board / swagger-ui versions stay covered.
 */
export const FRAMEWORK_EXEMPT: { prefix: string; exact?: boolean; reason: string }[] = [
  { prefix: '/docs', reason: 'swagger-ui HTML, JS assets and the generated document (@fastify/swagger-ui)' },
  { prefix: '/swagger.json', exact: true, reason: 'alias of /docs/json: the raw OpenAPI document, no envelope' },
  {
    prefix: '/admin/queues',
    reason: 'Bull Board UI and its internal API (@bull-board/fastify), gated by queue-board.ts',
  },
  { prefix: '/metrics', exact: true, reason: 'Prometheus text exposition (prom-client), not JSON' },
  { prefix: '*', exact: true, reason: 'CORS preflight (OPTIONS *) answered by @fastify/cors for every path' },
  { prefix: '/ws', exact: true, reason: 'WebSocket upgrade (@fastify/websocket): the protocol is api.md §4' },
];

export function exemption(url: string): string | undefined {
  return FRAMEWORK_EXEMPT.find((e) => (e.exact ? url === e.prefix : url === e.prefix || url.startsWith(`${e.prefix}/`)))
    ?.reason;
}

function methodsOf(r: RouteOptions): string[] {
  return Array.isArray(r.method) ? r.method : [r.method];
}

export function routesOf(app: FastifyInstance): Route[] {
  const out: Route[] = [];
  const seen = new Set<string>();
  for (const r of app.routeCatalog) {
    const config = (r.config ?? {}) as { auth?: string; group?: string };
    const schema = (r.schema ?? {}) as Record<string, unknown>;
    for (const method of methodsOf(r)) {
      const key = `${method} ${r.url}`;
      if (method === 'HEAD' || seen.has(key)) continue;
      seen.add(key);
      out.push({ method, url: r.url, auth: config.auth, group: config.group, schema, hidden: schema.hide === true });
    }
  }
  return out;
}

/** Every method+path Fastify's router holds, read from printRoutes, to catch routes registered before auth. */
export function routerPaths(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack[depth] = (depth > 0 ? (stack[depth - 1] ?? '') : '') + m[2];
    stack.length = depth + 1;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      if (method && method !== 'HEAD') out.push(`${method} ${stack[depth]}`);
    }
  }
  return out;
}

/** The path with every `:param` replaced (and a trailing wildcard filled). */
export function fillPath(url: string, value: (name: string) => string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(value(name))).replace(/\*$/, 'x');
}

export const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);

export const hasBody = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';

/** Routes under test: everything registered except documented framework routes. */
export function apiRoutes(app: FastifyInstance): Route[] {
  return routesOf(app).filter((r) => exemption(r.url) === undefined);
}
