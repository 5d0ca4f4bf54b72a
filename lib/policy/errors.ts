/**
 * A policy file that cannot be used. It is always bad input (exit status 2; nothing is called),
 * and it carries every problem found, not just the first, so one edit-validate round fixes all.
 */
export interface PolicyIssue {
  /** Where, as written in the file: `policies[2].retention.keepLast`, `alerts.ops-wecom.url`,
   * `(root)` for the document as a whole, `(yaml)` for a syntax error, `(file)` when unreadable. */
  path: string;
  /** Why, for a person: `must be at least 1 (policy nightly-disks)`. Never echoes a secret. */
  message: string;
}

export class PolicyError extends Error {
  override name = 'PolicyError';

  constructor(
    /** The file (or other source) the issues are in; it prefixes every line of the message. */
    readonly source: string,
    readonly issues: readonly PolicyIssue[],
    options?: ErrorOptions,
  ) {
    super(formatIssues(source, issues), options);
  }
}

/** One line per issue: `policies/prod.yaml: policies[2].retention.keepLast: must be at least 1`. */
export function formatIssues(source: string, issues: readonly PolicyIssue[]): string {
  return issues.map((issue) => `${source}: ${issue.path}: ${issue.message}`).join('\n');
}

/** `['policies', 2, 'select', 'tags', 'team.name']` → `policies[2].select.tags["team.name"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_][\w-]*$/.test(String(part))) out += out === '' ? String(part) : `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** The run asked for policies the file does not have, or has disabled: the caller's mistake. */
export class PolicySelectionError extends PolicyError {
  override name = 'PolicySelectionError';

  constructor(issues: readonly PolicyIssue[]) {
    super('policy selection', issues);
  }
}
