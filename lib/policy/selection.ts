import { z } from 'zod';
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
  return strict({
    ids: z.array(resourceId).optional(),
    tags: z.record(tagKey, z.string().max(255)).optional(),
    exclude: z.array(resourceId).optional(),
    all: z.boolean().optional(),
  })
    .superRefine((s, ctx) => {
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
    })
    .transform((s) => ({
      ids: s.ids ?? [],
      tags: s.tags ?? {},
      exclude: s.exclude ?? [],
      all: s.all ?? false,
    }));
}

const count = z.int().min(1);

/**
 * Keep the last N and/or delete after an age; `minKeep` backups always survive, so a run of
 * failures never ages out the last good one.
 */
export const retention = strict({
  keepLast: count.optional(),
  maxAge: durationSchema.optional(),
  minKeep: count.default(1),
})
  .superRefine((r, ctx) => {
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
  })
  .transform(({ keepLast, maxAge, minKeep }) => ({
    ...(keepLast === undefined ? {} : { keepLast }),
    ...(maxAge === undefined ? {} : { maxAgeMs: maxAge }),
    minKeep,
  }));
