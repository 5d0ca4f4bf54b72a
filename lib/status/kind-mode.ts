/** Whether a kind ensures things (TKE repositories) rather than backing them up: no freshness, no slots. */
import { TARGETS, type BackupKind } from '../targets/registry';

export function ensures(kind: string): boolean {
  return TARGETS[kind as BackupKind]?.mode === 'ensure';
}
