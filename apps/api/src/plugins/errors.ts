import { captureException } from '@tx/observability';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors';

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;

/** Fastify's own 4xx errors, mapped to the contract's codes (api.md §1.4). Their messages are ours, not Fastify's. */
const FRAMEWORK_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE', 'Content type must be application/json'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 256 KiB'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'INVALID_JSON', 'Content-Length does not match the body'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'INVALID_JSON', 'Body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'INVALID_JSON', 'Body is not valid JSON'],
  FST_ERR_BAD_URL: [400, 'VALIDATION_ERROR', 'URL is malformed'],
  FST_ERR_MAX_PARAM_LENGTH: [400, 'VALIDATION_ERROR', 'A path parameter is too long'],
  FST_ERR_ASYNC_CONSTRAINT: [400, 'VALIDATION_ERROR', 'Request is invalid'],
};

/**
 * Postgres errors that mean two requests raced (unique key taken meanwhile, serialization failure, deadlock): the
 * client may retry, so they are a 409 rather than a 500. Still logged: a route that lets one escape has a race.
 */
const RACE_ERRORS = new Set(['23505', '40001', '40P01']);
const isRace = (err: FastifyError) => err.name === 'PostgresError' && RACE_ERRORS.has(String(err.code));
/**
 * Postgres data exceptions raised by a value the client sent (a NUL byte in text, a number past the column's range,
 * an over-long string, an unparsable date): the request is invalid, not the server. Logged: the route's schema
 * should have refused the value first.
 */
const DATA_ERRORS = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05']);
const isBadData = (err: FastifyError) => err.name === 'PostgresError' && DATA_ERRORS.has(String(err.code));

interface Failure {
  status: number;
  code: string;
  message: string;
  details?: unknown[];
}

export function sendError(req: FastifyRequest, reply: FastifyReply, f: Failure) {
  return reply
    .code(f.status)
    .type('application/json; charset=utf-8')
    .send({
      success: false,
      error: { code: f.code, message: f.message, ...(f.details ? { details: f.details } : {}) },
      requestId: req.id,
    });
}

/**
 * Router-level failures (malformed URL encoding, over-long path parameter, async constraint) never reach the error
 * handler: Fastify answers them in its own format, echoing the path, unless given this as `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const [status, code, message] = FRAMEWORK_ERRORS[err.code] ?? [400, 'VALIDATION_ERROR', 'Request is invalid'];
  reply.header('x-request-id', req.id);
  return sendError(req, reply, { status, code, message });
}

function validationDetails(err: FastifyError) {
  return (err.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const extra = (params.missingProperty ?? params.additionalProperty) as string | undefined;
    const field = [err.validationContext === 'body' ? '' : err.validationContext, base, extra]
      .filter(Boolean)
      .join('.');
    const issue = params.additionalProperty ? 'is not allowed' : (v.message ?? 'is invalid');
    return { field: field || String(err.validationContext ?? 'body'), issue };
  });
}

/**
 * The one error handler (GUIDE: errors). 4xx carry a safe code and message; anything unexpected is logged with its
 * detail and answered with "Internal error" plus the request id, so no stack, SQL or driver text leaves the process.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err instanceof AppError) {
        if (err.headers) reply.headers(err.headers);
        if (err.statusCode >= 500) req.log.warn({ code: err.code }, err.message);
        return sendError(req, reply, {
          status: err.statusCode,
          code: err.code,
          message: err.message,
          details: err.details,
        });
      }
      if (err.validation) {
        return sendError(req, reply, {
          status: 400,
          code: 'VALIDATION_ERROR',
          message: 'Request is invalid',
          details: validationDetails(err),
        });
      }
      const mapped = err.code ? FRAMEWORK_ERRORS[err.code] : undefined;
      if (mapped) return sendError(req, reply, { status: mapped[0], code: mapped[1], message: mapped[2] });
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return sendError(req, reply, { status: err.statusCode, code: 'BAD_REQUEST', message: 'Request is invalid' });
      }
      if (isRace(err)) {
        req.log.warn({ err }, 'concurrent request conflict escaped a route');
        return sendError(req, reply, {
          status: 409,
          code: 'CONFLICT',
          message: 'Conflicts with a concurrent request; retry',
        });
      }
      if (isBadData(err)) {
        req.log.warn({ err }, 'request value rejected by the database');
        return sendError(req, reply, { status: 400, code: 'VALIDATION_ERROR', message: 'Request is invalid' });
      }
      req.log.error({ err }, 'unhandled error');
      captureException(err, { reqId: req.id, route: req.routeOptions.url });
      return sendError(req, reply, { status: 500, code: 'INTERNAL_ERROR', message: 'Internal error' });
    });

    app.setNotFoundHandler((req, reply) => {
      const path = req.url.split('?')[0] ?? '/';
      const allowed = METHODS.filter((m) => m !== req.method && app.findRoute({ method: m, url: path }));
      if (allowed.length > 0) {
        reply.header('allow', allowed.join(', '));
        return sendError(req, reply, {
          status: 405,
          code: 'METHOD_NOT_ALLOWED',
          message: `Method ${req.method} is not allowed here`,
        });
      }
      return sendError(req, reply, { status: 404, code: 'NOT_FOUND', message: 'Route not found' });
    });
  },
  { name: 'errors' },
);
