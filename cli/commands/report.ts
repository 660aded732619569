import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import {
  loadAppendix,
  signOffLookup,
} from '../../functions/shared/report/loadAppendix.js';
import { renderAppendixDocx } from '../../functions/shared/report/renderDocx.js';
import {
  renderAppendixDocument,
  renderAppendixJson,
} from '../../functions/shared/report/renderHtml.js';
import { renderAppendixXlsx } from '../../functions/shared/report/renderXlsx.js';
import type {
  AppendixModel,
  SignOffLookup,
} from '../../functions/shared/report/types.js';
import { withBackend } from '../backend.js';

/** Formats `opendata report` writes. */
export type ReportFormat = 'html' | 'docx' | 'xlsx' | 'json';

const RENDERERS: Record<
  ReportFormat,
  (model: AppendixModel) => Promise<Buffer> | Buffer
> = {
  html: (model) => Buffer.from(renderAppendixDocument(model), 'utf8'),
  docx: renderAppendixDocx,
  xlsx: renderAppendixXlsx,
  json: (model) => Buffer.from(renderAppendixJson(model), 'utf8'),
};

/**
 * `opendata report --period --format --out`: the Committee's appendix of
 * indicator results for a quarter, from the consolidation in force. The
 * sign-off port says whether the quarter is approved; until issue #14's
 * approvals are wired in, every quarter is provisional.
 */
const runReport = async (
  options: {
    period: string;
    format: ReportFormat;
    out: string;
    dataDir: string;
  },
  io: { out: Writable; err: Writable },
  ports: { signOffOf?: SignOffLookup } = {},
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const model = await loadAppendix(options.period, {
      catalogue: backend.catalogue,
      listAggregates: (period, datasetId) =>
        backend.table.listAggregates(period, datasetId),
      signOffOf: ports.signOffOf ?? signOffLookup(backend.table.listSignOffs),
    });
    if (!model) {
      io.err.write(
        `Chưa có số liệu tổng hợp kỳ ${options.period}: chạy opendata rollup trước / no consolidation for ${options.period}: run opendata rollup first\n`,
      );
      return 1;
    }
    await writeFile(options.out, await RENDERERS[options.format](model));
    for (const plan of model.plans) {
      io.out.write(`${plan.plan}: ${plan.summary.text}\n`);
    }
    io.out.write(
      `${model.status === 'chinh_thuc' ? 'Chính thức / official' : 'Tạm tính / provisional'} → ${options.out}\n`,
    );
    return 0;
  });

export { runReport };
