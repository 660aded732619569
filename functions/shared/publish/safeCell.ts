import { FORMULA_START } from '../validation/rules/formulaInjection.js';

/**
 * Neutralises a text cell that a spreadsheet would run as a formula
 * (OWASP "CSV injection") by prefixing a single quote.
 */
const neutraliseFormula = (cell: string): string =>
  FORMULA_START.test(cell) ? `'${cell}` : cell;

export { neutraliseFormula };
