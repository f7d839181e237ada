import { Type as T } from '@sinclair/typebox';
import { defineJob } from '../job';

/**
 * Evaluates the resting orders (limits, bracket stops and targets) of one symbol against its latest quote
 * (domain §9.2). The handler re-enqueues itself every TRADE_POLL_MS while orders on the symbol stay open; the job
 * id names the symbol and the poll slot, so duplicate triggers within a slot collapse into one job.
 */
export const TradeEvaluateJob = defineJob({
  queue: 'trade',
  name: 'trade-evaluate',
  payload: T.Object({ v: T.Literal(1), symbol: T.String({ minLength: 1, maxLength: 24 }) }),
  attempts: 3,
  backoffMs: 1000,
});

export const TRADE_JOBS = [TradeEvaluateJob];
export const TRADE_POLL_MS = 15_000;

/** BullMQ job id of an evaluation in the poll slot containing `atMs` (no ':' allowed in custom ids). */
export const tradeEvaluateJobId = (symbol: string, atMs: number) =>
  `trade-eval_${symbol}_${Math.floor(atMs / TRADE_POLL_MS)}`;
