/**
 * The Huawei half of the simulator: DWS snapshots and GaussDB(for MySQL) backups as REST routes
 * for the core to dispatch to, one project (state) per region, and IAM's project listing. The core
 * has already checked the signature, `X-Project-Id`, rate limits and faults; these routes know the
 * services' state and rules, and which project belongs to which region.
 */
import { huaweiRegions } from '../../lib/cloud/regions';
import type { HuaweiRouteSpec, HuaweiSimCloud, SimBehaviour, SimClock, SimSeed } from '../types';
import { HuaweiApiError } from '../types';
import { renderCluster, renderSnapshot } from './dws-render';
import { createDwsRoutes } from './dws';
import { createGaussRoutes, renderBackup } from './gaussdb';
import { renderInstance } from './gaussdb-instances';
import { createIamRoute, seedProjects, unknownRegion, wrongProject } from './projects';
import type { HuaweiState } from './state';
import { createHuaweiState } from './state';

export { DEFAULT_HUAWEI_PROJECT_ID } from './projects';

/**
 * A path naming a project no region has, reached without a regional host name (a direct test
 * request to 127.0.0.1). UNCONFIRMED: each service's "not yours" code: 403 DWS.0015, 403 DBS.200010.
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

function regionSeed(seed: SimSeed['huawei'], region: string, projectId: string) {
  const inRegion = <T extends { region: string }>(list: T[] | undefined) =>
    (list ?? []).filter((r) => r.region === region);
  const clusters = inRegion(seed?.dwsClusters);
  const instances = inRegion(seed?.gaussdbInstances);
  return {
    projectId,
    region,
    dwsClusters: clusters,
    gaussdbInstances: instances,
    dwsSnapshots: (seed?.dwsSnapshots ?? []).filter((s) => clusters.some((c) => c.id === s.clusterId)),
    gaussdbBackups: (seed?.gaussdbBackups ?? []).filter((b) => instances.some((g) => g.id === b.instanceId)),
  };
}

/** Backups of resources the seed does not have: refused whole, before the seed is split by region. */
function checkOrphans(seed: SimSeed['huawei']): void {
  for (const s of seed?.dwsSnapshots ?? []) {
    if (!seed?.dwsClusters?.some((c) => c.id === s.clusterId))
      throw new Error(`huawei seed: DWS snapshot "${s.name}" names unknown cluster "${s.clusterId}"`);
  }
  for (const b of seed?.gaussdbBackups ?? []) {
    if (!seed?.gaussdbInstances?.some((g) => g.id === b.instanceId))
      throw new Error(`huawei seed: GaussDB backup "${b.name}" names unknown instance "${b.instanceId}"`);
  }
}

export function createHuaweiSimCloud(
  seed: SimSeed['huawei'],
  behaviour: SimBehaviour,
  clock: SimClock,
): HuaweiSimCloud {
  checkOrphans(seed);
  const projects = seedProjects(seed);
  const states = new Map<string, HuaweiState>(
    Object.entries(projects).map(([region, id]) => [
      region,
      createHuaweiState(regionSeed(seed, region, id), behaviour, clock),
    ]),
  );
  const byProject = new Map([...states.values()].map((s) => [s.projectId, s]));
  // The service routes are written against one state; each request runs them on its region's.
  // Handlers are synchronous, so swapping the state under the view cannot interleave.
  let current = [...states.values()][0] as HuaweiState;
  const view = new Proxy({} as HuaweiState, {
    get: (_target, key) => current[key as keyof HuaweiState],
    set: (_target, key, value) => Reflect.set(current, key, value),
  });
  const scoped = (route: HuaweiRouteSpec): HuaweiRouteSpec => ({
    ...route,
    handle(request) {
      const projectId = request.params.project_id ?? '';
      const region = request.region ?? byProject.get(projectId)?.region;
      if (region === undefined) throw foreignProject(route.service, projectId);
      const state = states.get(region);
      if (!state && !huaweiRegions(route.service).includes(region))
        throw unknownRegion(route.service, region);
      if (!state || state.projectId !== projectId) throw wrongProject(projectId, region);
      current = state;
      return route.handle(request);
    },
  });
  const routes = [...createDwsRoutes(view), ...createGaussRoutes(view)].map(scoped);
  const all = [...states.values()];
  const first = all[0] as HuaweiState;
  return {
    projectId: first.projectId,
    projects,
    routes: [...routes, createIamRoute(projects)],
    snapshot() {
      const nowMs = clock.now();
      return {
        projectId: first.projectId,
        projects,
        dws: {
          clusters: all.flatMap((s) => s.clusters.map((c) => renderCluster(s, c, nowMs))),
          snapshots: all.flatMap((s) => s.snapshots.map((x) => renderSnapshot(s, x, nowMs))),
        },
        gaussdb: {
          instances: all.flatMap((s) => s.instances.map(renderInstance)),
          backups: all.flatMap((s) => s.backups.map((b) => renderBackup(s, b, nowMs))),
        },
      };
    },
  };
}
