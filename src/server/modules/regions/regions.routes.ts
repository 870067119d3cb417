import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineRoute } from '../../platform/http/route.js';
import { regionTree, type RegionNode } from './regions.data.js';

const regionNode: z.ZodType<RegionNode> = z.object({
  code: z.string(),
  name: z.string(),
  get children() {
    return z.array(regionNode).optional();
  },
});

export function registerRegionRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/v1/regions',
    summary: 'Province → city → district tree (GB/T 2260) for address pickers',
    tags: ['config'],
    query: z.strictObject({}),
    response: z.array(regionNode),
    handler: async ({ reply }) => {
      // The divisions change once a year at most, with a release of the package: let browsers keep them a day.
      reply.header('cache-control', 'public, max-age=86400');
      return regionTree();
    },
  });
}
