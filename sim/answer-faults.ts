/**
 * The faults that change a successful answer instead of replacing it (`POST /_sim/faults`):
 * `renameField` renames one field of one action's answers, as a cloud whose answer changed shape
 * would; `dateSkewMs` (applied in server.ts) moves the `Date` header, as a server clock that is off.
 */
import type { FaultConfig } from './faults';

/** A successful answer as the `renameField` fault wants it: the field renamed wherever it occurs. */
export function rewriteAnswer<T>(config: FaultConfig, apiKey: string, body: T): T {
  const rename = config.renameField;
  if (!rename || rename.action !== apiKey) return body;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key === rename.from ? rename.to : key, visit(inner)]),
    );
  };
  return visit(body) as T;
}
