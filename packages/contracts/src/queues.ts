/** Every BullMQ queue TX runs. Operators scale each by starting workers with WORKER_QUEUES naming it. */
export const QUEUE_NAMES = ['scan', 'label', 'retrain', 'backtest', 'trade'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(name: string): name is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(name);
}
