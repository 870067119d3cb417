import type { Kefu } from '../platform/context.js';

/** Registers every module's background job handlers; add one line per module. */
export function registerJobHandlers(kefu: Kefu): void {
  void kefu;
}
