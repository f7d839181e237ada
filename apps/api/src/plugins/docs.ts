import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * OpenAPI 3 generated from the route schemas that also validate requests, so the docs cannot drift. Each operation
 * carries its auth level (`x-auth`) and rate-limit group (`x-rate-group`); aliases are marked deprecated.
 */
export const docsPlugin = fp(
  async (app: FastifyInstance, opts: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: { title: 'TX API', version: opts.version, description: 'Trading-intelligence backend' },
        components: {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            basic: { type: 'http', scheme: 'basic' },
          },
        },
      },
      transform: ({ schema, url, route }) => {
        const config = route.config as { auth?: string; group?: string; canonical?: string } | undefined;
        const extra: Record<string, unknown> = { 'x-auth': config?.auth ?? 'public', 'x-rate-group': config?.group };
        if (config?.auth && config.auth !== 'public') extra.security = [{ bearer: [] }];
        if (config?.canonical) extra.deprecated = true;
        return { schema: { ...schema, ...extra } as typeof schema, url };
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });
    app.get(
      '/swagger.json',
      { config: { auth: 'public', group: 'H', canonical: '/docs/json' }, schema: { hide: true } },
      async () => app.swagger(),
    );
  },
  { name: 'docs' },
);
