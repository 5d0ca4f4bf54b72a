import * as z from 'zod/mini';
import { rule, strict } from '../policy/fields';

/** cdb-mysql's own setting: the backup method, and the tables of a logical backup. */

const CDB_METHODS = ['logical', 'physical', 'snapshot'] as const;
const mysqlName = rule(z.string(), (n) =>
  /^[A-Za-z0-9_$-]{1,64}$/.test(n) ? undefined : `\`${n}\` is not a MySQL name`,
);
const cdbShape = strict({
  method: z.enum(CDB_METHODS),
  tables: z.optional(z.array(strict({ db: mysqlName, table: z.optional(mysqlName) })).check(z.minLength(1))),
});
export const cdbOptions = cdbShape.check(
  z.superRefine((o: z.output<typeof cdbShape>, ctx) => {
    // CDB's CreateBackup: BackupDBTableList "can be set only in logical backup".
    if (o.tables && o.method !== 'logical') {
      ctx.addIssue({
        code: 'custom',
        path: ['tables'],
        message: `only allowed with method: logical (not ${o.method})`,
      });
    }
  }),
);
