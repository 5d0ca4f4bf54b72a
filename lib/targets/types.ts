/**
 * One interface for every backup kind. A target knows its cloud API and nothing else: the engine
 * decides what to create, skip and prune; the target only discovers, lists, creates and deletes.
 */
import type { Cloud } from '../cloud/errors';
import type { HuaweiCaller, TencentCaller } from '../cloud/types';
import type { BackupKind, BackupPolicy } from '../policy/schema';

/** Built lazily: a policy file with only Tencent kinds never asks for Huawei credentials. */
export interface CloudClients {
  tencent(): TencentCaller;
  huawei(): HuaweiCaller;
  /** HUAWEICLOUD_SDK_PROJECT_ID, used for a one-region Huawei policy that names no project id. */
  huaweiProjectId?: string;
  /** IAM project-id discovery for a region, once per region per invocation (cloud/huawei-projects.ts). */
  discoverHuaweiProject?: (region: string) => Promise<string>;
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

interface TargetBase<P extends BackupPolicy> {
  kind: P['kind'];
  cloud: Cloud;
  permissions: Permissions;
  /** Rate-table keys of the APIs this target calls (`cbs.CreateDiskBackup`…). */
  apis: string[];
  /** The regions the official SDK lists for the kind's service (lib/cloud/regions.ts). */
  knownRegions: readonly string[];
}

export interface BackupTarget<P extends BackupPolicy = BackupPolicy> extends TargetBase<P> {
  mode: 'backup';
  nameRule: NameRule;
  /**
   * How long one of our backups may stay in its in-progress state before it is reported stuck.
   * No API documents a maximum: each kind's bound is our choice, generous for large resources.
   */
  stuckAfterMs: number;
  /**
   * The codes with which the create API refuses a backup because the resource's backup quota is
   * full: the engine then prunes what retention already allows and tries once more.
   */
  quotaCodes: readonly string[];
  /** The highest backup quota the cloud lets any one resource have, where it has one. */
  maxQuota?: number;
  /** Resources per listBackups call: what one listing call of the API can cover. */
  listBatchSize: number;
  /** Resources of the policy's selection in one region; ids that do not exist are simply absent. */
  discover(policy: P, region: string, clients: CloudClients): Promise<Resource[]>;
  /** Every backup of each resource (ours and others'), by resource id; a resource with none may be absent. */
  listBackups(
    policy: P,
    region: string,
    resources: Resource[],
    clients: CloudClients,
  ): Promise<Map<string, Backup[]>>;
  createBackup(policy: P, resource: Resource, name: string, clients: CloudClients): Promise<CreatedBackup>;
  deleteBackup(
    policy: P,
    resource: Resource,
    backup: Backup,
    clients: CloudClients,
  ): Promise<{ requestId?: string }>;
}

/** The state an "ensure" target finds a desired item in, and what it decides about it. */
export interface EnsureCheck {
  resourceId: string;
  region: string;
  decision: 'create' | 'present' | 'drift' | 'unavailable';
  reason?: string;
}

export interface EnsureTarget<P extends BackupPolicy = BackupPolicy> extends TargetBase<P> {
  mode: 'ensure';
  check(policy: P, clients: CloudClients): Promise<EnsureCheck[]>;
  create(policy: P, resourceId: string, clients: CloudClients): Promise<{ requestId?: string }>;
}

export type Target = BackupTarget | EnsureTarget;

export type { BackupKind };
