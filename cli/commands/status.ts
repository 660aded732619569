import type { Writable } from 'node:stream';
import {
  buildLedger,
  type DatasetLedger,
} from '../../functions/shared/ledger/submissionLedger.js';
import { withBackend } from '../backend.js';
import { renderReminders } from './reminderLines.js';

const STATE = {
  'on-time': 'đúng hạn / on time',
  late: 'muộn / late',
  rejected: 'bị từ chối / rejected',
  missing: 'chưa nộp / missing',
};

const renderTable = (period: string, ledgers: readonly DatasetLedger[]) => {
  const lines = [`Tình hình nộp báo cáo / Submission status ${period}`];
  for (const l of ledgers) {
    lines.push(
      '',
      `${l.datasetId}: ${l.received}/${l.expected} đã nộp / received (${l.completeness} %), muộn / late ${l.late}, hạn / deadline ${l.deadline}`,
    );
    for (const s of l.submitters) {
      if (s.state === 'on-time') continue;
      lines.push(
        `  ${s.unitCode.padEnd(9)} ${s.unitName.padEnd(34)} ${STATE[s.state]}${s.receivedAt ? ` ${s.receivedAt}` : ''}`,
      );
    }
    if (l.unexpected.length > 0) {
      lines.push(`  ngoài danh sách / unexpected: ${l.unexpected.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
};

/** `opendata status --period`: expected, received, missing and late submitters per dataset. */
const runStatus = async (
  options: {
    period: string;
    dataDir: string;
    format: 'table' | 'json';
    deadlineDay: number;
  },
  out: Writable,
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const ledgers = buildLedger(
      backend.catalogue,
      options.period,
      await backend.table.listLedger(options.period),
      { deadlineDay: options.deadlineDay },
    );
    const reminders = await backend.reminders.listReminders(options.period);
    out.write(
      options.format === 'json'
        ? `${JSON.stringify({ period: options.period, datasets: ledgers, reminders }, null, 2)}\n`
        : renderTable(options.period, ledgers) + renderReminders(reminders),
    );
    return 0;
  });

export { runStatus };
