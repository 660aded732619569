import type { Writable } from 'node:stream';
import { LINEAGE_LINES } from '../../functions/shared/aggregate/measures.js';
import type { AggregateSource } from '../../functions/shared/aws/table/aggregates.js';
import type { ApprovalEvent } from '../../functions/shared/signoff/periodApproval.js';
import { withBackend } from '../backend.js';

const CONSOLIDATED = 'tong-hop-chi-tieu-cds';

/** One submission a figure came from; a trace cut at its length says the file may have more lines. */
const sourceLine = (s: AggregateSource): string =>
  `  ${s.unitCode}: ${s.key}${s.versionId ? ` (version ${s.versionId})` : ''} · submission ${s.submissionId} · dòng/lines ${s.lines.join(', ')}${
    s.lines.length >= LINEAGE_LINES
      ? ` … (${LINEAGE_LINES} dòng đầu, tệp có thể còn nữa / the first ${LINEAGE_LINES} lines; the file may have more)`
      : ''
  }`;

/** An approval or reopening of the quarter, as a history line. */
const signOffLine = (e: ApprovalEvent): string =>
  e.action === 'approve'
    ? `  ${e.at}: phê duyệt chính thức / approved as official · ${e.by}${e.note ? ` · ${e.note}` : ''}`
    : `  ${e.at}: mở lại / reopened · ${e.by} · lý do / reason: ${e.reason ?? ''}`;

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
    const signOffs = await backend.table.listSignOffs(options.period);
    if (options.format === 'json') {
      out.write(`${JSON.stringify({ ...row, history, signOffs }, null, 2)}\n`);
      return 0;
    }
    const v = row.values;
    const lines = [
      `${options.indicator} · ${options.period}: ${v.tu_so || '–'}/${v.mau_so || '–'} = ${v.gia_tri || '–'} (${v.danh_gia ?? ''}, ${v.trang_thai ?? ''})`,
      'Từ các báo cáo / from submissions:',
    ];
    for (const s of row.sources ?? []) lines.push(sourceLine(s));
    const events = [
      ...history.map((h) => ({
        at: h.changedAt,
        text: `  ${h.changedAt}: ${h.previous.tu_so ?? ''}/${h.previous.mau_so ?? ''} = ${h.previous.gia_tri ?? ''} → ${h.current.tu_so ?? ''}/${h.current.mau_so ?? ''} = ${h.current.gia_tri ?? ''} · ${h.reason}`,
      })),
      ...signOffs.map((e) => ({ at: e.at, text: signOffLine(e) })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (events.length > 0) {
      lines.push('Lịch sử / history:');
      for (const e of events) lines.push(e.text);
    }
    out.write(`${lines.join('\n')}\n`);
    return 0;
  });

export { runExplain, sourceLine };
