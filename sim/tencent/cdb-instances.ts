/**
 * CDB 2017-03-20 DescribeDBInstances (the CDB 2017-03-20 API documentation): discovery by id, name and
 * tag. Every documented parameter is accepted; the ones that describe networking, billing or
 * topology the simulator does not model are accepted and ignored.
 */
import { TencentApiError, type TencentActionSpec } from '../types';
import { chinaDateTime } from './format';
import { invalidValue, page, readParams, requireRegion, type Params, type TagPair } from './params';
import type { MysqlRecord, TencentState } from './state';

const PAGING = { defaultLimit: 20, maxLimit: 2000 } as const;
const RUNNING_STATUS = 1;
/** DescribeDBInstancesRequest.InstanceTypes: 1 primary, 2 disaster recovery, 3 read-only (cdb_models.d.ts). */
export const INSTANCE_TYPES = { primary: 1, dr: 2, readonly: 3 } as const;

const PARAMS = {
  ProjectId: 'integer',
  InstanceTypes: 'integerList',
  Vips: 'stringList',
  Status: 'integerList',
  Offset: 'integer',
  Limit: 'integer',
  SecurityGroupId: 'string',
  PayTypes: 'integerList',
  InstanceNames: 'stringList',
  TaskStatus: 'integerList',
  EngineVersions: 'stringList',
  VpcIds: 'integerList',
  ZoneIds: 'integerList',
  SubnetIds: 'integerList',
  CdbErrors: 'integerList',
  OrderBy: 'string',
  OrderDirection: 'string',
  WithSecurityGroup: 'integer',
  WithExCluster: 'integer',
  ExClusterId: 'string',
  InstanceIds: 'stringList',
  InitFlag: 'integer',
  WithDr: 'integer',
  WithRo: 'integer',
  WithMaster: 'integer',
  DeployGroupIds: 'stringList',
  TagKeysForSearch: 'stringList',
  CageIds: 'stringList',
  TagValues: 'stringList',
  UniqueVpcIds: 'stringList',
  UniqSubnetIds: 'stringList',
  Tags: 'tags',
  ProxyVips: 'stringList',
  ProxyIds: 'stringList',
  EngineTypes: 'stringList',
  QueryClusterInfo: 'boolean',
} as const;

const ORDER_KEYS: Readonly<Record<string, (i: MysqlRecord) => string | number>> = {
  instanceId: (i) => i.id,
  instanceName: (i) => i.name,
  createTime: (i) => i.createdMs,
  // Pay-as-you-go instances share one zero deadline; creation order keeps the sort stable.
  deadlineTime: (i) => i.createdMs,
};

/**
 * UNCONFIRMED: tag semantics. TagKeysForSearch matches an instance with any of the keys,
 * TagValues one with any of the values; Tags pairs with the same key are ORed and different
 * keys ANDed (the way CBS documents its filters).
 */
function matchesTags(instance: MysqlRecord, p: Params<typeof PARAMS>): boolean {
  const keys = Object.keys(instance.tags);
  if (p.TagKeysForSearch && !p.TagKeysForSearch.some((k) => keys.includes(k))) return false;
  if (p.TagValues && !p.TagValues.some((v) => Object.values(instance.tags).includes(v))) return false;
  const byKey = new Map<string, string[]>();
  for (const tag of p.Tags ?? ([] as TagPair[]))
    byKey.set(tag.Key, [...(byKey.get(tag.Key) ?? []), tag.Value]);
  for (const [key, values] of byKey) {
    const value = instance.tags[key];
    if (value === undefined || !values.includes(value)) return false;
  }
  return true;
}

function matches(instance: MysqlRecord, region: string, p: Params<typeof PARAMS>): boolean {
  return (
    instance.region === region &&
    (!p.InstanceIds || p.InstanceIds.includes(instance.id)) &&
    (!p.InstanceNames || p.InstanceNames.includes(instance.name)) &&
    (!p.Status || p.Status.includes(RUNNING_STATUS)) &&
    (!p.InstanceTypes || p.InstanceTypes.includes(INSTANCE_TYPES[instance.role])) &&
    (p.ProjectId === undefined || p.ProjectId === 0) &&
    matchesTags(instance, p)
  );
}

export function renderInstance(instance: MysqlRecord): Record<string, unknown> {
  const basic = instance.edition === 'basic';
  return {
    InstanceId: instance.id,
    InstanceName: instance.name,
    Region: instance.region,
    Zone: instance.zone,
    ZoneId: 100003,
    ZoneName: instance.zone,
    Status: RUNNING_STATUS,
    TaskStatus: 0,
    InstanceType: INSTANCE_TYPES[instance.role],
    ProjectId: 0,
    Memory: basic ? 1000 : 4000,
    Volume: 50,
    Cpu: basic ? 1 : 2,
    Qps: basic ? 1200 : 4800,
    // `BASIC` is how DescribeDBInstances names the basic (single-node) edition.
    DeviceType: basic ? 'BASIC' : 'UNIVERSAL',
    DeviceClass: '',
    EngineVersion: '8.0',
    EngineType: 'InnoDB',
    DiskType: 'CLOUD_SSD',
    InstanceNodes: basic ? 1 : 2,
    Vip: '10.0.0.10',
    Vport: 3306,
    VpcId: 0,
    SubnetId: 0,
    UniqVpcId: 'vpc-sim00001',
    UniqSubnetId: 'subnet-sim00001',
    WanStatus: 0,
    WanDomain: '',
    WanPort: 0,
    CreateTime: chinaDateTime(instance.createdMs),
    DeadlineTime: '0000-00-00 00:00:00',
    PayType: 1,
    AutoRenew: 0,
    CdbError: 0,
    InitFlag: 1,
    ProtectMode: 0,
    DeployMode: 0,
    DeployGroupId: '',
    PhysicalId: '',
    MaxDelayTime: 0,
    ExpandCpu: 0,
    DeviceBandwidth: 0,
    DestroyProtect: 'off',
    CpuModel: '',
    DrInfo: [],
    RoGroups: [],
    TagList: Object.entries(instance.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue })),
  };
}

export function describeDbInstancesAction(state: TencentState): TencentActionSpec['handle'] {
  return ({ params, region }) => {
    const p = readParams(params, PARAMS);
    const where = requireRegion(region);
    const orderBy = p.OrderBy ?? 'createTime';
    const key = ORDER_KEYS[orderBy];
    if (!key) throw invalidValue('OrderBy', 'must be instanceId, instanceName, createTime or deadlineTime');
    const direction = p.OrderDirection?.toUpperCase() ?? 'DESC';
    if (direction !== 'ASC' && direction !== 'DESC')
      throw invalidValue('OrderDirection', 'must be ASC or DESC');
    if (p.Tags?.some((t) => t.Key === ''))
      throw new TencentApiError('InvalidParameter', '`Tags.Key` must not be empty.');
    const sign = direction === 'ASC' ? 1 : -1;
    const matching = [...state.instances.values()]
      .filter((i) => matches(i, where, p))
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        return ka < kb ? -sign : ka > kb ? sign : 0;
      });
    const selected = page(matching, p.Offset, p.Limit, PAGING);
    return { TotalCount: matching.length, Items: selected.map(renderInstance) };
  };
}
