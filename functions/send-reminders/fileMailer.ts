import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local stand-in for Amazon SES: each message is written as an `.eml`
 * file under `dir/<period>/`, named after its id, for a person to open.
 */
const createFileMailer = (dir: string) => ({
  async send(mime: string, id: string, period: string): Promise<void> {
    const folder = join(dir, period);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${id.replaceAll('/', '_')}.eml`), mime);
  },
});

export { createFileMailer };
