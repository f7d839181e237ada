import type { FastifyInstance, RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Every route as registered (the same objects later onRoute hooks amend), so tests and docs can check that each
     * one declares its auth level, group and schemas in one place.
     */
    routeCatalog: readonly RouteOptions[];
  }
}

export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteOptions[] = [];
  app.decorate('routeCatalog', routes);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
}
