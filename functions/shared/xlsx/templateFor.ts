import { type Period, parsePeriod, periodStart } from '../period.js';
import type { Catalogue } from '../schema/loadSchemas.js';
import { buildTemplateCsv, buildTemplateXlsx } from './buildTemplate.js';
import { SUBMISSION_CONTENT_TYPES } from './submissionFormats.js';

/** What a template is asked for. */
export interface TemplateRequest {
  readonly dataset: string;
  readonly unit?: string;
  readonly period?: string;
  readonly format: 'xlsx' | 'csv';
}

/** A template file, or why it cannot be made (Vietnamese, then English). */
export type TemplateOutcome =
  | {
      readonly ok: true;
      readonly body: Buffer;
      readonly contentType: string;
      readonly fileName: string;
    }
  | {
      readonly ok: false;
      readonly error: string;
      readonly message: string;
      readonly messageEn: string;
    };

/** Blank templates carry this date: the program's first day. */
const BLANK_TEMPLATE_DATE = new Date(Date.UTC(2023, 0, 1));

const refuse = (error: string, message: string, messageEn: string) =>
  ({ ok: false, error, message, messageEn }) as const;

/**
 * Makes the template of a submission dataset, blank or pre-filled for a
 * unit and period (which must be given together, the unit in force then).
 * Its dates are the period's first day (the program's for a blank one),
 * so the same request always gives the same bytes.
 */
const templateFor = async (
  catalogue: Catalogue,
  request: TemplateRequest,
): Promise<TemplateOutcome> => {
  const schema = catalogue.schemas.get(request.dataset);
  if (schema?.['x-dataset'].kind !== 'submission') {
    return refuse(
      'unknown-dataset',
      `Không có bộ dữ liệu "${request.dataset}"`,
      `There is no dataset "${request.dataset}"`,
    );
  }
  if ((request.unit === undefined) !== (request.period === undefined)) {
    return refuse(
      'unit-and-period',
      'Cần cả đơn vị và kỳ báo cáo để điền sẵn mẫu',
      'A pre-filled template needs both the unit and the period',
    );
  }
  let period: Period | undefined;
  if (request.period !== undefined) {
    period = parsePeriod(request.period);
    if (!period) {
      return refuse(
        'invalid-period',
        `Kỳ "${request.period}" không đúng dạng YYYY-Qn`,
        `Period "${request.period}" is not YYYY-Qn`,
      );
    }
    const unit = request.unit ?? '';
    if (catalogue.units.resolve(unit, period).status !== 'valid') {
      return refuse(
        'unit-not-valid-for-period',
        `Đơn vị ${unit} không có hiệu lực trong kỳ ${request.period}`,
        `Unit ${unit} is not in force in ${request.period}`,
      );
    }
  }
  const input = {
    schema,
    indicators: catalogue.indicators,
    ...(request.unit !== undefined && { unit: request.unit }),
    ...(period && { period }),
    modified: period
      ? new Date(`${periodStart(period)}T00:00:00Z`)
      : BLANK_TEMPLATE_DATE,
  };
  const suffix =
    request.unit && request.period ? `-${request.unit}-${request.period}` : '';
  const fileName = `mau-${request.dataset}${suffix}.${request.format}`;
  if (request.format === 'csv') {
    return {
      ok: true,
      body: Buffer.from(buildTemplateCsv(input), 'utf8'),
      contentType: `${SUBMISSION_CONTENT_TYPES.csv}; charset=utf-8`,
      fileName,
    };
  }
  return {
    ok: true,
    body: await buildTemplateXlsx(input),
    contentType: SUBMISSION_CONTENT_TYPES.xlsx,
    fileName,
  };
};

export { templateFor };
