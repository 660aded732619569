import type {
  Bilingual,
  DatasetSchema,
  NormalizedRow,
} from '../schema/types.js';
import { codeLabels, esc, fieldLabel, formatNumber } from './html.js';
import { periodField } from './releases.js';
import type { ChartSpec } from './types.js';

/** What a chart is drawn from. */
export interface ChartInput {
  readonly schema: DatasetSchema;
  readonly rows: readonly NormalizedRow[];
  readonly periods: readonly string[];
  /** Name of an administrative unit in a period, for locality labels. */
  readonly unitName?: (code: string, period: string) => string | undefined;
  /** Name of a plan indicator, for tooltips. */
  readonly indicatorName?: (code: string) => Bilingual | undefined;
}

/** A drawn chart: its caption and an inline SVG. */
export interface Chart {
  readonly title: Bilingual;
  readonly svg: string;
}

interface Series {
  readonly label: Bilingual;
  readonly values: readonly number[];
}

interface BarItem {
  readonly label: string;
  readonly hint: string;
  readonly value: number;
  readonly target?: number;
  readonly met?: boolean;
}

const WIDTH = 720;
const MAX_SERIES = 6;

/** A number as SVG text in both notations. */
const svgNum = (n: number): string =>
  `<tspan lang="vi">${formatNumber(n, 'vi')}</tspan><tspan lang="en">${formatNumber(n, 'en')}</tspan>`;

const svgText = (text: Bilingual): string =>
  text.vi === text.en
    ? esc(text.vi)
    : `<tspan lang="vi">${esc(text.vi)}</tspan><tspan lang="en">${esc(text.en)}</tspan>`;

/** A round axis maximum and step: 1, 2 or 5 times a power of ten, about five ticks. */
const niceScale = (max: number): { top: number; step: number } => {
  if (max <= 0) return { top: 1, step: 1 };
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return { top: Math.ceil(max / step) * step, step };
};

const round = (n: number) => Math.round(n * 10) / 10;

/** Vertical bars per category, one colour per series, with a y axis and a legend. */
const groupedBars = (
  categories: readonly string[],
  series: readonly Series[],
  label: Bilingual,
): string => {
  const left = 72;
  const right = 12;
  const top = 12;
  const plotHeight = 220;
  const legendTop = top + plotHeight + 34;
  const height = legendTop + series.length * 20 + 4;
  const plotWidth = WIDTH - left - right;
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const { top: yMax, step } = niceScale(max);
  const y = (v: number) => round(top + plotHeight - (v / yMax) * plotHeight);
  const band = plotWidth / Math.max(1, categories.length);
  const barWidth = round((band * 0.8) / Math.max(1, series.length));
  const parts: string[] = [];
  for (let k = 0; k * step <= yMax + step / 2; k++) {
    const v = Number((k * step).toPrecision(12));
    parts.push(
      `<line class="grid" x1="${left}" x2="${WIDTH - right}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text class="tick" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${svgNum(v)}</text>`,
    );
  }
  categories.forEach((category, c) => {
    const x0 = left + c * band + band * 0.1;
    series.forEach((s, i) => {
      const value = s.values[c] ?? 0;
      parts.push(
        `<rect class="bar s${i}" x="${round(x0 + i * barWidth)}" y="${y(value)}" width="${Math.max(1, barWidth - 1)}" height="${round(top + plotHeight - y(value))}"><title>${esc(s.label.vi)} · ${esc(category)}: ${formatNumber(value, 'vi')}</title></rect>`,
      );
    });
    parts.push(
      `<text class="cat" x="${round(left + c * band + band / 2)}" y="${top + plotHeight + 18}" text-anchor="middle">${esc(category)}</text>`,
    );
  });
  series.forEach((s, i) => {
    const ly = legendTop + i * 20;
    parts.push(
      `<rect class="swatch s${i}" x="${left}" y="${ly - 10}" width="12" height="12"/>`,
      `<text class="legend" x="${left + 18}" y="${ly}">${svgText(s.label)}</text>`,
    );
  });
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(label.vi)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
};

/** Horizontal bars, one per item, with an optional target mark each. */
const horizontalBars = (
  items: readonly BarItem[],
  label: Bilingual,
): string => {
  const left = 210;
  const right = 70;
  const rowHeight = 24;
  const top = 8;
  const plotWidth = WIDTH - left - right;
  const max = Math.max(0, ...items.flatMap((i) => [i.value, i.target ?? 0]));
  const { top: xMax } = niceScale(max);
  const x = (v: number) => round(left + (v / xMax) * plotWidth);
  const height = top + items.length * rowHeight + 8;
  const parts = items.map((item, r) => {
    const y = top + r * rowHeight;
    const cls = item.met === undefined ? 's0' : item.met ? 'met' : 'unmet';
    const target =
      item.target === undefined
        ? ''
        : `<line class="target" x1="${x(item.target)}" x2="${x(item.target)}" y1="${y}" y2="${y + rowHeight - 4}"><title>${esc(item.label)}: mục tiêu / target ${formatNumber(item.target, 'vi')}</title></line>`;
    return (
      `<text class="cat" x="${left - 8}" y="${y + 15}" text-anchor="end">${esc(item.label)}<title>${esc(item.hint)}</title></text>` +
      `<rect class="bar ${cls}" x="${left}" y="${y + 3}" width="${Math.max(1, round(x(item.value) - left))}" height="${rowHeight - 10}"><title>${esc(item.hint)}: ${formatNumber(item.value, 'vi')}</title></rect>` +
      target +
      `<text class="value" x="${x(Math.max(item.value, item.target ?? 0)) + 6}" y="${y + 15}">${svgNum(item.value)}</text>`
    );
  });
  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${esc(label.vi)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
};

const numberOf = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
};

const fieldOf = (schema: DatasetSchema, name: string) => {
  const field = schema.fields.find((f) => f.name === name);
  if (!field) throw new Error(`No field ${name} in ${schema['x-dataset'].id}`);
  return field;
};

const trendChart = (
  input: ChartInput,
  fields: readonly string[],
): Chart | undefined => {
  const period = periodField(input.schema);
  if (!period || input.periods.length === 0) return undefined;
  const series = fields.slice(0, MAX_SERIES).map((name) => ({
    label: fieldLabel(fieldOf(input.schema, name)),
    values: input.periods.map((p) =>
      input.rows
        .filter((r) => r[period] === p)
        .reduce((sum, r) => sum + (numberOf(r[name]) ?? 0), 0),
    ),
  }));
  const title = { vi: 'Tổng theo quý', en: 'Totals by quarter' };
  return { title, svg: groupedBars(input.periods, series, title) };
};

const countChart = (input: ChartInput, name: string): Chart | undefined => {
  const period = periodField(input.schema);
  if (!period || input.periods.length === 0) return undefined;
  const field = fieldOf(input.schema, name);
  const labels = codeLabels(field);
  const tally = new Map<string, number>();
  for (const r of input.rows) {
    const v = r[name] ?? '';
    if (v !== '') tally.set(v, (tally.get(v) ?? 0) + 1);
  }
  const values = [...tally]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, MAX_SERIES)
    .map(([v]) => v);
  const series = values.map((v) => ({
    label: { vi: labels.get(v) ?? v, en: labels.get(v) ?? v },
    values: input.periods.map(
      (p) => input.rows.filter((r) => r[period] === p && r[name] === v).length,
    ),
  }));
  const title = {
    vi: `Số dòng theo ${field.title.toLowerCase()} và quý`,
    en: `Rows by ${fieldLabel(field).en.toLowerCase()} and quarter`,
  };
  return { title, svg: groupedBars(input.periods, series, title) };
};

const localityChart = (input: ChartInput, name: string): Chart | undefined => {
  const period = periodField(input.schema);
  const locality = input.schema.fields.find(
    (f) => f['x-role'] === 'locality',
  )?.name;
  const latest = input.periods[input.periods.length - 1];
  if (!period || !locality || !latest) return undefined;
  const sums = new Map<string, number>();
  for (const r of input.rows) {
    const value = numberOf(r[name]);
    const place = r[locality];
    if (r[period] !== latest || value === undefined || !place) continue;
    sums.set(place, (sums.get(place) ?? 0) + value);
  }
  if (sums.size === 0) return undefined;
  const items = [...sums]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, 15)
    .map(([code, value]) => {
      const label = input.unitName?.(code, latest) ?? code;
      return { label, hint: `${label} (${code})`, value };
    });
  const field = fieldLabel(fieldOf(input.schema, name));
  const title = {
    vi: `${field.vi} theo địa bàn, ${latest} (${items.length} địa bàn cao nhất)`,
    en: `${field.en} by locality, ${latest} (top ${items.length})`,
  };
  return { title, svg: horizontalBars(items, title) };
};

const TARGET_RE = /^\s*(>=|>|<=|<|=)?\s*(\d+(?:[.,]\d+)?)/;

const meets = (value: number, operator: string, target: number): boolean =>
  operator === '>'
    ? value > target
    : operator === '<'
      ? value < target
      : operator === '<='
        ? value <= target
        : operator === '='
          ? value === target
          : value >= target;

const targetChart = (
  input: ChartInput,
  spec: Extract<ChartSpec, { kind: 'targets' }>,
): Chart | undefined => {
  const period = periodField(input.schema);
  if (!period) return undefined;
  const itemsOf = (p: string): BarItem[] =>
    input.rows
      .filter(
        (r) =>
          r[period] === p &&
          Object.entries(spec.where ?? {}).every(([k, v]) => r[k] === v),
      )
      .flatMap((r) => {
        const value = numberOf(r[spec.field]);
        const match = TARGET_RE.exec(r[spec.target] ?? '');
        if (value === undefined || !match?.[2]) return [];
        const target = Number(match[2].replace(',', '.'));
        const code = r[spec.label] ?? '';
        const name = input.indicatorName?.(code)?.vi;
        return [
          {
            label: code,
            hint: name ? `${code}: ${name}` : code,
            value,
            target,
            met: spec.met
              ? Object.entries(spec.met).every(([k, v]) => r[k] === v)
              : meets(value, match[1] ?? '>=', target),
          },
        ];
      });
  const latest = [...input.periods]
    .reverse()
    .find((p) => itemsOf(p).length > 0);
  if (!latest) return undefined;
  const title = {
    vi: `Giá trị so với mục tiêu kế hoạch, ${latest} (vạch đen: mục tiêu)`,
    en: `Value against the plan target, ${latest} (black mark: target)`,
  };
  return { title, svg: horizontalBars(itemsOf(latest), title) };
};

/**
 * Draws a dataset's declared charts as inline SVG at publish time: totals by
 * quarter, row counts by a category, values per locality, values against
 * targets. A chart without data to show is left out.
 */
const buildCharts = (specs: readonly ChartSpec[], input: ChartInput): Chart[] =>
  specs.flatMap((spec) => {
    const chart =
      spec.kind === 'trend'
        ? trendChart(input, spec.fields)
        : spec.kind === 'count-by'
          ? countChart(input, spec.field)
          : spec.kind === 'by-locality'
            ? localityChart(input, spec.field)
            : targetChart(input, spec);
    return chart ? [chart] : [];
  });

export { buildCharts, niceScale };
