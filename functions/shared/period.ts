/** A reporting quarter such as `2023-Q3`. */
export interface Period {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

/** The canonical `YYYY-Qn` form, as a pattern to build others from (keys, routes, flags). */
const PERIOD_PATTERN = '(\\d{4})-Q([1-4])';

const PERIOD_RE = new RegExp(`^${PERIOD_PATTERN}$`);

/** Parses the canonical `YYYY-Qn` form; anything else gives undefined. */
const parsePeriod = (text: string): Period | undefined => {
  const match = PERIOD_RE.exec(text);
  if (!match) return undefined;
  return {
    year: Number(match[1]),
    quarter: Number(match[2]) as Period['quarter'],
  };
};

/** Formats a period as `YYYY-Qn`. */
const formatPeriod = (p: Period): string => `${p.year}-Q${p.quarter}`;

/** First day of the quarter, `YYYY-MM-DD`. */
const periodStart = (p: Period): string =>
  `${p.year}-${String((p.quarter - 1) * 3 + 1).padStart(2, '0')}-01`;

/** Last day of the quarter, `YYYY-MM-DD`. */
const periodEnd = (p: Period): string => {
  const month = p.quarter * 3;
  const day = new Date(Date.UTC(p.year, month, 0)).getUTCDate();
  return `${p.year}-${String(month).padStart(2, '0')}-${day}`;
};

/** The quarter a date falls in. */
const periodOf = (date: Date): Period => ({
  year: date.getUTCFullYear(),
  quarter: (Math.floor(date.getUTCMonth() / 3) + 1) as Period['quarter'],
});

export {
  formatPeriod,
  PERIOD_PATTERN,
  parsePeriod,
  periodEnd,
  periodOf,
  periodStart,
};
