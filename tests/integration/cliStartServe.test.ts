import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../helpers/catalogue.js';
import { startServedPipeline } from '../helpers/servedPipeline.js';

let served: Awaited<ReturnType<typeof startServedPipeline>>;
let origin = '';
let token = '';

beforeAll(async () => {
  served = await startServedPipeline('serve');
  ({ origin, token } = served);
}, 180_000);

afterAll(async () => {
  await served.stop();
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

    expect(served.output()).toContain(
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
    ).json()) as {
      uploadUrl: string;
      reportUrl: string;
      fields: Record<string, string>;
    };
    const form = new FormData();
    for (const [name, value] of Object.entries(grant.fields)) {
      form.append(name, value);
    }
    form.append(
      'file',
      new Blob([
        readFileSync(
          join(
            FIXTURES_DIR,
            'submissions',
            'STTTT',
            '2023-Q3',
            'chi-tieu-cds.csv',
          ),
        ),
      ]),
      'chi-tieu-cds.csv',
    );
    const put = await fetch(grant.uploadUrl, { method: 'POST', body: form });
    await served.waitFor(
      /✓ submissions\/STTTT\/2023-Q3\/chi-tieu-cds\.csv → /,
      60,
    );
    const report = (await (
      await fetch(`${origin}/api${grant.reportUrl}`, { headers: auth })
    ).json()) as { status: string; rows: number };
    const after = await consolidated();

    expect(grant.uploadUrl.startsWith(`${origin}/s3/`)).toBe(true);
    expect(put.ok).toBe(true);
    expect(report).toMatchObject({ status: 'accepted', rows: 25 });
    expect(before).not.toContain('CDS-2023-03');
    expect(after).toContain('2023-Q3,CDS-2023-03,');
  });
});
