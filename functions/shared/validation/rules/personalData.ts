import { type Finding, finding, NO_FINDINGS } from '../codes.js';
import { maskHits, screenPersonalData } from '../screenPersonalData.js';
import type { RowRule } from '../types.js';

/**
 * Free-text cells carry no citizen ID, phone number or e-mail (an error:
 * open data must not publish personal data), and what looks like a
 * person's name or home address is flagged for review (a warning). The
 * report shows the cell masked. The screen is linear in the cell's length
 * (see `screenPersonalData.ts`).
 */
const noPersonalData =
  (fields: readonly string[]): RowRule =>
  (row, ctx) => {
    let findings: Finding[] | undefined;
    for (const field of fields) {
      const text = row[field] ?? '';
      if (text === '') continue;
      const hits = screenPersonalData(text);
      if (hits.length === 0) continue;
      findings ??= [];
      findings.push(
        finding(
          hits.some((h) => h.certain)
            ? 'personal-data'
            : 'possible-personal-data',
          { line: ctx.line, field, value: maskHits(text, hits) },
        ),
      );
    }
    return findings ?? NO_FINDINGS;
  };

export { noPersonalData };
