import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/catalogue.js';

const work = mkdtempSync(join(tmpdir(), 'opendata-serve-'));
const submissions = join(work, 'submissions');
let child: ChildProcess;
let origin = '';
let token = '';
let output = '';

/** Waits until the served pipeline prints something matching `pattern`. */
const waitFor = async (pattern: RegExp, seconds: number) => {
  for (let i = 0; i < seconds * 10; i++) {
    const match = pattern.exec(output);
    if (match) return match;
    await sleep(100);
  }
  throw new Error(`no ${pattern} in:\n${output}`);
};

beforeAll(async () => {
  mkdirSync(join(submissions, 'VIETTEL', '2023-Q3'), { recursive: true });
  cpSync(
    join(FIXTURES_DIR, 'submissions', 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
    join(submissions, 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
  );
  child = spawn(
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
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const ready = await waitFor(
    /(http:\/\/127\.0\.0\.1:\d+)\/nop-bao-cao\/#token=([\w-]+)&period=2023-Q3/,
    150,
  );
  origin = ready[1] ?? '';
  token = ready[2] ?? '';
}, 180_000);

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

const consolidated = async () =>
  (
    await fetch(
      `${origin}/datasets/tong-hop-chi-tieu-cds/tong-hop-chi-tieu-cds.csv`,
    )
  ).text();

describe('opendata start --serve', () => {
  it('prints a ready link for STTTT with the token in the fragment, and serves the site on that origin', async () => {
    const index = await fetch(`${origin}/`);

    expect(output).toContain(
      `Nộp thử với đơn vị STTTT / try submitting as STTTT: ${origin}/nop-bao-cao/#token=`,
    );
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(token).toMatch(/^[\w-]{43}$/);
  });

  it('ingests an upload made through its API, rolls its quarter up and republishes while it runs', async () => {
    const before = await consolidated();
    const auth = { authorization: `Bearer ${token}` };

    const grant = (await (
      await fetch(`${origin}/api/submissions`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ period: '2023-Q3', dataset: 'chi-tieu-cds' }),
      })
    ).json()) as { uploadUrl: string; reportUrl: string; key: string };
    const put = await fetch(grant.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv' },
      body: readFileSync(
        join(
          FIXTURES_DIR,
          'submissions',
          'STTTT',
          '2023-Q3',
          'chi-tieu-cds.csv',
        ),
      ),
    });
    await waitFor(/✓ submissions\/STTTT\/2023-Q3\/chi-tieu-cds\.csv → /, 60);
    const report = (await (
      await fetch(`${origin}/api${grant.reportUrl}`, { headers: auth })
    ).json()) as { status: string; rows: number };
    const after = await consolidated();

    expect(grant.uploadUrl.startsWith(`${origin}/s3/`)).toBe(true);
    expect(put.status).toBe(200);
    expect(report).toMatchObject({ status: 'accepted', rows: 25 });
    expect(before).not.toContain('CDS-2023-03');
    expect(after).toContain('2023-Q3,CDS-2023-03,');
  });
});
