import type { Kefu } from '../../platform/context.js';
import { ChannelRegistry } from './channel-adapter.js';
import { createTestAdapter } from './test-adapter.js';

const registries = new WeakMap<Kefu, ChannelRegistry>();

/** The adapters of this Kefu instance, built from its configuration on first use. */
export function channelRegistry(kefu: Kefu): ChannelRegistry {
  let registry = registries.get(kefu);
  if (!registry) {
    registry = new ChannelRegistry();
    const c = kefu.config;
    if (c.channelTestSecret) registry.register(createTestAdapter({ secret: c.channelTestSecret, outboundUrl: c.channelTestOutboundUrl }));
    registries.set(kefu, registry);
  }
  return registry;
}
