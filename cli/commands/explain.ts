import type { Writable } from 'node:stream';
import { LINEAGE_LINES } from '../../functions/shared/aggregate/measures.js';
import type { AggregateSource } from '../../functions/shared/aws/table/aggregates.js';
import { withBackend } from '../backend.js';

const CONSOLIDATED = 'tong-hop-chi-tieu-cds';

/** One submission a figure came from; a trace cut at its length says the file may have more lines. */
const sourceLine = (s: AggregateSource): string =>
  `  ${s.unitCode}: ${s.key}${s.versionId ? ` (version ${s.versionId})` : ''} · submission ${s.submissionId} · dòng/lines ${s.lines.join(', ')}${
    s.lines.length >= LINEAGE_LINES
      ? ` … (${LINEAGE_LINES} dòng đầu, tệp có thể còn nữa / the first ${LINEAGE_LINES} lines; the file may have more)`
      : ''
  }`;

/** `opendata explain`: where a consolidated figure came from, and how it changed. */
const runExplain = async (
  options: {
    period: string;
    indicator: string;
    dataDir: string;
    format: 'text' | 'json';
  },
  out: Writable,
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const row = (
      await backend.table.listAggregates(options.period, CONSOLIDATED)
    ).find((a) => a.group === options.indicator);
    if (!row) {
      out.write(
        `Chưa có số liệu tổng hợp cho ${options.indicator} kỳ ${options.period} / no consolidated figure for ${options.indicator} in ${options.period}\n`,
      );
      return 1;
    }
    const history = await backend.table.listHistory(
      options.period,
      CONSOLIDATED,
      options.indicator,
    );
    if (options.format === 'json') {
      out.write(`${JSON.stringify({ ...row, history }, null, 2)}\n`);
      return 0;
    }
    const v = row.values;
    const lines = [
      `${options.indicator} · ${options.period}: ${v.tu_so || '–'}/${v.mau_so || '–'} = ${v.gia_tri || '–'} (${v.danh_gia ?? ''}, ${v.trang_thai ?? ''})`,
      'Từ các báo cáo / from submissions:',
    ];
    for (const s of row.sources ?? []) lines.push(sourceLine(s));
    if (history.length > 0) {
      lines.push('Lịch sử / history:');
      for (const h of history) {
        lines.push(
          `  ${h.changedAt}: ${h.previous.tu_so ?? ''}/${h.previous.mau_so ?? ''} = ${h.previous.gia_tri ?? ''} → ${h.current.tu_so ?? ''}/${h.current.mau_so ?? ''} = ${h.current.gia_tri ?? ''} · ${h.reason}`,
        );
      }
    }
    out.write(`${lines.join('\n')}\n`);
    return 0;
  });

export { runExplain, sourceLine };
