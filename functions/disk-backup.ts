/** SCF function `disk-backup`: runs the policies of the kinds whose descriptors name it. Wiring only. */
import { createBackupFunction } from '../lib/middleware/backup-function';

export const main_handler = createBackupFunction({ name: 'disk-backup' });
