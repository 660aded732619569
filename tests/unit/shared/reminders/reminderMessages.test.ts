import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTable } from '../../../../functions/shared/csvTable.js';
import type { DatasetLedger } from '../../../../functions/shared/ledger/submissionLedger.js';
import {
  contactsFromRows,
  createContactBook,
} from '../../../../functions/shared/reference/contacts.js';
import { toMime } from '../../../../functions/shared/reminders/mime.js';
import {
  planDeadlineReminders,
  rejectionNotice,
  reminderDue,
} from '../../../../functions/shared/reminders/reminderMessages.js';
import type { ValidationReport } from '../../../../functions/shared/validation/report.js';
import { catalogue, SCHEMAS_DIR } from '../../../helpers/catalogue.js';

const contacts = createContactBook(
  contactsFromRows(
    parseTable(
      readFileSync(join(SCHEMAS_DIR, 'reference', 'contacts.csv'), 'utf8'),
    ),
  ),
);

const ledger = (
  datasetId: string,
  submitters: [string, DatasetLedger['submitters'][number]['state']][],
): DatasetLedger => ({
  datasetId,
  deadline: '2023-09-15T23:59:59+07:00',
  expected: submitters.length,
  received: 0,
  late: 0,
  completeness: 0,
  unexpected: [],
  submitters: submitters.map(([unitCode, state]) => ({
    unitCode,
    unitName: unitCode === 'VNPT' ? 'VNPT Thanh Hóa' : unitCode,
    state,
    uploads: state === 'rejected' ? 1 : 0,
  })),
});

const LEDGERS = [
  ledger('chi-tieu-cds', [
    ['MOBIFONE', 'on-time'],
    ['VIETTEL', 'late'],
    ['VNPT', 'rejected'],
  ]),
  ledger('ha-tang-vien-thong', [
    ['MOBIFONE', 'on-time'],
    ['NOWHERE', 'missing'],
    ['VNPT', 'missing'],
  ]),
];

const datasetTitle = (id: string) =>
  catalogue.schemas.get(id)?.['x-dataset'].title;

describe('reminderDue', () => {
  it.each([
    ['2023-09-08', 7, { kind: 'before-deadline', period: '2023-Q3' }],
    ['2023-09-16', 7, { kind: 'after-deadline', period: '2023-Q3' }],
    ['2023-12-12', 3, { kind: 'before-deadline', period: '2023-Q4' }],
    ['2024-03-16', 7, { kind: 'after-deadline', period: '2024-Q1' }],
    ['2023-09-15', 7, undefined],
    ['2023-09-09', 7, undefined],
    ['2023-08-08', 7, undefined],
  ])('on %s (%i days before) sends %j', (today, daysBefore, due) => {
    expect(reminderDue(today, 15, daysBefore)).toEqual(due);
  });
});

describe('planDeadlineReminders', () => {
  it('writes, 7 days before, to each unit that still owes a dataset, listing them, with no copy', () => {
    const plan = planDeadlineReminders({
      kind: 'before-deadline',
      period: '2023-Q3',
      deadlineDay: 15,
      ledgers: LEDGERS,
      contacts,
      datasetTitle,
    });

    expect(
      plan.messages.map((m) => ({ id: m.id, to: m.to, cc: m.cc })),
    ).toEqual([
      {
        id: 'before-deadline/2023-Q3/VNPT',
        to: ['vanthu.vnpt@thanhhoa.gov.vn'],
        cc: [],
      },
    ]);
    expect(plan.unreachable).toEqual(['NOWHERE']);
    const [vnpt] = plan.messages;
    expect(vnpt?.subject).toBe(
      '[Nhắc nộp báo cáo] 2023-Q3: hạn 15/9/2023, còn 2 bộ dữ liệu / Reminder: 2 dataset(s) for 2023-Q3 due 15/9/2023',
    );
    expect(vnpt?.text.split('\n').slice(0, 5)).toEqual([
      'Kính gửi: VNPT Thanh Hóa (VNPT)',
      '',
      'Hạn nộp báo cáo quý 2023-Q3 là 23:59 ngày 15/9/2023. Hệ thống chưa nhận được tệp hợp lệ của đơn vị cho:',
      `  - chi-tieu-cds: ${datasetTitle('chi-tieu-cds')?.vi}`,
      `  - ha-tang-vien-thong: ${datasetTitle('ha-tang-vien-thong')?.vi}`,
    ]);
    expect(vnpt?.text).toContain(
      `  - ha-tang-vien-thong: ${datasetTitle('ha-tang-vien-thong')?.en}`,
    );
  });

  it('writes, the day after the deadline, to those missing with a copy to the steward of the time', () => {
    const in2023 = planDeadlineReminders({
      kind: 'after-deadline',
      period: '2023-Q3',
      deadlineDay: 15,
      ledgers: LEDGERS,
      contacts,
      datasetTitle,
    });
    const in2025 = planDeadlineReminders({
      kind: 'after-deadline',
      period: '2025-Q3',
      deadlineDay: 15,
      ledgers: LEDGERS,
      contacts,
      datasetTitle,
    });

    expect(in2023.messages.map((m) => [m.id, m.to, m.cc])).toEqual([
      [
        'after-deadline/2023-Q3/VNPT',
        ['vanthu.vnpt@thanhhoa.gov.vn'],
        ['vanthu.stttt@thanhhoa.gov.vn'],
      ],
    ]);
    expect(in2025.messages[0]?.cc).toEqual(['vanthu.skhcn@thanhhoa.gov.vn']);
    expect(in2023.messages[0]?.subject).toBe(
      '[Quá hạn nộp báo cáo] 2023-Q3: 2 bộ dữ liệu chưa nộp / Overdue: 2 dataset(s) for 2023-Q3 not received',
    );
  });
});

const REJECTED: ValidationReport = {
  valid: false,
  status: 'rejected',
  submission: {
    id: 'v7',
    key: 'submissions/380/2023-Q3/chi-tieu-cds.csv',
    unitCode: '380',
    period: '2023-Q3',
    datasetId: 'chi-tieu-cds',
    receivedAt: '2023-09-10T02:00:00.000Z',
  },
  encoding: 'utf-8',
  stats: { bytes: 10, rows: 7, acceptedRows: 0, errors: 7, warnings: 0 },
  errors: Array.from({ length: 7 }, (_, i) => ({
    type: 'numerator-exceeds-denominator' as const,
    severity: 'error' as const,
    rowNumber: i + 2,
    fieldName: 'tu_so',
    message: `Dòng ${i + 2}: tử số lớn hơn mẫu số`,
    messageEn: `Line ${i + 2}: numerator exceeds denominator`,
    hint: 'check both figures',
  })),
  groups: [],
};

describe('rejectionNotice', () => {
  it('quotes the first five errors with their lines, Vietnamese first, and links the report', () => {
    const notice = rejectionNotice({
      report: REJECTED,
      contacts,
      reportLink: 'https://api.example/reports/380/2023-Q3/chi-tieu-cds',
    });
    const text = notice?.text ?? '';

    expect(notice?.id).toBe('rejected/v7');
    expect(notice?.to).toEqual(['vanthu.380@thanhhoa.gov.vn']);
    expect(text.indexOf('Các lỗi đầu tiên')).toBeLessThan(
      text.indexOf('First errors'),
    );
    expect(text).toContain(
      '  - numerator-exceeds-denominator (dòng 2, cột tu_so): Dòng 2: tử số lớn hơn mẫu số',
    );
    expect(text).toContain(
      '  - numerator-exceeds-denominator (line 6, column tu_so): Line 6: numerator exceeds denominator',
    );
    expect(text).not.toContain('dòng 7,');
    expect(text).toContain('  … và 2 lỗi khác');
    expect(text).toContain(
      'Báo cáo đầy đủ: https://api.example/reports/380/2023-Q3/chi-tieu-cds',
    );
  });

  it('sends nothing for an accepted file', () => {
    expect(
      rejectionNotice({
        report: { ...REJECTED, status: 'accepted' },
        contacts,
        reportLink: '-',
      }),
    ).toBeUndefined();
  });
});

describe('toMime', () => {
  it('writes a UTF-8 message whose subject and body decode back, the same bytes each time', () => {
    const notice = rejectionNotice({
      report: REJECTED,
      contacts,
      reportLink: 'x',
    });
    if (!notice) throw new Error('no notice');
    const date = new Date('2023-09-10T02:05:00Z');
    const mime = toMime(notice, { from: 'opendata@thanhhoa.gov.vn', date });
    const [head = '', body = ''] = mime.split('\r\n\r\n');
    const subject = /^Subject: =\?UTF-8\?B\?(.+)\?=$/m.exec(head)?.[1] ?? '';

    expect(head).toContain('To: vanthu.380@thanhhoa.gov.vn');
    expect(head).toContain('Date: Sun, 10 Sep 2023 02:05:00 +0000');
    expect(head).toContain('Message-ID: <rejected.v7@thanhhoa.gov.vn>');
    expect(Buffer.from(subject, 'base64').toString('utf8')).toBe(
      notice.subject,
    );
    expect(
      Buffer.from(body.replaceAll('\r\n', ''), 'base64').toString('utf8'),
    ).toBe(notice.text);
    expect(toMime(notice, { from: 'opendata@thanhhoa.gov.vn', date })).toBe(
      mime,
    );
  });
});

describe('contacts.csv', () => {
  it('holds organisational mailboxes on the province domain only', () => {
    const rows = parseTable(
      readFileSync(join(SCHEMAS_DIR, 'reference', 'contacts.csv'), 'utf8'),
    );

    expect(rows).toHaveLength(214);
    for (const row of rows) {
      expect(row.hop_thu).toMatch(/^vanthu\.[a-z0-9]+@thanhhoa\.gov\.vn$/);
    }
  });
});
