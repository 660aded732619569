import type { DatasetSchema } from '../schema/types.js';
import type { UnitMeasures } from './consolidateIndicators.js';

/**
 * Consolidates a source dataset into a derived one that declares
 * `x-dataset.aggregate`: the derived schema's integer fields are summed per
 * group (`groupBy`, the period included), `count` receives the number of
 * contributing units and `expected` the number of units expected to submit
 * (`expectedUnits`). Rows come out sorted by group.
 */
const sumByGroup = (
  period: string,
  derived: DatasetSchema,
  periodField: string,
  units: readonly UnitMeasures[],
  expectedUnits = 0,
): Record<string, string>[] => {
  const spec = derived['x-dataset'].aggregate;
  if (!spec) return [];
  const keys = spec.groupBy.filter((g) => g !== periodField);
  const summed = derived.fields
    .filter(
      (f) =>
        f.type === 'integer' &&
        f.name !== spec.count &&
        f.name !== spec.expected,
    )
    .map((f) => f.name);
  const groups = new Map<
    string,
    {
      dims: Record<string, string>;
      sums: Map<string, bigint>;
      units: Set<string>;
    }
  >();
  for (const { unitCode, measures } of units) {
    for (const values of Object.values(measures)) {
      const dims = Object.fromEntries(keys.map((k) => [k, values[k] ?? '']));
      const id = keys.map((k) => dims[k]).join('|');
      const group = groups.get(id) ?? {
        dims,
        sums: new Map(),
        units: new Set(),
      };
      group.units.add(unitCode);
      for (const name of summed) {
        const v = values[name];
        if (v !== undefined && v !== '') {
          group.sums.set(name, (group.sums.get(name) ?? 0n) + BigInt(v));
        }
      }
      groups.set(id, group);
    }
  }
  return [...groups.keys()].sort().map((id) => {
    const g = groups.get(id);
    if (!g) throw new Error('unreachable');
    const row: Record<string, string> = { [periodField]: period, ...g.dims };
    for (const name of summed) row[name] = g.sums.get(name)?.toString() ?? '';
    if (spec.count) row[spec.count] = String(g.units.size);
    if (spec.expected) row[spec.expected] = String(expectedUnits);
    return row;
  });
};

export { sumByGroup };
