import type { FastifyInstance } from 'fastify';

/**
 * Registers every module's routes. Each module exports `register<Name>Routes(app)`;
 * add it here (one line) — this is the only place the app learns about modules.
 */
export async function registerModules(app: FastifyInstance): Promise<void> {
  void app;
}
