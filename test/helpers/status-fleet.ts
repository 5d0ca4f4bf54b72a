/**
 * A fleet in every state a status page must show, for the browser test and docs/status.png:
 * 2,000 disks (mostly fresh with the odd missed slot, some stale, some never backed up) and 40
 * MySQL instances (some whose latest backup failed, some still running). Deterministic.
 */
import { resolve } from 'node:path';
import { backupName } from '../../lib/engine/naming';
import type { SimSeed } from '../../sim';

export const FLEET_POLICY = resolve(__dirname, '../fixtures/policies/status-fleet.yaml');
/** Just after the disks' 02:00 (Asia/Shanghai) slot of 2026-11-25 and the MySQL 03:00 one. */
export const FLEET_NOW = '2026-11-24T19:30:00Z';
const DAY_MS = 86_400_000;
const DISK_SLOT = Date.parse('2026-11-24T18:00:00Z');
const MYSQL_SLOT = Date.parse('2026-11-24T19:00:00Z');
export const FLEET_DISKS = 2000;
const STALE_FROM = 1940; // 30 stale: their newest backup is 4 days old
const NEVER_FROM = 1970; // 30 never backed up

export function fleetSeed(): SimSeed {
  const disks = Array.from({ length: FLEET_DISKS }, (_, i) => ({
    id: `disk-${String(i).padStart(8, '0')}`,
    region: 'ap-guangzhou',
    tags: { backup: 'fleet' },
  }));
  const diskBackups: NonNullable<NonNullable<SimSeed['tencent']>['diskBackups']> = [];
  disks.forEach((disk, i) => {
    if (i >= NEVER_FROM) return;
    for (let day = i >= STALE_FROM ? 4 : 0; day < 14; day += 1) {
      if ((i * 7 + day * 13) % 101 === 0) continue; // the odd missed slot
      const slot = new Date(DISK_SLOT - day * DAY_MS);
      diskBackups.push({
        diskId: disk.id,
        name: backupName('fleet-disks', slot, disk.id),
        createTime: slot.toISOString(),
        state: 'NORMAL',
      });
    }
  });
  const mysql = Array.from({ length: 40 }, (_, i) => ({
    id: `cdb-${String(i).padStart(8, '0')}`,
    region: 'ap-guangzhou',
    tags: { backup: 'fleet' },
  }));
  const mysqlBackups: NonNullable<NonNullable<SimSeed['tencent']>['mysqlBackups']> = [];
  mysql.forEach((instance, i) => {
    for (let day = 0; day < 14; day += 1) {
      const slot = new Date(MYSQL_SLOT - day * DAY_MS);
      // The latest backup failed for four instances, is still running for three; one failed last week.
      const status =
        day === 0 && i < 4
          ? 'FAILED'
          : day === 0 && i < 7
            ? 'RUNNING'
            : i === 10 && day === 6
              ? 'FAILED'
              : 'SUCCESS';
      mysqlBackups.push({
        instanceId: instance.id,
        name: backupName('fleet-mysql', slot, instance.id),
        date: slot.toISOString(),
        status,
      });
    }
  });
  return { tencent: { disks, diskBackups, mysql, mysqlBackups } };
}
