import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What one run of the CLI gave: its exit code and output. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `opendata <args>` as users do (through tsx), giving its exit code rather than throwing on a non-zero one. */
export const opendata = async (
  args: readonly string[],
  options: { readonly timeout?: number; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> => {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', 'cli/opendata.ts', ...args],
      {
        timeout: options.timeout ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        ...(options.env && { env: options.env }),
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};
