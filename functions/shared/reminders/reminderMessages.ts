import { byText } from '../byText.js';
import type { DatasetLedger } from '../ledger/submissionLedger.js';
import { formatPeriod, parsePeriod } from '../period.js';
import type { ContactBook } from '../reference/contacts.js';
import type { Bilingual } from '../schema/types.js';
import type { ValidationReport } from '../validation/report.js';

/** Why a message goes out. */
export type ReminderKind = 'before-deadline' | 'after-deadline' | 'rejected';

/** One e-mail to one unit, Vietnamese first, then English. */
export interface ReminderMessage {
  /** Stable id: the same message planned twice has the same id, and is sent once. */
  readonly id: string;
  readonly kind: ReminderKind;
  readonly period: string;
  readonly unitCode: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly subject: string;
  readonly text: string;
}

/** The messages planned, and the units that should get one but have no mailbox. */
export interface ReminderPlan {
  readonly messages: ReminderMessage[];
  readonly unreachable: string[];
}

/** How many findings a rejection notice quotes. */
const FIRST_FINDINGS = 5;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` shifted by whole days. */
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS)
    .toISOString()
    .slice(0, 10);

/** `YYYY-MM-DD` → `d/m/yyyy`, as Vietnamese documents write dates. */
const vietnameseDate = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${Number(d)}/${Number(m)}/${y}`;
};

/** The reporting deadline of a quarter as a date: the given day of its last month. */
const deadlineDayOfPeriod = (period: string, deadlineDay: number): string => {
  const p = parsePeriod(period);
  if (!p) throw new Error(`Not a period: ${period}`);
  const month = String(p.quarter * 3).padStart(2, '0');
  return `${p.year}-${month}-${String(deadlineDay).padStart(2, '0')}`;
};

/**
 * Which reminder the daily run sends on `today` (a date in Vietnam,
 * `YYYY-MM-DD`), and for which quarter: `daysBefore` days before the
 * quarter's deadline, the units that still owe a dataset; the day after it,
 * those still missing (with a copy to the steward). Any other day, none.
 *
 * @example reminderDue('2023-09-08', 15, 7) // { kind: 'before-deadline', period: '2023-Q3' }
 */
const reminderDue = (
  today: string,
  deadlineDay: number,
  daysBefore: number,
): { kind: Exclude<ReminderKind, 'rejected'>; period: string } | undefined => {
  const month = Number(today.slice(5, 7));
  const period = formatPeriod({
    year: Number(today.slice(0, 4)),
    quarter: Math.ceil(month / 3) as 1 | 2 | 3 | 4,
  });
  const deadline = deadlineDayOfPeriod(period, deadlineDay);
  if (today === addDays(deadline, -daysBefore)) {
    return { kind: 'before-deadline', period };
  }
  if (today === addDays(deadline, 1)) return { kind: 'after-deadline', period };
  return undefined;
};

/** What the deadline reminders are built from. */
export interface DeadlineReminderInput {
  readonly kind: Exclude<ReminderKind, 'rejected'>;
  readonly period: string;
  readonly deadlineDay: number;
  /** The period's ledgers (`buildLedger`). */
  readonly ledgers: readonly DatasetLedger[];
  readonly contacts: ContactBook;
  readonly datasetTitle: (datasetId: string) => Bilingual | undefined;
}

/**
 * One message per unit that still owes at least one dataset for the period
 * (nothing accepted yet: missing, or only rejected files), listing them. The
 * message after the deadline is copied to the steward.
 */
const planDeadlineReminders = (input: DeadlineReminderInput): ReminderPlan => {
  const owed = new Map<string, { name: string; datasets: string[] }>();
  for (const ledger of input.ledgers) {
    for (const s of ledger.submitters) {
      if (s.state !== 'missing' && s.state !== 'rejected') continue;
      const entry = owed.get(s.unitCode) ?? { name: s.unitName, datasets: [] };
      entry.datasets.push(ledger.datasetId);
      owed.set(s.unitCode, entry);
    }
  }
  const p = parsePeriod(input.period);
  const stewards = p ? input.contacts.stewardsFor(p) : [];
  const deadline = vietnameseDate(
    deadlineDayOfPeriod(input.period, input.deadlineDay),
  );
  const messages: ReminderMessage[] = [];
  const unreachable: string[] = [];
  for (const unitCode of [...owed.keys()].sort(byText)) {
    const { name, datasets } = owed.get(unitCode) ?? { name: '', datasets: [] };
    const mailbox = input.contacts.mailboxOf(unitCode);
    if (mailbox === undefined) {
      unreachable.push(unitCode);
      continue;
    }
    const list = datasets.sort(byText).map((id) => {
      const title = input.datasetTitle(id);
      return { id, vi: title?.vi ?? id, en: title?.en ?? id };
    });
    const late = input.kind === 'after-deadline';
    const n = list.length;
    messages.push({
      id: `${input.kind}/${input.period}/${unitCode}`,
      kind: input.kind,
      period: input.period,
      unitCode,
      to: [mailbox],
      cc: late ? stewards.filter((s) => s !== mailbox) : [],
      subject: late
        ? `[Quá hạn nộp báo cáo] ${input.period}: ${n} bộ dữ liệu chưa nộp / Overdue: ${n} dataset(s) for ${input.period} not received`
        : `[Nhắc nộp báo cáo] ${input.period}: hạn ${deadline}, còn ${n} bộ dữ liệu / Reminder: ${n} dataset(s) for ${input.period} due ${deadline}`,
      text: [
        `Kính gửi: ${name || unitCode} (${unitCode})`,
        '',
        late
          ? `Đã quá hạn nộp báo cáo quý ${input.period} (ngày ${deadline}). Hệ thống chưa nhận được tệp hợp lệ của đơn vị cho:`
          : `Hạn nộp báo cáo quý ${input.period} là 23:59 ngày ${deadline}. Hệ thống chưa nhận được tệp hợp lệ của đơn vị cho:`,
        ...list.map((d) => `  - ${d.id}: ${d.vi}`),
        '',
        `Đề nghị đơn vị tải tệp lên: submissions/${unitCode}/${input.period}/<mã bộ dữ liệu>.csv (hoặc lệnh opendata submit).`,
        'Thư này được gửi tự động từ hộp thư chung; vui lòng không trả lời.',
        '',
        '---',
        `To: ${name || unitCode} (${unitCode})`,
        '',
        late
          ? `The deadline for the ${input.period} report (${deadline}) has passed. No valid file has been received from your unit for:`
          : `The ${input.period} report is due by 23:59 on ${deadline}. No valid file has been received from your unit yet for:`,
        ...list.map((d) => `  - ${d.id}: ${d.en}`),
        '',
        `Please upload to submissions/${unitCode}/${input.period}/<dataset>.csv (or use opendata submit).`,
        'This message was sent automatically from an organisational mailbox; please do not reply.',
        '',
      ].join('\n'),
    });
  }
  return { messages, unreachable };
};

/** What a rejection notice is built from. */
export interface RejectionNoticeInput {
  readonly report: ValidationReport;
  readonly contacts: ContactBook;
  /** Where the unit reads the whole report. */
  readonly reportLink: string;
}

/**
 * The notice to a unit whose file was rejected: its first findings (type,
 * line, column, message in Vietnamese, then English) and the report's link.
 * Undefined when the unit has no mailbox or the report names no unit.
 */
const rejectionNotice = (
  input: RejectionNoticeInput,
): ReminderMessage | undefined => {
  const { report } = input;
  const s = report.submission;
  const unitCode = s.unitCode;
  const mailbox = unitCode && input.contacts.mailboxOf(unitCode);
  if (!unitCode || !mailbox || report.status !== 'rejected') return undefined;
  const first = report.errors
    .filter((e) => e.severity === 'error')
    .slice(0, FIRST_FINDINGS);
  const where = (e: (typeof first)[number], line: string, column: string) =>
    [
      e.rowNumber !== undefined ? `${line} ${e.rowNumber}` : '',
      e.fieldName ? `${column} ${e.fieldName}` : '',
    ]
      .filter(Boolean)
      .join(', ');
  const more = report.stats.errors - first.length;
  return {
    id: `rejected/${s.id}`,
    kind: 'rejected',
    period: s.period ?? '-',
    unitCode,
    to: [mailbox],
    cc: [],
    subject: `[Báo cáo bị từ chối] ${s.datasetId ?? ''} ${s.period ?? ''}: ${report.stats.errors} lỗi / Submission rejected: ${report.stats.errors} error(s)`,
    text: [
      `Tệp ${s.key} nhận lúc ${s.receivedAt} bị từ chối: ${report.stats.errors} lỗi, ${report.stats.warnings} cảnh báo. Dữ liệu chưa được ghi nhận; tệp gốc vẫn được lưu.`,
      '',
      'Các lỗi đầu tiên:',
      ...first.map(
        (e) => `  - ${e.type} (${where(e, 'dòng', 'cột')}): ${e.message}`,
      ),
      ...(more > 0 ? [`  … và ${more} lỗi khác`] : []),
      '',
      `Báo cáo đầy đủ: ${input.reportLink}`,
      'Sửa tệp rồi tải lên lại cùng đường dẫn.',
      '',
      '---',
      `The file ${s.key} received at ${s.receivedAt} was rejected: ${report.stats.errors} error(s), ${report.stats.warnings} warning(s). Its data was not recorded; the original file is kept.`,
      '',
      'First errors:',
      ...first.map(
        (e) => `  - ${e.type} (${where(e, 'line', 'column')}): ${e.messageEn}`,
      ),
      ...(more > 0 ? [`  … and ${more} more`] : []),
      '',
      `Full report: ${input.reportLink}`,
      'Correct the file and upload it again to the same path.',
      '',
    ].join('\n'),
  };
};

export {
  addDays,
  planDeadlineReminders,
  rejectionNotice,
  reminderDue,
  vietnameseDate,
};
