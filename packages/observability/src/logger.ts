import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths whose values never reach a log line: credentials in headers, bodies and config. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers.cookie',
  'req.body.password',
  'req.body.token',
  'body.password',
  'body.token',
  'authorization',
  'password',
  'token',
  '*.authorization',
  '*.access_token',
  '*.refresh_token',
  '*.id_token',
  '*.jwt',
  '*.new_password',
  '*.newPassword',
  '*.current_password',
  '*.client_secret',
  '*.private_key',
  '*.privateKey',
  '*.service_role_key',
  '*.password',
  '*.token',
  '*.ticket',
  '*.secret',
  '*.apiKey',
  '*.api_key',
  '*.SECRET_KEY',
  '*.JWT_SECRET',
  '*.ADMIN_PASSWORD',
  '*.POLYGON_API_KEY',
  '*.FINNHUB_API_KEY',
  '*.ALPHA_VANTAGE_KEY',
  '*.SUPABASE_SERVICE_ROLE_KEY',
  '*.DATABASE_URL',
  '*.REDIS_URL',
];

export interface LoggerOptions {
  level: string;
  structured: boolean;
  name: string;
  destination?: pino.DestinationStream;
}

/** JSON logs with stable keys; pretty output only when a human watches a TTY. */
export function createLogger(opts: LoggerOptions): Logger {
  const base: pino.LoggerOptions = {
    name: opts.name,
    level: opts.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (opts.destination) return pino(base, opts.destination);
  if (!opts.structured) return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(base);
}
