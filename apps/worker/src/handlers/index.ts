import type { HandlerEntry } from '../registry';

/** Every job handler, one file per job type under handlers/. The registry checks this list against the contracts. */
export const HANDLERS: HandlerEntry[] = [];
