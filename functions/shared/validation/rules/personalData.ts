import { type Finding, finding, NO_FINDINGS } from '../codes.js';
import type { RowRule } from '../types.js';

// 12-digit citizen ID (CCCD), Vietnamese mobile/landline numbers, e-mail.
const PATTERNS: readonly RegExp[] = [
  /(?<!\d)\d{12}(?!\d)/g,
  /(?<![\d+])(?:\+?84|0)(?:[\s.-]?\d){9,10}(?!\d)/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

/** Masks every personal identifier in a text, keeping its first and last two characters. */
const maskPersonalData = (text: string): string =>
  PATTERNS.reduce(
    (masked, pattern) =>
      masked.replace(pattern, (m) =>
        m.length <= 4
          ? '*'.repeat(m.length)
          : `${m.slice(0, 2)}${'*'.repeat(m.length - 4)}${m.slice(-2)}`,
      ),
    text,
  );

// One pass over the text to detect any of them; masking is only for the report.
const DETECT = new RegExp(PATTERNS.map((p) => p.source).join('|'));

/**
 * What every match needs: an `@`, or ten digits with at most one space, dot
 * or dash between them. Cheap to test, so the full patterns run only on
 * the few cells that pass it.
 */
const CANDIDATE = /@|\d(?:[\s.-]?\d){9}/;

const hasPersonalData = (text: string): boolean =>
  CANDIDATE.test(text) && DETECT.test(text);

/**
 * Free-text cells carry no citizen ID, phone number or e-mail: open data
 * must not publish personal data. The report shows the cell masked.
 */
const noPersonalData =
  (fields: readonly string[]): RowRule =>
  (row, ctx) => {
    let findings: Finding[] | undefined;
    for (const field of fields) {
      const text = row[field] ?? '';
      if (text === '' || !hasPersonalData(text)) continue;
      findings ??= [];
      findings.push(
        finding('personal-data', {
          line: ctx.line,
          field,
          value: maskPersonalData(text),
        }),
      );
    }
    return findings ?? NO_FINDINGS;
  };

export { maskPersonalData, noPersonalData };
