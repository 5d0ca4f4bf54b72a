/**
 * One interface for every backup kind. A target knows its cloud API and nothing else: the engine
 * decides what to create, skip and prune; the target only discovers, lists, creates and deletes.
 */
import type { ZodMiniType } from 'zod/mini';
import type { Cloud } from '../errors/cloud-error';
import type { CallOptions, HuaweiCaller, TencentCaller } from '../cloud/types';
import type { TargetReport } from '../engine/types';
import type { KindOptions, PolicyBase } from '../policy/kind-fields';

/** Built lazily: a policy file with only Tencent kinds never asks for Huawei credentials. */
export interface CloudClientSet {
  tencent(): TencentCaller;
  huawei(): HuaweiCaller;
  /** HUAWEICLOUD_SDK_PROJECT_ID, used for a one-region Huawei policy that names no project id. */
  huaweiProjectId?: string;
  /** IAM project-id discovery for a region, once per region per invocation (cloud/huawei-projects.ts). */
  discoverHuaweiProject?: (region: string) => Promise<string>;
}

export interface CloudClients extends CloudClientSet {
  /** The same clients, every call given these options unless it sets its own (lib/cloud/scoped-clients.ts). */
  withDefaults(defaults: CallOptions): CloudClients;
}

export interface Resource {
  id: string;
  region: string;
  name?: string;
  tags: Record<string, string>;
  /** How many backups the cloud lets this resource keep, where it says (CBS `DiskBackupQuota`). */
  backupQuota?: number;
  /** Found (named by id) but not something this kind can back up: reported failed with this. */
  refusal?: { reason: string; code: string };
}

/** The cloud's own states folded into the four the engine reasons about. */
export type BackupState = 'creating' | 'available' | 'failed' | 'other';

export interface Backup {
  id: string;
  name: string;
  resourceId: string;
  state: BackupState;
  /** The cloud's state word, for reasons in the report. */
  cloudState: string;
  /** Made by hand or by an API call, as opposed to the cloud's automatic backups. */
  manual: boolean;
}

export interface CreatedBackup {
  backupId: string;
  requestId?: string;
}

/** What a target needs to know of the backup names it will be given. */
export interface NameRule {
  maxLength: number;
  pattern: RegExp;
}

/** Least privilege: the actions a target calls, as each cloud's IAM names them. */
export interface Permissions {
  tencentCam?: string[];
  huaweiIam?: string[];
}

/** One API a kind calls: its documented rate (calls per second) and the IAM action it needs. */
export interface ApiCall {
  perSecond: number;
  /** As the kind's cloud names it: CAM `cvm:CreateDiskBackup`, IAM `dws:openAPISnapshot:create`. */
  action: string;
}

/**
 * The cloud's error codes that mean something about this kind's resources (exact codes, or
 * prefixes: `X` covers `X.Y`). The error table is derived from every kind's (lib/targets/error-codes.ts);
 * busy, notFound and quota are required, so a kind that forgot them fails to compile and its
 * codes are never classified as permanent by omission ([] where the API documents none).
 */
export interface KindErrorCodes {
  /** The resource is doing something else (another backup): retried later in the run. */
  busy: readonly string[];
  notFound: readonly string[];
  /**
   * The create API's refusals because the resource's backup quota is full: the engine then
   * prunes what retention already allows and tries once more.
   */
  quota: readonly string[];
  transient?: readonly string[];
  auth?: readonly string[];
}

/** What the kind's file declares (see docs/development.md, "Adding a backup kind"). */
export interface KindDeclaration<P extends PolicyBase> {
  kind: P['kind'];
  cloud: Cloud;
  /** The SCF function whose runs include this kind (`disk-backup`): one bundle per function. */
  function: string;
  /** The kind's own policy keys, beside name/schedule/timezone/catchUp/alerts (lib/policy/kind-fields.ts). */
  options: KindOptions;
  /** Every API the kind calls, `<service>.<Action>` → rate and IAM action (the rate table and cam-policy read these). */
  calls: Readonly<Record<string, ApiCall>>;
  /** The fields of its read APIs' answers the kind reads (lib/targets/<kind>-fields.ts): `doctor` checks real answers. */
  responseFields: Readonly<Record<string, ZodMiniType>>;
  /** Actions granted beyond the kind's own calls (Huawei IAM project discovery, a shared call). */
  grants?: readonly string[];
  errors: KindErrorCodes;
  /** CAM's region condition key for the kind's mutating actions, where its service has one (`cvm:region`). */
  camRegionKey?: string;
  /** The regions the official SDK lists for the kind's service (lib/cloud/regions.ts). */
  knownRegions: readonly string[];
  /**
   * Option keys besides `regions` whose value is a list of regions the kind writes to (copies'
   * destinations): checked against knownRegions like `regions`, and in cam-policy's region condition.
   */
  regionOptions?: readonly string[];
  /** How the doctor could check the grant of each of the kind's write calls without side effects. */
  writeChecks?: Readonly<Record<string, WriteCheck>>;
}

/** Whether a write call with a made-up id would tell "no permission" from "not found". */
export interface WriteCheck {
  /** A call with a made-up id changes nothing: the refusal code tells the grant. */
  checkable: boolean;
  how: string;
}

/** Derived from `calls` by defineKind: the API keys in declaration order, and the actions. */
interface TargetBase<P extends PolicyBase> extends KindDeclaration<P> {
  permissions: Permissions;
  apis: string[];
}

export interface BackupTarget<P extends PolicyBase = PolicyBase> extends TargetBase<P> {
  mode: 'backup';
  nameRule: NameRule;
  /**
   * How long one of our backups may stay in its in-progress state before it is reported stuck.
   * No API documents a maximum: each kind's bound is our choice, generous for large resources.
   */
  stuckAfterMs: number;
  /** The highest backup quota the cloud lets any one resource have, where it has one. */
  maxQuota?: number;
  /** Resources per listBackups call: what one listing call of the API can cover. */
  listBatchSize: number;
  /** Resources of the policy's selection in one region; ids that do not exist are simply absent. */
  discover(policy: P, region: string, clients: CloudClientSet): Promise<Resource[]>;
  /** Every backup of each resource (ours and others'), by resource id; a resource with none may be absent. */
  listBackups(
    policy: P,
    region: string,
    resources: Resource[],
    clients: CloudClientSet,
  ): Promise<Map<string, Backup[]>>;
  createBackup(policy: P, resource: Resource, name: string, clients: CloudClientSet): Promise<CreatedBackup>;
  deleteBackup(
    policy: P,
    resource: Resource,
    backup: Backup,
    clients: CloudClientSet,
  ): Promise<{ requestId?: string }>;
  /**
   * Optional work on a resource's own backups once its create and prunes are done (copies to
   * other regions), reported like them. On a dry run it only says what it would do.
   */
  followUp?(
    policy: P,
    resource: Resource,
    clients: CloudClientSet,
    options: FollowUpOptions,
  ): Promise<TargetReport[]>;
}

export interface FollowUpOptions {
  dryRun: boolean;
  /** The instant the run plans for (retention's "now"). */
  now: Date;
}

/** The state an "ensure" target finds a desired item in, and what it decides about it. */
export interface EnsureCheck {
  resourceId: string;
  region: string;
  decision: 'create' | 'present' | 'drift' | 'unavailable';
  reason?: string;
}

export interface EnsureTarget<P extends PolicyBase = PolicyBase> extends TargetBase<P> {
  mode: 'ensure';
  check(policy: P, clients: CloudClientSet): Promise<EnsureCheck[]>;
  create(policy: P, resourceId: string, clients: CloudClientSet): Promise<{ requestId?: string }>;
}

export type Target = BackupTarget | EnsureTarget;

/** The kinds a run can use, by name: the registry (lib/targets/registry.ts), or a test's fake. */
export type Registry = Readonly<Record<string, Target>>;
