import type { DatasetSchema } from '../schema/types.js';
import { finding } from './codes.js';
import { indicatorKnown } from './rules/indicatorKnown.js';
import { numeratorWithinDenominator } from './rules/numeratorWithinDenominator.js';
import { periodMatchesSubmission } from './rules/periodMatchesSubmission.js';
import { unitValidForPeriod } from './rules/unitValidForPeriod.js';
import type { RowRule } from './types.js';

interface NamedRule {
  readonly name: string;
  readonly check: RowRule;
}

/** Picks the row rules a schema asks for: by field role and by declared business rule. */
const rulePackFor = (schema: DatasetSchema): NamedRule[] => {
  const rules: NamedRule[] = [];
  for (const field of schema.fields) {
    if (field['x-role'] === 'unit') {
      rules.push({ name: 'unit-valid', check: unitValidForPeriod(field.name) });
    } else if (field['x-role'] === 'period') {
      rules.push({
        name: 'period-matches',
        check: periodMatchesSubmission(field.name),
      });
    } else if (field['x-role'] === 'indicator') {
      rules.push({
        name: 'indicator-known',
        check: indicatorKnown(field.name),
      });
    }
  }
  for (const declared of schema['x-dataset'].rules ?? []) {
    if (declared.rule === 'numerator-le-denominator') {
      rules.push({
        name: declared.rule,
        check: numeratorWithinDenominator(
          declared.numerator,
          declared.denominator,
        ),
      });
    }
  }
  return rules;
};

/** Runs a pack on a row; a rule that throws becomes a `rule-error` finding. */
const applyRules: (
  rules: readonly NamedRule[],
  ...args: Parameters<RowRule>
) => ReturnType<RowRule> = (rules, row, ctx) =>
  rules.flatMap(({ name, check }) => {
    try {
      return check(row, ctx);
    } catch {
      return [finding('rule-error', { line: ctx.line, value: name })];
    }
  });

export type { NamedRule };
export { applyRules, rulePackFor };
