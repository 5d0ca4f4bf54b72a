export { CHANNEL_TYPES, type ChannelType } from './alerts';
export { parseDuration } from './duration';
export { PolicyError, formatIssues, type PolicyIssue } from './errors';
export { ENV_REF, type Env } from './interpolate';
export { loadPolicyFile, parsePolicyText } from './load';
export { DEFAULT_POLICY_PATH, parsePolicyObject, policyPath, selectPolicies } from './parse';
export {
  BACKUP_KINDS,
  DEFAULT_CATCH_UP_MS,
  DEFAULT_TIME_ZONE,
  type AlertChannel,
  type BackupKind,
  type BackupPolicy,
  type PolicyFile,
  type Retention,
  type Selection,
} from './schema';
