import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Opens a workbook in LibreOffice Calc (headless, Debian's `soffice`,
 * installed by `scripts/ensure-libreoffice.sh`) and saves it again as
 * .xlsx, as an official saving the file from LibreOffice would.
 */
export const saveWithLibreOffice = async (bytes: Buffer): Promise<Buffer> => {
  const dir = mkdtempSync(join(tmpdir(), 'opendata-lo-'));
  try {
    writeFileSync(join(dir, 'in.xlsx'), bytes);
    await run(
      'soffice',
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        join(dir, 'out'),
        join(dir, 'in.xlsx'),
      ],
      { timeout: 120_000 },
    );
    return readFileSync(join(dir, 'out', 'in.xlsx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
