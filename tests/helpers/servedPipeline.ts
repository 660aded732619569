import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FIXTURES_DIR } from './catalogue.js';

/**
 * Runs `opendata start --serve --port 0` on a fresh data folder with only
 * VIETTEL's 2023-Q3 indicators as submissions, until `stop`; gives the
 * origin and the demo token of the ready link it prints.
 */
export const startServedPipeline = async (name: string) => {
  const work = mkdtempSync(join(tmpdir(), `opendata-${name}-`));
  const submissions = join(work, 'submissions');
  mkdirSync(join(submissions, 'VIETTEL', '2023-Q3'), { recursive: true });
  cpSync(
    join(FIXTURES_DIR, 'submissions', 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
    join(submissions, 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
  );
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/opendata.ts',
      'start',
      '--serve',
      '--port',
      '0',
      '--fresh',
      '--submissions',
      submissions,
      '--data-dir',
      join(work, 'data'),
    ],
    { env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  /** Waits until the served pipeline prints something matching `pattern`. */
  const waitFor = async (pattern: RegExp, seconds: number) => {
    for (let i = 0; i < seconds * 10; i++) {
      const match = pattern.exec(output);
      if (match) return match;
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`no ${pattern} in:\n${output}`);
  };

  const ready = await waitFor(
    /(http:\/\/127\.0\.0\.1:\d+)\/nop-bao-cao\/#token=([\w-]+)&period=2023-Q3/,
    150,
  );
  return {
    origin: ready[1] ?? '',
    token: ready[2] ?? '',
    link: ready[0],
    output: () => output,
    waitFor,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGINT');
        await exited;
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
};
