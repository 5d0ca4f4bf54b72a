/**
 * The regions each service is offered in, and the host that serves each one, transcribed from the
 * official SDKs. A region outside these lists is refused by `validate` unless a policy allows it
 * explicitly (`allowRegions`: a region opened after these tables were copied).
 */

/**
 * Tencent Cloud API regions: tencentcloud-sdk-go `tencentcloud/common/regions/regions.go`
 * (commit c522e3f80a1a2b0e1f07dd1bfaeff9b29f7cdde0), plus `ap-beijing-fsi` from the TencentDB
 * regions page (https://tencentcloud.com/zh/document/product/239/4106, 华北地区(北京金融)).
 */
export const TENCENT_REGIONS: readonly string[] = [
  'ap-bangkok',
  'ap-beijing',
  'ap-beijing-fsi',
  'ap-chengdu',
  'ap-chongqing',
  'ap-guangzhou',
  'ap-guangzhou-open',
  'ap-hongkong',
  'ap-jakarta',
  'ap-mumbai',
  'ap-nanjing',
  'ap-seoul',
  'ap-shanghai',
  'ap-shanghai-fsi',
  'ap-shenzhen-fsi',
  'ap-singapore',
  'ap-tokyo',
  'eu-frankfurt',
  'eu-moscow',
  'na-ashburn',
  'na-siliconvalley',
  'na-toronto',
  'sa-saopaulo',
];

/**
 * Finance regions are isolated: only their regional host serves them ("Request Structure":
 * the nearest-region host is "only for non-financial availability zones").
 */
export function isTencentFinanceRegion(region: string): boolean {
  return region.endsWith('-fsi');
}

/**
 * `<service>.tencentcloudapi.com` (resolved to the nearest region), or the regional
 * `<service>.<region>.tencentcloudapi.com`: always for a finance region, for every region when
 * `regional` is set, never for a global API (no region).
 */
export function tencentHost(service: string, region: string | undefined, regional = false): string {
  if (region && (regional || isTencentFinanceRegion(region)))
    return `${service}.${region}.tencentcloudapi.com`;
  return `${service}.tencentcloudapi.com`;
}

/**
 * Huawei hosts by service and region, from huaweicloud-sdk-go-v3 (commit
 * 1cd70eb6f730ea721771a6ec8d96352bbb801787) `services/<service>/<version>/region/region.go`;
 * IAM's from `core/auth/internal/iam_endpoint.go` (the table the SDK's project-id discovery
 * uses). Not all are `<service>.<region>.myhuaweicloud.com`: DWS has `.eu` and `.cn` hosts,
 * GaussDB(for MySQL) `gaussdbformysql.` and `gaussdb-mysql.` ones.
 */
const HUAWEI_HOSTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // services/dws/v2/region/region.go
  dws: {
    'eu-west-101': 'dws.eu-west-101.myhuaweicloud.eu',
    'cn-north-9': 'dws.cn-north-9.myhuaweicloud.com',
    'cn-east-3': 'dws.cn-east-3.myhuaweicloud.com',
    'cn-east-2': 'dws.cn-east-2.myhuaweicloud.com',
    'cn-north-1': 'dws.cn-north-1.myhuaweicloud.com',
    'cn-north-4': 'dws.cn-north-4.myhuaweicloud.com',
    'cn-southwest-2': 'dws.cn-southwest-2.myhuaweicloud.com',
    'cn-north-2': 'dws.cn-north-2.myhuaweicloud.com',
    'cn-south-1': 'dws.cn-south-1.myhuaweicloud.com',
    'cn-south-4': 'dws.cn-south-4.myhuaweicloud.cn',
    'cn-north-12': 'dws.cn-north-12.myhuaweicloud.cn',
    'cn-east-4': 'dws.cn-east-4.myhuaweicloud.cn',
    'ap-southeast-1': 'dws.ap-southeast-1.myhuaweicloud.com',
    'ap-southeast-2': 'dws.ap-southeast-2.myhuaweicloud.com',
    'ap-southeast-3': 'dws.ap-southeast-3.myhuaweicloud.com',
    'af-south-1': 'dws.af-south-1.myhuaweicloud.com',
    'la-south-2': 'dws.la-south-2.myhuaweicloud.com',
    'sa-brazil-1': 'dws.sa-brazil-1.myhuaweicloud.com',
    'na-mexico-1': 'dws.na-mexico-1.myhuaweicloud.com',
    'la-north-2': 'dws.la-north-2.myhuaweicloud.com',
    'tr-west-1': 'dws.tr-west-1.myhuaweicloud.cn',
    'ap-southeast-4': 'dws.ap-southeast-4.myhuaweicloud.cn',
    'cn-east-5': 'dws.cn-east-5.myhuaweicloud.com',
    'af-north-1': 'dws.af-north-1.myhuaweicloud.com',
    'ru-moscow-1': 'dws.ru-moscow-1.myhuaweicloud.com',
    'ae-ad-1': 'dws.ae-ad-1.myhuaweicloud.com',
    'my-kualalumpur-1': 'dws.my-kualalumpur-1.myhuaweicloud.com',
    'cn-north-11': 'dws.cn-north-11.myhuaweicloud.com',
    'cn-southwest-3': 'dws.cn-southwest-3.myhuaweicloud.com',
    'ap-southeast-5': 'dws.ap-southeast-5.myhuaweicloud.com',
    'me-east-1': 'dws.me-east-1.myhuaweicloud.com',
  },
  // services/gaussdb/v3/region/region.go
  gaussdb: {
    'cn-north-4': 'gaussdb.cn-north-4.myhuaweicloud.com',
    'cn-southwest-2': 'gaussdb.cn-southwest-2.myhuaweicloud.com',
    'cn-east-3': 'gaussdb.cn-east-3.myhuaweicloud.com',
    'cn-south-1': 'gaussdb.cn-south-1.myhuaweicloud.com',
    'ru-northwest-2': 'gaussdb.ru-northwest-2.myhuaweicloud.com',
    'ap-southeast-3': 'gaussdb.ap-southeast-3.myhuaweicloud.com',
    'cn-north-2': 'gaussdb.cn-north-2.myhuaweicloud.com',
    'cn-north-9': 'gaussdb.cn-north-9.myhuaweicloud.com',
    'tr-west-1': 'gaussdbformysql.tr-west-1.myhuaweicloud.com',
    'ap-southeast-4': 'gaussdb.ap-southeast-4.myhuaweicloud.com',
    'sa-brazil-1': 'gaussdb.sa-brazil-1.myhuaweicloud.com',
    'ap-southeast-1': 'gaussdbformysql.ap-southeast-1.myhuaweicloud.com',
    'ap-southeast-2': 'gaussdbformysql.ap-southeast-2.myhuaweicloud.com',
    'af-south-1': 'gaussdb-mysql.af-south-1.myhuaweicloud.com',
    'cn-south-4': 'gaussdb.cn-south-4.myhuaweicloud.com',
    'cn-north-11': 'gaussdbformysql.cn-north-11.myhuaweicloud.com',
    'cn-east-5': 'gaussdb-mysql.cn-east-5.myhuaweicloud.com',
    'la-north-2': 'gaussdb-mysql.la-north-2.myhuaweicloud.com',
    'me-east-1': 'gaussdbformysql.me-east-1.myhuaweicloud.com',
  },
  // core/auth/internal/iam_endpoint.go
  iam: {
    'cn-north-2': 'iam.cn-north-2.myhuaweicloud.com',
    'cn-north-4': 'iam.cn-north-4.myhuaweicloud.com',
    'cn-north-1': 'iam.cn-north-1.myhuaweicloud.com',
    'cn-east-2': 'iam.cn-east-2.myhuaweicloud.com',
    'cn-east-3': 'iam.cn-east-3.myhuaweicloud.com',
    'cn-south-1': 'iam.cn-south-1.myhuaweicloud.com',
    'cn-south-2': 'iam.cn-south-2.myhuaweicloud.com',
    'cn-southwest-2': 'iam.cn-southwest-2.myhuaweicloud.com',
    'ap-southeast-1': 'iam.ap-southeast-1.myhuaweicloud.com',
    'ap-southeast-2': 'iam.ap-southeast-2.myhuaweicloud.com',
    'ap-southeast-3': 'iam.ap-southeast-3.myhuaweicloud.com',
    'af-south-1': 'iam.af-south-1.myhuaweicloud.com',
    'sa-brazil-1': 'iam.sa-brazil-1.myhuaweicloud.com',
    'la-south-2': 'iam.la-south-2.myhuaweicloud.com',
    'na-mexico-1': 'iam.na-mexico-1.myhuaweicloud.com',
    'la-north-2': 'iam.la-north-2.myhuaweicloud.com',
    'cn-north-9': 'iam.cn-north-9.myhuaweicloud.com',
    'eu-west-0': 'iam.eu-west-0.myhuaweicloud.com',
    'my-kualalumpur-1': 'iam.my-kualalumpur-1.myhuaweicloud.com',
    'ru-moscow-1': 'iam.ru-moscow-1.myhuaweicloud.com',
    'me-east-1': 'iam.me-east-1.myhuaweicloud.com',
    'ap-southeast-4': 'iam.ap-southeast-4.myhuaweicloud.com',
    'ae-ad-1': 'iam.ae-ad-1.myhuaweicloud.com',
    'cn-east-4': 'iam.cn-east-4.myhuaweicloud.com',
    'cn-east-5': 'iam.cn-east-5.myhuaweicloud.com',
    'tr-west-1': 'iam.tr-west-1.myhuaweicloud.com',
    'cn-north-12': 'iam.cn-north-12.myhuaweicloud.com',
  },
};

/** iam_helper.go `DefaultIamEndpoint`: the global IAM host, for a region missing from its table. */
const HUAWEI_GLOBAL_IAM_HOST = 'iam.myhuaweicloud.com';

/** The regions the official SDK serves `service` in (`dws`, `gaussdb`). */
export function huaweiRegions(service: string): readonly string[] {
  return Object.keys(HUAWEI_HOSTS[service] ?? {});
}

/**
 * The SDK's host for `service` in `region`; a region the table lacks (allowed explicitly by a
 * policy) gets the common `<service>.<region>.myhuaweicloud.com` form, IAM the global host.
 */
export function huaweiHost(service: string, region: string): string {
  const known = HUAWEI_HOSTS[service]?.[region];
  if (known) return known;
  return service === 'iam' ? HUAWEI_GLOBAL_IAM_HOST : `${service}.${region}.myhuaweicloud.com`;
}

/** Every region any table names, for did-you-mean across services. */
export function allHuaweiRegions(): string[] {
  return [...new Set(Object.values(HUAWEI_HOSTS).flatMap((table) => Object.keys(table)))].sort();
}
