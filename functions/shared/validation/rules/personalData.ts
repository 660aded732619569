import { finding } from '../codes.js';
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

const digitCount = (text: string): number => {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
};

// Cheap guards first: a phone number needs 9 digits, an e-mail an `@`.
const hasPersonalData = (text: string): boolean =>
  (text.includes('@') || digitCount(text) >= 9) &&
  PATTERNS.some((pattern) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  });

/**
 * Free-text cells carry no citizen ID, phone number or e-mail: open data
 * must not publish personal data. The report shows the cell masked.
 */
const noPersonalData =
  (fields: readonly string[]): RowRule =>
  (row, ctx) =>
    fields.flatMap((field) => {
      const text = row[field] ?? '';
      if (text === '' || !hasPersonalData(text)) return [];
      return [
        finding('personal-data', {
          line: ctx.line,
          field,
          value: maskPersonalData(text),
        }),
      ];
    });

export { maskPersonalData, noPersonalData };
