export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: a person is watching, so a progress bar helps. */
  isTty: boolean;
  /** stdout is a terminal: colour is welcome (unless NO_COLOR). Absent means no. */
  stdoutIsTty?: boolean;
  /** How long a run may be silent before progress lines go to stderr (when stderr is no terminal). */
  progressEveryMs?: number;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTty: Boolean(process.stderr.isTTY),
  stdoutIsTty: Boolean(process.stdout.isTTY),
};

/** Exit statuses of the contract: 0 all done, 1 a target failed, 2 bad input and nothing changed. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;
