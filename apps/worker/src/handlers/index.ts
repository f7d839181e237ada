import type { HandlerEntry } from '../registry';
import { labelHandler } from './label';
import { scanCycleHandler } from './scan';
import { scanCompleteHandler } from './scan-complete';
import { scanSeriesHandler } from './scan-series';
import { tradeEvaluate } from './trade-evaluate';

/** Every job handler, one file per job type under handlers/. The registry checks this list against the contracts. */
export const HANDLERS: HandlerEntry[] = [
  tradeEvaluate as HandlerEntry,
  scanCycleHandler as HandlerEntry,
  scanSeriesHandler as HandlerEntry,
  scanCompleteHandler as HandlerEntry,
  labelHandler as HandlerEntry,
];
