/**
 * The Huawei half of the simulator: DWS snapshots and GaussDB(for MySQL) backups as REST routes
 * for the core to dispatch to. The core has already checked the signature, `X-Project-Id`, rate
 * limits and faults; these routes only know the two services' state and rules.
 */
import type { HuaweiRouteSpec, HuaweiSimCloud, SimBehaviour, SimClock, SimSeed } from '../types';
import { HuaweiApiError } from '../types';
import { renderCluster, renderSnapshot } from './dws-render';
import { createDwsRoutes } from './dws';
import { createGaussRoutes, renderBackup } from './gaussdb';
import { renderInstance } from './gaussdb-instances';
import type { HuaweiState } from './state';
import { createHuaweiState } from './state';

/** The contract's example project id, used when a seed has no Huawei part at all. */
export const DEFAULT_HUAWEI_PROJECT_ID = '0123456789abcdef0123456789abcdef';

/**
 * A path naming another project than the seeded one. The gateway accepts any project the
 * signature covers; the service then finds nothing of it.
 * UNCONFIRMED: the answer; each service's "not yours" code: 403 DWS.0015, 403 DBS.200010.
 */
function foreignProject(service: string, projectId: string): HuaweiApiError {
  return service === 'dws'
    ? new HuaweiApiError(
        403,
        'DWS.0015',
        `Project ${projectId} does not exist or you have no permission to access it.`,
      )
    : new HuaweiApiError(403, 'DBS.200010', `Not authorized to access project ${projectId}.`);
}

function guardProject(state: HuaweiState, route: HuaweiRouteSpec): HuaweiRouteSpec {
  return {
    ...route,
    handle(request) {
      const projectId = request.params.project_id ?? '';
      if (projectId !== state.projectId) throw foreignProject(route.service, projectId);
      return route.handle(request);
    },
  };
}

export function createHuaweiSimCloud(
  seed: SimSeed['huawei'],
  behaviour: SimBehaviour,
  clock: SimClock,
): HuaweiSimCloud {
  const state = createHuaweiState(seed ?? { projectId: DEFAULT_HUAWEI_PROJECT_ID }, behaviour, clock);
  const routes = [...createDwsRoutes(state), ...createGaussRoutes(state)].map((r) => guardProject(state, r));
  return {
    projectId: state.projectId,
    routes,
    snapshot() {
      const nowMs = clock.now();
      return {
        projectId: state.projectId,
        dws: {
          clusters: state.clusters.map((c) => renderCluster(state, c, nowMs)),
          snapshots: state.snapshots.map((s) => renderSnapshot(state, s, nowMs)),
        },
        gaussdb: {
          instances: state.instances.map(renderInstance),
          backups: state.backups.map((b) => renderBackup(state, b, nowMs)),
        },
      };
    },
  };
}
