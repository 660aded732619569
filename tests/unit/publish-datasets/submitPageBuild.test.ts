import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pageBuildCommand } from '../../../functions/publish-datasets/submitPageAssets.js';

const out = mkdtempSync(join(tmpdir(), 'page-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the deployment build of the submission page', () => {
  it('writes the page script and its worker, and puts exceljs in a chunk imported only on demand', () => {
    execSync(pageBuildCommand('functions/shared/publish/page', out), {
      stdio: 'pipe',
    });
    const files = readdirSync(out).sort();
    const text = (f: string) => readFileSync(join(out, f), 'utf8');
    const workbookChunk = files.find((f) => text(f).includes('sharedStrings'));
    const others = files.filter((f) => f !== workbookChunk);

    expect(files).toContain('nop-bao-cao.js');
    expect(files).toContain('nop-bao-cao-worker.js');
    expect(text('nop-bao-cao.js')).toContain('nop-bao-cao-worker.js');
    expect(
      files.every((f) => /^nop-bao-cao(-worker|-[A-Z0-9]{8})?\.js$/.test(f)),
    ).toBe(true);
    expect(workbookChunk).toMatch(/^nop-bao-cao-[A-Z0-9]{8}\.js$/);
    // exceljs is only ever imported dynamically, never with the page.
    expect(
      others.filter((f) => text(f).includes(`import("./${workbookChunk}")`)),
    ).toHaveLength(1);
    expect(
      others.filter(
        (f) =>
          text(f).includes('sharedStrings') ||
          new RegExp(`(from|import)"\\./${workbookChunk}"`).test(text(f)),
      ),
    ).toEqual([]);
  });
});
