import { printable } from '../controlCharacters.js';
import type { Finding } from './codes.js';
import type { FindingCollector, FindingGroup } from './findingCollector.js';
import type { ContentValidation } from './validateSubmission.js';

/** Outcome of a submission. */
export type SubmissionStatus =
  | 'accepted'
  | 'accepted-with-warnings'
  | 'rejected';

/** The validation report saved beside every submission (Frictionless-compatible). */
export interface ValidationReport {
  readonly valid: boolean;
  readonly status: SubmissionStatus;
  readonly submission: {
    readonly id: string;
    readonly key: string;
    readonly versionId?: string;
    readonly unitCode?: string;
    readonly period?: string;
    readonly datasetId?: string;
    readonly receivedAt: string;
  };
  readonly encoding: string;
  readonly delimiter?: string;
  /** Physical line of the header row (letterhead lines above it are skipped). */
  readonly headerRow?: number;
  /** How the file writes numbers, as its cells showed: `vi` (2.155.455; 61,7) or `en`. */
  readonly numberStyle?: 'vi' | 'en';
  readonly stats: {
    readonly bytes: number;
    readonly rows: number;
    readonly acceptedRows: number;
    readonly errors: number;
    readonly warnings: number;
  };
  readonly errors: Finding[];
  readonly groups: FindingGroup[];
}

/** Status from error and warning counts. */
const statusOf = (errors: number, warnings: number): SubmissionStatus =>
  errors > 0
    ? 'rejected'
    : warnings > 0
      ? 'accepted-with-warnings'
      : 'accepted';

/** A submission status in words, Vietnamese first (the text report shouts it). */
const STATUS_TEXT: Readonly<Record<SubmissionStatus, string>> = {
  accepted: 'Được chấp nhận / Accepted',
  'accepted-with-warnings':
    'Được chấp nhận, có cảnh báo / Accepted with warnings',
  rejected: 'Bị từ chối / Rejected',
};

/** A short human-readable report, Vietnamese first, for the submitter. */
const renderReportText = (report: ValidationReport): string => {
  const s = report.submission;
  const lines = [
    `Báo cáo kiểm tra / Validation report: ${printable(s.key)}`,
    `Kết quả / Result: ${STATUS_TEXT[report.status].toUpperCase()}`,
    `Đơn vị / Unit: ${s.unitCode ?? '?'} · Kỳ / Period: ${s.period ?? '?'} · Bộ dữ liệu / Dataset: ${s.datasetId ?? '?'}`,
    `Số dòng / Rows: ${report.stats.rows} (hợp lệ / valid: ${report.stats.acceptedRows}) · Lỗi / Errors: ${report.stats.errors} · Cảnh báo / Warnings: ${report.stats.warnings}`,
    `Mã hóa / Encoding: ${report.encoding}${report.delimiter ? ` · Dấu phân cách / Delimiter: ${JSON.stringify(report.delimiter)}` : ''}${report.numberStyle ? ` · Cách viết số / Numbers: ${report.numberStyle === 'vi' ? '2.155.455; 61,7' : '2,155,455; 61.7'}` : ''}`,
  ];
  for (const f of report.errors) {
    const tag = f.severity === 'error' ? 'LỖI/ERROR' : 'CẢNH BÁO/WARNING';
    lines.push('', `[${tag}] ${f.type}`, `  ${f.message}`, `  ${f.messageEn}`);
    lines.push(`  → ${f.hint}`);
  }
  for (const g of report.groups) {
    const shown = report.errors.filter((f) => f.type === g.type).length;
    if (g.count > shown) {
      lines.push(
        '',
        `… ${g.type}: tổng cộng / in total ${g.count} (đã hiển thị / shown ${shown})`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
};

/** What a report is made of: the upload, and what reading it found. */
export interface ReportInput {
  readonly submission: ValidationReport['submission'];
  readonly bytes: number;
  /** The encoding the decoder detected, if it got that far. */
  readonly encoding: string | undefined;
  /** Every finding: the refusal, or those of the content. */
  readonly findings: FindingCollector;
  /** What the content gave, when it was read. */
  readonly content?: Omit<ContentValidation, 'findings'>;
}

/** The validation report of one upload, as a value. */
const buildReport = (input: ReportInput): ValidationReport => {
  const { content, findings } = input;
  const status = statusOf(findings.errorCount, findings.warningCount);
  return {
    valid: status !== 'rejected',
    status,
    submission: input.submission,
    encoding: input.encoding ?? 'unknown',
    ...(content?.delimiter !== undefined && { delimiter: content.delimiter }),
    ...(content?.headerRow !== undefined && { headerRow: content.headerRow }),
    ...(content?.numberStyle && { numberStyle: content.numberStyle }),
    stats: {
      bytes: input.bytes,
      rows: content?.rows ?? 0,
      acceptedRows: status === 'rejected' ? 0 : (content?.acceptedRows ?? 0),
      errors: findings.errorCount,
      warnings: findings.warningCount,
    },
    errors: findings.findings(),
    groups: findings.groups(),
  };
};

export { buildReport, renderReportText, STATUS_TEXT, statusOf };
