/**
 * Deploy errors. Input errors (serverless.yml, the zip, the environment) are found before any
 * call and exit 2; a conflict with what is already deployed is found by the read-only planning
 * calls, also before any change, and exits 1. Messages name variables, never their values.
 */
export class DeployInputError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeployInputError';
  }
}

export class DeployConflictError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`nothing was changed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeployConflictError';
  }
}

/** A function that did not reach `Active` (failed, or still busy when the wait ran out). */
export class FunctionStateError extends Error {
  constructor(
    readonly functionName: string,
    message: string,
  ) {
    super(`${functionName}: ${message}`);
    this.name = 'FunctionStateError';
  }
}
