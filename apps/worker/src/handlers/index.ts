import type { HandlerEntry } from '../registry';
import { labelHandler } from './label';
import { scanCycleHandler } from './scan';
import { scanBatchHandler } from './scan-batch';
import { scanCompleteHandler } from './scan-complete';
import { tradeEvaluate } from './trade-evaluate';

/** Every job handler, one file per job type under handlers/. The registry checks this list against the contracts. */
export const HANDLERS: HandlerEntry[] = [
  tradeEvaluate as HandlerEntry,
  scanCycleHandler as HandlerEntry,
  scanBatchHandler as HandlerEntry,
  scanCompleteHandler as HandlerEntry,
  labelHandler as HandlerEntry,
];
