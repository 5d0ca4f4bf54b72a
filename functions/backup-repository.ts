/** SCF function `backup-repository`: runs the policies of kind tke-repository. Wiring only. */
import { createBackupFunction } from '../lib/middleware/backup-function';

export const main_handler = createBackupFunction({ name: 'backup-repository', kinds: ['tke-repository'] });
