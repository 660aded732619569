import { finding } from '../codes.js';
import type { RowRule } from '../types.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** Warns about text cells a spreadsheet would run as a formula; publication neutralises them. */
const formulaInjection =
  (fields: readonly string[]): RowRule =>
  (row, ctx) =>
    fields.flatMap((field) => {
      const text = row[field] ?? '';
      if (!FORMULA_START.test(text)) return [];
      return [
        finding('formula-injection', {
          line: ctx.line,
          field,
          value: text.slice(0, 40),
        }),
      ];
    });

export { FORMULA_START, formulaInjection };
