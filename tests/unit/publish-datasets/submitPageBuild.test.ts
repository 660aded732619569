import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageBuildCommand } from '../../../functions/publish-datasets/submitPageAssets.js';

const out = mkdtempSync(join(tmpdir(), 'page-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the deployment build of the submission page', () => {
  it('writes the entry script and puts exceljs in a chunk it imports only on demand', () => {
    execSync(
      pageBuildCommand('functions/shared/publish/page/submitPage.ts', out),
      { stdio: 'pipe' },
    );
    const files = readdirSync(out).sort();
    const entry = readFileSync(join(out, 'nop-bao-cao.js'), 'utf8');
    const chunks = files.filter((f) => f !== 'nop-bao-cao.js');
    const workbookChunk = chunks.find((f) =>
      readFileSync(join(out, f), 'utf8').includes('sharedStrings'),
    );

    expect(files).toContain('nop-bao-cao.js');
    expect(chunks.every((f) => /^nop-bao-cao-[A-Z0-9]{8}\.js$/.test(f))).toBe(
      true,
    );
    expect(workbookChunk).toBeDefined();
    expect(entry).toContain(`import("./${workbookChunk}")`);
    expect(entry).not.toContain('sharedStrings');
  });
});
