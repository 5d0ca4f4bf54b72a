/**
 * The error table: the codes of no one kind, then each registered kind's own (its descriptor's
 * `errors`), first match wins. Built on first use: the registry's kind files import CloudError,
 * so the table cannot be read while the modules are still loading.
 */
import { GENERIC_CODE_CLASSES, type ErrorClass } from '../errors/cloud-error';
import { TARGETS } from './registry';
import type { KindErrorCodes } from './types';

type Row = readonly [pattern: string, errorClass: ErrorClass];

const KIND_CLASSES: Record<keyof KindErrorCodes, ErrorClass | undefined> = {
  busy: 'busy',
  notFound: 'notFound',
  transient: 'transient',
  auth: 'auth',
  // A full quota is the engine's decision (prune, then try once more): a permanent code to the rest.
  quota: undefined,
};

export function kindCodeClasses(targets: Iterable<{ errors: KindErrorCodes }>): Row[] {
  const rows: Row[] = [];
  for (const { errors } of targets) {
    for (const [group, codes] of Object.entries(errors) as [keyof KindErrorCodes, readonly string[]][]) {
      const errorClass = KIND_CLASSES[group];
      if (errorClass) for (const code of codes) rows.push([code, errorClass]);
    }
  }
  return rows;
}

let table: readonly Row[] | undefined;

export function errorCodeClasses(): readonly Row[] {
  table ??= [...GENERIC_CODE_CLASSES, ...kindCodeClasses(Object.values(TARGETS))];
  return table;
}
