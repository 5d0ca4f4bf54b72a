/** SCF function `disk-backup`: runs the policies of kind cbs-disk. Wiring only. */
import { createBackupFunction } from '../lib/middleware/backup-function';

export const main_handler = createBackupFunction({ name: 'disk-backup', kinds: ['cbs-disk'] });
