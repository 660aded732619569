import type {
  DatasetSchema,
  FieldRole,
  RuleDeclaration,
} from '../schema/types.js';
import { type Finding, finding, NO_FINDINGS } from './codes.js';
import { formulaInjection } from './rules/formulaInjection.js';
import { greaterOrEqual } from './rules/greaterOrEqual.js';
import { indicatorKnown } from './rules/indicatorKnown.js';
import { indicatorResponsible } from './rules/indicatorResponsible.js';
import { localityValidForPeriod } from './rules/localityValidForPeriod.js';
import { numeratorWithinDenominator } from './rules/numeratorWithinDenominator.js';
import { periodMatchesSubmission } from './rules/periodMatchesSubmission.js';
import { noPersonalData } from './rules/personalData.js';
import { sumEqualsTotal } from './rules/sumEqualsTotal.js';
import { unitValidForPeriod } from './rules/unitValidForPeriod.js';
import type { RowRule } from './types.js';

interface NamedRule {
  readonly name: string;
  readonly check: RowRule;
}

const ROLE_RULES: Partial<
  Record<FieldRole, { name: string; rule: (field: string) => RowRule }>
> = {
  unit: { name: 'unit-valid', rule: unitValidForPeriod },
  period: { name: 'period-matches', rule: periodMatchesSubmission },
  indicator: { name: 'indicator-known', rule: indicatorKnown },
  locality: { name: 'locality-valid', rule: localityValidForPeriod },
};

const declaredRule = (declared: RuleDeclaration): RowRule => {
  switch (declared.rule) {
    case 'numerator-le-denominator':
      return numeratorWithinDenominator(
        declared.numerator,
        declared.denominator,
      );
    case 'sum-equals':
      return sumEqualsTotal(declared.parts, declared.total);
    case 'greater-or-equal':
      return greaterOrEqual(declared.field, declared.other);
  }
};

/** Text columns typed by hand: neither coded (role, enum) nor numeric. */
const freeTextFields = (schema: DatasetSchema): string[] =>
  schema.fields
    .filter(
      (f) =>
        f.type === 'string' &&
        f['x-role'] === undefined &&
        f.constraints?.enum === undefined,
    )
    .map((f) => f.name);

/**
 * Picks the row rules a schema asks for: by field role, by declared business
 * rule, and the safety rules on free text (personal data, formulas).
 */
const rulePackFor = (schema: DatasetSchema): NamedRule[] => [
  { name: 'personal-data', check: noPersonalData(freeTextFields(schema)) },
  {
    name: 'formula-injection',
    check: formulaInjection(freeTextFields(schema)),
  },
  ...schema.fields.flatMap((field) => {
    const role = field['x-role'] && ROLE_RULES[field['x-role']];
    return role ? [{ name: role.name, check: role.rule(field.name) }] : [];
  }),
  ...schema.fields
    .filter((field) => field['x-role'] === 'indicator')
    .map((field) => ({
      name: 'indicator-responsible',
      check: indicatorResponsible(field.name),
    })),
  ...(schema['x-dataset'].rules ?? []).map((declared) => ({
    name: declared.rule,
    check: declaredRule(declared),
  })),
];

/** Runs a pack on a row; a rule that throws becomes a `rule-error` finding. */
const applyRules = (
  rules: readonly NamedRule[],
  ...[row, ctx]: Parameters<RowRule>
): ReturnType<RowRule> => {
  let findings: Finding[] | undefined;
  for (const { name, check } of rules) {
    let found: ReturnType<RowRule>;
    try {
      found = check(row, ctx);
    } catch {
      found = [finding('rule-error', { line: ctx.line, value: name })];
    }
    if (found.length === 0) continue;
    findings ??= [];
    findings.push(...found);
  }
  return findings ?? NO_FINDINGS;
};

export type { NamedRule };
export { applyRules, rulePackFor };
