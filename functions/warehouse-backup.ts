/** SCF function `warehouse-backup`: runs the policies of kind dws-cluster. Wiring only. */
import { createBackupFunction } from '../lib/middleware/backup-function';

export const main_handler = createBackupFunction({ name: 'warehouse-backup', kinds: ['dws-cluster'] });
