import type { Writable } from 'node:stream';
import { localContext } from '../../local/localIngest.js';
import { withBackend } from '../backend.js';

/** `opendata rollup --period`: consolidates one quarter by hand, as the schedule does. */
const runRollup = async (
  options: { period: string; dataDir: string; format: 'text' | 'json' },
  out: Writable,
): Promise<number> =>
  withBackend(options.dataDir, async () => {
    const { handler } = await import(
      '../../functions/quarterly-rollup/handler.js'
    );
    const summary = await handler(
      { period: options.period },
      localContext('quarterly-rollup'),
    );
    if (options.format === 'json') {
      out.write(`${JSON.stringify(summary, null, 2)}\n`);
      return 0;
    }
    for (const d of summary.datasets) {
      out.write(
        `${summary.period} → ${d.datasetId}: ${d.rows} dòng/rows, ${d.units} đơn vị/units, ${d.changed} thay đổi/changed\n`,
      );
    }
    return 0;
  });

export { runRollup };
