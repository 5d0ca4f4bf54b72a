/**
 * Clients with default call options: a scope (one policy's run) hands its cancel signal to every
 * call made through its clients, so callers above the clients — the engine, the targets — never
 * know either client's call signature.
 */
import type { CloudClients, CloudClientSet } from '../targets/types';
import type { CallOptions, HuaweiCaller, TencentCaller } from './types';

function scope(clients: CloudClientSet, defaults: CallOptions): CloudClientSet {
  return {
    ...clients,
    tencent: () => {
      const inner = clients.tencent();
      return {
        call: (service, version, action, region, params, options) =>
          inner.call(service, version, action, region, params, { ...defaults, ...options }),
      } as TencentCaller;
    },
    huawei: () => {
      const inner = clients.huawei();
      return { call: (request, options) => inner.call(request, { ...defaults, ...options }) } as HuaweiCaller;
    },
  };
}

/** The clients, able to give scoped copies of themselves (`withDefaults({ signal })`). */
export function scopableClients(clients: CloudClientSet): CloudClients {
  return { ...clients, withDefaults: (defaults) => scopableClients(scope(clients, defaults)) };
}
