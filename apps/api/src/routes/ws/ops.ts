import type { WsLimits } from './limits';

/** Client operations of api.md §4.2. */
export type ClientOp =
  | { op: 'subscribe' | 'unsubscribe'; channels: unknown[]; id?: string }
  | { op: 'ping'; id?: string }
  | { op: 'resume'; lastSeq: Record<string, number>; channels?: unknown[]; id?: string };

export interface OpError {
  code: 'INVALID_JSON' | 'UNKNOWN_OP' | string;
  message: string;
  op?: string | null;
  id?: string | null;
}

const OPS = new Set(['subscribe', 'unsubscribe', 'ping', 'resume']);

/** Parses one text frame; anything unusable becomes the `error` the client is sent (the socket stays open). */
export function parseOp(text: string | null, limits: WsLimits): { op: ClientOp } | { error: OpError } {
  if (text === null) return { error: { code: 'INVALID_JSON', message: 'Frames must be JSON text' } };
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { error: { code: 'INVALID_JSON', message: 'Frame is not valid JSON' } };
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) {
    return { error: { code: 'INVALID_JSON', message: 'Frame must be a JSON object' } };
  }
  const m = msg as Record<string, unknown>;
  const op = typeof m.op === 'string' ? m.op : null;
  const idOk = m.id === undefined || (typeof m.id === 'string' && m.id.length <= limits.idMaxLength);
  const id = idOk && typeof m.id === 'string' ? m.id : undefined;
  const fail = (message: string): { error: OpError } => ({
    error: { code: 'UNKNOWN_OP', message, op: op && OPS.has(op) ? op : null, id: id ?? null },
  });
  if (!op || !OPS.has(op)) return fail('Unknown op: use subscribe, unsubscribe, ping or resume');
  if (!idOk) return fail(`id must be a string of at most ${limits.idMaxLength} characters`);
  const list = (v: unknown) => Array.isArray(v) && v.length <= limits.maxSubscriptions * 2;
  if (op === 'ping') return { op: { op, id } };
  if (op === 'resume') {
    const lastSeq = m.lastSeq;
    if (!lastSeq || typeof lastSeq !== 'object' || Array.isArray(lastSeq)) return fail('resume needs lastSeq');
    const entries = Object.entries(lastSeq);
    if (
      entries.length > limits.maxSubscriptions * 2 ||
      !entries.every(([, n]) => Number.isSafeInteger(n) && (n as number) >= 0)
    ) {
      return fail('lastSeq values must be integers >= 0');
    }
    if (m.channels !== undefined && !list(m.channels)) return fail('channels must be an array');
    return {
      op: { op, lastSeq: lastSeq as Record<string, number>, channels: m.channels as unknown[] | undefined, id },
    };
  }
  if (!list(m.channels)) return fail(`${op} needs a channels array`);
  return { op: { op: op as 'subscribe' | 'unsubscribe', channels: m.channels as unknown[], id } };
}
