import { byText } from '../byText.js';
import { formatPeriod, parsePeriod, periodEnd } from '../period.js';
import { formatNumber } from '../publish/html.js';
import type { Indicator } from '../reference/indicators.js';
import type { UnitRegistry } from '../reference/units.js';
import type { Bilingual } from '../schema/types.js';
import type { ReportReference } from './reportReference.js';
import type {
  AppendixChange,
  AppendixModel,
  AppendixPillar,
  AppendixPlan,
  AppendixRow,
  AppendixSummary,
  ConsolidatedIndicator,
  SignOff,
} from './types.js';

const COMPLETED = 'Đã hoàn thành';
const IN_PROGRESS = 'Đang thực hiện';
const NOT_STARTED = 'Chưa thực hiện';
const NOT_REPORTED = 'Chưa có báo cáo';

/** What the appendix is built from: the catalogue's reference data, a quarter's consolidation and the previous quarter's. */
export interface AppendixInput {
  readonly period: string;
  readonly rows: readonly ConsolidatedIndicator[];
  readonly previousRows?: readonly ConsolidatedIndicator[];
  readonly indicators: ReadonlyMap<string, Indicator>;
  readonly units: UnitRegistry;
  readonly reference: ReportReference;
  readonly signOff?: SignOff;
}

const ROMAN: readonly [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** A positive integer in Roman numerals (pillars and quarters). */
const roman = (n: number): string => {
  let rest = n;
  let out = '';
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
};

/** `2023-Q3` → `Quý III/2023`. */
const quarterText = (period: string): string => {
  const p = parsePeriod(period);
  return p ? `Quý ${roman(p.quarter)}/${p.year}` : period;
};

/** A deadline as the plan writes it: `Quý IV` in the plan's own year, `Quý IV/2027` otherwise. */
const deadlineText = (deadline: string, planYear: number): string => {
  const p = parsePeriod(deadline);
  if (!p) return deadline;
  return p.year === planYear
    ? `Quý ${roman(p.quarter)}`
    : `Quý ${roman(p.quarter)}/${p.year}`;
};

/** `Viettel, VNPT và MobiFone`. */
const joinNames = (names: readonly string[]): string =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} và ${names[names.length - 1]}`;

/** A canonical number (`2155455`, `77.13`) in Vietnamese notation (`2.155.455`, `77,13`). */
const viNumber = (text: string): string => formatNumber(Number(text), 'vi');

const meetsRounded = (value: number, indicator: Indicator): boolean =>
  indicator.targetOperator === '>'
    ? value > (indicator.targetValue ?? 0)
    : value >= (indicator.targetValue ?? 0);

/**
 * The percentage as the appendix writes it: whole (`77%`), as the seed
 * report does, unless rounding would misstate the assessment: then the exact
 * ratio cut (not rounded) to 2 decimals, so 89.996 % of a "≥ 90 %" target
 * reads 89,99 %.
 */
const percentText = (
  value: string,
  indicator: Indicator | undefined,
  met: boolean,
  fraction?: { readonly tu: string; readonly mau: string },
): string => {
  const whole = Math.round(Number(value));
  const misleads =
    indicator?.targetOperator !== undefined &&
    meetsRounded(whole, indicator) !== met;
  if (!misleads) return `${viNumber(String(whole))}%`;
  if (!fraction) return `${viNumber(value)}%`;
  const hundredths = (BigInt(fraction.tu) * 10000n) / BigInt(fraction.mau);
  const cut = `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  return `${viNumber(cut)}%`;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The units a figure came from, the responsible ones first in the plan's order. */
const orderUnits = (
  units: readonly string[],
  responsible: readonly string[],
): string[] => {
  const rank = (code: string) => {
    const i = responsible.indexOf(code);
    return i < 0 ? responsible.length : i;
  };
  return [...new Set(units)].sort((a, b) => rank(a) - rank(b) || byText(a, b));
};

const resultDetail = (
  values: Readonly<Record<string, string>>,
  indicator: Indicator | undefined,
  unitNames: readonly string[],
  countUnit: string | undefined,
): string => {
  const from =
    unitNames.length > 0
      ? `Theo báo cáo của ${pad2(unitNames.length)} đơn vị (${joinNames(unitNames)}); `
      : '';
  const tu = values.tu_so ?? '';
  const mau = values.mau_so ?? '';
  const value = values.gia_tri ?? '';
  const notes = values.ghi_chu ?? '';
  const met = values.danh_gia === 'dat';
  if (tu !== '' && mau !== '' && value !== '') {
    return `${from}đến nay đạt tỷ lệ là ${percentText(value, indicator, met, { tu, mau })} (${viNumber(tu)}/${viNumber(mau)}${countUnit ? ` ${countUnit}` : ''})`;
  }
  if (tu !== '' && mau === '') {
    const unit = indicator?.unit ? ` ${indicator.unit}` : '';
    const increase = values.tang_trong_quy
      ? `, tăng ${viNumber(values.tang_trong_quy)}${unit} trong quý`
      : '';
    return `${from}đến nay đạt ${viNumber(tu)}${unit}${increase}`;
  }
  if (notes !== '') return notes;
  if (value !== '') {
    const unit = indicator?.unit === '%' ? '%' : ` ${indicator?.unit ?? ''}`;
    return `${from}đến nay đạt ${viNumber(value)}${unit.trimEnd()}`;
  }
  return '';
};

const changeOf = (
  row: Readonly<Record<string, string>> | undefined,
  previous: Readonly<Record<string, string>> | undefined,
  status: string,
): AppendixChange => {
  if (!previous) {
    return {
      kind: 'first',
      text: { vi: 'Chưa có số liệu quý trước', en: 'No previous quarter' },
    };
  }
  const before = previous.trang_thai ?? NOT_REPORTED;
  if (before !== status) {
    return {
      kind: 'status',
      text: { vi: `Quý trước: ${before}`, en: `Previous quarter: ${before}` },
    };
  }
  const was = previous.gia_tri ?? '';
  const now = row?.gia_tri ?? '';
  if (was !== now && was !== '' && now !== '') {
    return {
      kind: 'value',
      text: {
        vi: `Quý trước: ${viNumber(was)} → ${viNumber(now)}`,
        en: `Previous quarter: ${was} → ${now}`,
      },
    };
  }
  return {
    kind: 'unchanged',
    text: { vi: 'Không đổi so với quý trước', en: 'Unchanged' },
  };
};

const buildRow = (
  input: AppendixInput,
  indicator: Indicator,
  found: ConsolidatedIndicator | undefined,
  previous: ConsolidatedIndicator | undefined,
): AppendixRow => {
  const period = parsePeriod(input.period);
  const values = found?.values;
  const reportedStatus = values?.trang_thai || NOT_REPORTED;
  const completed =
    reportedStatus === COMPLETED && values?.danh_gia !== 'chua_du_bao_cao';
  const status =
    reportedStatus === COMPLETED && !completed ? IN_PROGRESS : reportedStatus;
  const units = orderUnits(
    found?.units ?? (values ? indicator.responsible : []),
    indicator.responsible,
  );
  const unitName = (code: string) => {
    const r = period ? input.units.resolve(code, period) : undefined;
    return r?.status === 'valid' ? (r.unit.shortName ?? r.unit.name) : code;
  };
  const countUnit = input.reference.countUnits.get(indicator.code);
  const expected = values?.so_don_vi_phai_bao_cao
    ? Number(values.so_don_vi_phai_bao_cao)
    : indicator.responsible.filter(
        (code) =>
          period && input.units.resolve(code, period).status === 'valid',
      ).length;
  const reported = !values
    ? 0
    : found?.units
      ? units.filter((u) => indicator.responsible.includes(u)).length
      : Number(values.so_don_vi ?? 0);
  const coverage = reported < expected ? { reported, expected } : undefined;
  const overdue =
    !completed &&
    indicator.deadline !== undefined &&
    indicator.deadline <= input.period;
  const change = changeOf(values, previous?.values, status);
  const markText = [
    overdue ? 'Quá hạn' : '',
    coverage
      ? `Thiếu báo cáo: ${coverage.reported}/${coverage.expected} đơn vị`
      : '',
    change.kind === 'status' || change.kind === 'value' ? change.text.vi : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    code: indicator.code,
    stt: indicator.stt,
    name: indicator.name,
    deadline: {
      period: indicator.deadline ?? '',
      text: indicator.deadline
        ? deadlineText(indicator.deadline, indicator.firstYear)
        : '',
    },
    status,
    completed,
    detail: values
      ? resultDetail(values, indicator, units.map(unitName), countUnit)
      : '',
    ...(values &&
      (values.tu_so || values.gia_tri) && {
        figures: {
          ...(values.tu_so && { numerator: values.tu_so }),
          ...(values.mau_so && { denominator: values.mau_so }),
          ...(values.gia_tri && { value: values.gia_tri }),
          ...(countUnit && { countUnit }),
        },
      }),
    units,
    marks: { overdue, ...(coverage && { coverage }), change },
    markText,
  };
};

const summaryOf = (rows: readonly AppendixRow[]): AppendixSummary => {
  const count = (status: string) =>
    rows.filter((r) => r.status === status).length;
  const total = rows.length;
  const completed = rows.filter((r) => r.completed).length;
  const inProgress = count(IN_PROGRESS);
  const notStarted = count(NOT_STARTED);
  const notReported = count(NOT_REPORTED);
  const vi = [
    `Đã hoàn thành ${completed}/${total} chỉ tiêu`,
    `${inProgress} chỉ tiêu đang thực hiện`,
    ...(notStarted > 0 ? [`${notStarted} chỉ tiêu chưa thực hiện`] : []),
    ...(notReported > 0 ? [`${notReported} chỉ tiêu chưa có báo cáo`] : []),
  ];
  const en = [
    `${completed} of ${total} indicators completed`,
    `${inProgress} in progress`,
    ...(notStarted > 0 ? [`${notStarted} not started`] : []),
    ...(notReported > 0 ? [`${notReported} not reported`] : []),
  ];
  return {
    total,
    completed,
    inProgress,
    notStarted,
    notReported,
    overdue: rows.filter((r) => r.marks.overdue).length,
    incomplete: rows.filter((r) => r.marks.coverage).length,
    text: vi.join('; '),
    textEn: en.join('; '),
  };
};

const sttOrder = (a: Indicator, b: Indicator): number =>
  Number(a.stt) - Number(b.stt) || byText(a.code, b.code);

const buildPlan = (
  input: AppendixInput,
  plan: string,
  indicators: readonly Indicator[],
  current: ReadonlyMap<string, ConsolidatedIndicator>,
  previous: ReadonlyMap<string, ConsolidatedIndicator>,
): AppendixPlan => {
  const { pillars } = input.reference;
  const pillarCodes = [...new Set(indicators.map((i) => i.pillar))].sort(
    (a, b) =>
      (pillars.get(a)?.order ?? 99) - (pillars.get(b)?.order ?? 99) ||
      byText(a, b),
  );
  const groups: AppendixPillar[] = pillarCodes.map((code, i) => ({
    numeral: roman(i + 1),
    code,
    name: pillars.get(code)?.name ?? { vi: code, en: code },
    rows: indicators
      .filter((ind) => ind.pillar === code)
      .sort(sttOrder)
      .map((ind) =>
        buildRow(input, ind, current.get(ind.code), previous.get(ind.code)),
      ),
  }));
  const info = input.reference.plans.get(plan);
  const heading: Bilingual = info
    ? {
        vi: `Kết quả thực hiện các chỉ tiêu chuyển đổi số theo ${info.title.vi}${info.issuer ? ` của ${info.issuer}` : ''}`,
        en: `Results of the digital-transformation indicators of ${info.title.en}`,
      }
    : {
        vi: `Kết quả thực hiện các chỉ tiêu chuyển đổi số theo ${plan}`,
        en: `Results of the digital-transformation indicators of ${plan}`,
      };
  return {
    plan,
    heading,
    pillars: groups,
    summary: summaryOf(groups.flatMap((g) => g.rows)),
  };
};

/** `2023-10-26T02:30:00Z` → `26/10/2023 09:30` (Vietnam time, UTC+7). */
const vietnamTime = (iso: string): string => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};

const footerOf = (signOff: SignOff | undefined): Bilingual =>
  signOff
    ? {
        vi: `Số liệu chính thức: đã được phê duyệt bởi ${signOff.by} lúc ${vietnamTime(signOff.at)} (giờ Việt Nam)${signOff.note ? `. ${signOff.note}` : ''}`,
        en: `Official figures: approved by ${signOff.by} at ${signOff.at}${signOff.note ? `. ${signOff.note}` : ''}`,
      }
    : {
        vi: 'Số liệu tạm tính: quý này chưa được Ban Chỉ đạo phê duyệt.',
        en: 'Provisional figures: the quarter has not been approved by the Steering Committee yet.',
      };

/** The quarter before, `YYYY-Qn`. */
const previousPeriod = (period: string): string | undefined => {
  const p = parsePeriod(period);
  if (!p) return undefined;
  return p.quarter === 1
    ? formatPeriod({ year: p.year - 1, quarter: 4 })
    : formatPeriod({ year: p.year, quarter: (p.quarter - 1) as 1 | 2 | 3 });
};

/**
 * Builds the Committee's quarterly appendix of indicator results from the
 * consolidation in force: per plan with figures in the quarter, its
 * indicators grouped by pillar (Roman numerals), each with STT, name,
 * deadline as the plan writes it, status and a result sentence in Vietnamese
 * notation, marks (overdue, incomplete coverage, change since the previous
 * quarter) and the summary line; the footer says provisional or official.
 * Pure: the same input gives the same model.
 */
const buildAppendix = (input: AppendixInput): AppendixModel => {
  const current = new Map(
    input.rows.map((r) => [r.values.ma_chi_tieu ?? '', r]),
  );
  const previous = new Map(
    (input.previousRows ?? []).map((r) => [r.values.ma_chi_tieu ?? '', r]),
  );
  const plans: string[] = [];
  for (const indicator of input.indicators.values()) {
    if (current.has(indicator.code) && !plans.includes(indicator.plan)) {
      plans.push(indicator.plan);
    }
  }
  const parsed = parsePeriod(input.period);
  const periodText = quarterText(input.period);
  return {
    period: input.period,
    periodText,
    title: {
      vi: `Phụ lục: Kết quả thực hiện các chỉ tiêu chuyển đổi số, ${periodText}`,
      en: `Appendix: results of the digital-transformation indicators, ${input.period}`,
    },
    plans: plans.map((plan) =>
      buildPlan(
        input,
        plan,
        [...input.indicators.values()].filter((i) => i.plan === plan),
        current,
        previous,
      ),
    ),
    status: input.signOff ? 'chinh_thuc' : 'tam_tinh',
    ...(input.signOff && { signOff: input.signOff }),
    footer: footerOf(input.signOff),
    dataDate: parsed ? periodEnd(parsed) : '2000-01-01',
  };
};

/** Column headers of the appendix table, as seed 002 lays it out, plus the marks: one list for every format. */
const APPENDIX_HEADERS = [
  'STT',
  'Các chỉ tiêu',
  'Thời gian hoàn thành',
  'Kết quả đạt được',
  'Lưu ý',
] as const;

export { APPENDIX_HEADERS, buildAppendix, previousPeriod, quarterText, roman };
