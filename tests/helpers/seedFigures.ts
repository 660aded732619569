import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from './catalogue.js';

/** One seed figure: the sum of a published dataset's column over a period (and filter). */
export interface SeedFigure {
  readonly dataset: string;
  readonly period: string;
  readonly filter?: Record<string, string>;
  readonly field: string;
  readonly value: number;
  readonly source: string;
}

/** An expected finding of a bad fixture. */
export interface ExpectedFinding {
  readonly file: string;
  readonly key: string;
  readonly type: string;
  readonly rowNumber: number;
  readonly fieldName: string;
}

/** `fixtures/expected/seed-figures.json`: what the fixtures must reproduce. */
export const seed = JSON.parse(
  readFileSync(join(FIXTURES_DIR, 'expected', 'seed-figures.json'), 'utf8'),
) as {
  submissions: { files: number; accepted: number; rejected: number };
  figures: SeedFigure[];
  indicatorStatus2023Q3: {
    completed: number;
    inProgress: number;
    total: number;
  };
  indicatorStatuses2023Q3: { code: string; status: string }[];
  derived: Record<string, Record<string, number | string>[]>;
  rejectedSubmissions: ExpectedFinding[];
  badFixtures: ExpectedFinding[];
};

/** Sums a column of published rows for a seed figure, exactly. */
export const sumOf = (
  rows: readonly Record<string, string>[],
  figure: SeedFigure,
): number =>
  Number(
    rows
      .filter(
        (r) =>
          r.ky_bao_cao === figure.period &&
          Object.entries(figure.filter ?? {}).every(([k, v]) => r[k] === v),
      )
      .reduce((sum, r) => sum + BigInt(r[figure.field] || '0'), 0n),
  );
