import * as z from 'zod/mini';
import { durationSchema } from './duration';
import { rule, strict } from './fields';

/** What a policy backs up (select) and how long it keeps what it made (retention). */

export interface IdShape {
  pattern: RegExp;
  label: string;
}

export const ID_SHAPES = {
  disk: { pattern: /^disk-[a-z0-9]+$/, label: 'a CBS disk id (disk-…)' },
  cdb: { pattern: /^cdb-[a-z0-9]+$/, label: 'a TencentDB for MySQL instance id (cdb-…)' },
  huawei: { pattern: /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, label: 'a Huawei Cloud resource id' },
} as const satisfies Record<string, IdShape>;

const tagKey = rule(z.string(), (key) =>
  key.length >= 1 && key.length <= 127 ? undefined : 'tag keys are 1–127 characters',
);

export function selection(id: IdShape) {
  const resourceId = rule(z.string(), (value) =>
    id.pattern.test(value) ? undefined : `\`${value}\` is not ${id.label}`,
  );
  const shape = strict({
    ids: z.optional(z.array(resourceId)),
    tags: z.optional(z.record(tagKey, z.string().check(z.maxLength(255)))),
    exclude: z.optional(z.array(resourceId)),
    all: z.optional(z.boolean()),
  });
  const checked = shape.check(
    z.superRefine((s: z.output<typeof shape>, ctx) => {
      const hasIds = (s.ids?.length ?? 0) > 0;
      const hasTags = Object.keys(s.tags ?? {}).length > 0;
      if (s.all === true && (hasIds || hasTags)) {
        const message = '`all: true` selects every resource in the regions: drop ids/tags, or drop `all`';
        ctx.addIssue({ code: 'custom', path: ['all'], message });
      } else if (s.all !== true && !hasIds && !hasTags) {
        // Never "everything" by accident: an empty select is a mistake, `all: true` a decision.
        const message = 'selects nothing: give ids, tags (all must match), or `all: true` for every resource';
        ctx.addIssue({ code: 'custom', message });
      }
      s.ids?.forEach((value, i) => {
        if (s.ids!.indexOf(value) !== i)
          ctx.addIssue({ code: 'custom', path: ['ids', i], message: `duplicate id \`${value}\`` });
      });
      s.exclude?.forEach((value, i) => {
        if (s.ids?.includes(value)) {
          ctx.addIssue({
            code: 'custom',
            path: ['exclude', i],
            message: `\`${value}\` is both selected in ids and excluded`,
          });
        }
      });
    }),
  );
  return z.pipe(
    checked,
    z.transform((s: z.output<typeof shape>) => ({
      ids: s.ids ?? [],
      tags: s.tags ?? {},
      exclude: s.exclude ?? [],
      all: s.all ?? false,
    })),
  );
}

const count = z.int().check(z.minimum(1));

/**
 * Keep the last N and/or delete after an age; `minKeep` backups always survive, so a run of
 * failures never ages out the last good one.
 */
const retentionShape = strict({
  keepLast: z.optional(count),
  maxAge: z.optional(durationSchema),
  minKeep: z._default(count, 1),
});

export const retention = z.pipe(
  retentionShape.check(
    z.superRefine((r: z.output<typeof retentionShape>, ctx) => {
      if (r.keepLast === undefined && r.maxAge === undefined) {
        const message = 'needs keepLast, maxAge or both (otherwise backups would pile up forever)';
        ctx.addIssue({ code: 'custom', message });
      }
      // keepLast 0 is already an issue of its own; comparing against it would only add noise.
      if (r.keepLast !== undefined && r.keepLast >= 1 && r.minKeep > r.keepLast) {
        ctx.addIssue({
          code: 'custom',
          path: ['minKeep'],
          message: `must not exceed keepLast (${r.keepLast})`,
        });
      }
    }),
  ),
  z.transform(({ keepLast, maxAge, minKeep }: z.output<typeof retentionShape>) => ({
    ...(keepLast === undefined ? {} : { keepLast }),
    ...(maxAge === undefined ? {} : { maxAgeMs: maxAge }),
    minKeep,
  })),
);
