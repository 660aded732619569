import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/catalogue.js';

let dir: string;
let child: ChildProcess;
let port: number;
let exited: Promise<number | null>;

/** A raw GET, so the path reaches the server exactly as written. */
const get = (path: string): Promise<number> =>
  new Promise((done, fail) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    })
      .on('error', fail)
      .end();
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opendata-serve-'));
  const submissions = join(dir, 'submissions', 'VIETTEL', '2023-Q3');
  mkdirSync(submissions, { recursive: true });
  copyFileSync(
    join(FIXTURES_DIR, 'submissions', 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
    join(submissions, 'chi-tieu-cds.csv'),
  );
  child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/opendata.ts',
      'start',
      '--submissions',
      join(dir, 'submissions'),
      '--data-dir',
      join(dir, 'data'),
      '--serve',
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  exited = new Promise((done) => child.once('exit', (code) => done(code)));
  port = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const serving = /serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (serving) done(Number(serving[1]));
    });
    child.once('exit', (code) => fail(new Error(`start exited ${code}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('opendata start --serve', () => {
  it('answers /%E0 with 400, keeps serving, and stops on Ctrl-C', async () => {
    const bad = await get('/%E0');
    const index = await get('/');
    const dataset = await get('/datasets/chi-tieu-cds/index.html');

    child.kill('SIGINT');

    expect(bad).toBe(400);
    expect(index).toBe(200);
    expect(dataset).toBe(200);
    expect(await exited).toBe(0);
  });
});
