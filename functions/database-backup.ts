/** SCF function `database-backup`: runs the policies of kind cdb-mysql and gaussdb-mysql. Wiring only. */
import { createBackupFunction } from '../lib/middleware/backup-function';

export const main_handler = createBackupFunction({
  name: 'database-backup',
  kinds: ['cdb-mysql', 'gaussdb-mysql'],
});
