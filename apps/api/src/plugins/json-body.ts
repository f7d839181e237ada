import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors';

export const BODY_LIMIT = 256 * 1024;

/**
 * JSON bodies: an empty body is `{}` (the existing web client posts empty JSON bodies, api.md §1.1), and
 * `__proto__` / `constructor.prototype` keys are refused by Fastify's secure parser.
 */
export const jsonBodyPlugin = fp(
  async (app: FastifyInstance) => {
    const secureParse = app.getDefaultJsonParser('error', 'error');
    // JSON routes take JSON only: dropping Fastify's text/plain parser turns other types into 415.
    app.removeContentTypeParser(['application/json', 'text/plain']);
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (req, body, done) => {
      const text = body as string;
      if (text.trim() === '') return done(null, {});
      secureParse(req, text, (err, value) => {
        if (err) return done(new AppError(400, 'INVALID_JSON', 'Body is not valid JSON'), undefined);
        done(null, value);
      });
    });
    // A POST sent with no body and no content type is the same request as an empty JSON body.
    app.addHook('preValidation', (req, _reply, done) => {
      if (req.body === undefined && req.method !== 'GET' && req.method !== 'HEAD') req.body = {};
      done();
    });
  },
  { name: 'json-body' },
);
