import type { Period } from '../period.js';
import type { UnitRegistry } from '../reference/units.js';

/** A figure reported by one unit, exact. */
export interface UnitFigure {
  readonly unitCode: string;
  readonly value: bigint;
}

/**
 * Sums figures up one level of the unit hierarchy (communes → districts,
 * or any level → its parent) and to the whole. Units without a parent go
 * straight into the total, so the total always equals the sum of inputs.
 */
const rollUpHierarchy = (
  figures: readonly UnitFigure[],
  parentOf: (unitCode: string) => string | undefined,
): { byParent: Map<string, bigint>; total: bigint } => {
  const byParent = new Map<string, bigint>();
  let total = 0n;
  for (const { unitCode, value } of figures) {
    total += value;
    const parent = parentOf(unitCode);
    if (parent !== undefined) {
      byParent.set(parent, (byParent.get(parent) ?? 0n) + value);
    }
  }
  return { byParent, total };
};

/** One row of the 2025 old → new commune crosswalk. */
export interface CrosswalkLink {
  readonly oldCode: string;
  readonly newCode: string;
  readonly relation: 'whole' | 'remainder' | 'part' | 'unchanged';
}

/**
 * Re-maps pre-reform commune figures onto the communes in force from
 * 2025-07-01. An old commune's figure goes to the successor that took it
 * whole, unchanged or its remainder; territory split off as a `part` cannot
 * be apportioned without weights, so it is listed, never double counted.
 * Figures of codes the crosswalk does not know are returned unmapped.
 */
const remapThroughCrosswalk = (
  figures: readonly UnitFigure[],
  links: readonly CrosswalkLink[],
): {
  mapped: Map<string, bigint>;
  partlyMoved: { oldCode: string; alsoTo: string[] }[];
  unmapped: UnitFigure[];
} => {
  const successor = new Map<string, string>();
  const parts = new Map<string, string[]>();
  for (const link of links) {
    if (link.relation === 'part') {
      parts.set(link.oldCode, [
        ...(parts.get(link.oldCode) ?? []),
        link.newCode,
      ]);
    } else {
      successor.set(link.oldCode, link.newCode);
    }
  }
  const mapped = new Map<string, bigint>();
  const partlyMoved: { oldCode: string; alsoTo: string[] }[] = [];
  const unmapped: UnitFigure[] = [];
  for (const figure of figures) {
    const target = successor.get(figure.unitCode);
    if (target === undefined) {
      unmapped.push(figure);
      continue;
    }
    mapped.set(target, (mapped.get(target) ?? 0n) + figure.value);
    const alsoTo = parts.get(figure.unitCode);
    if (alsoTo) partlyMoved.push({ oldCode: figure.unitCode, alsoTo });
  }
  return { mapped, partlyMoved, unmapped };
};

/** Quarterly flows from year-to-date figures of one year: Q1 = YTD(Q1), Qn = YTD(Qn) − YTD(Qn−1). */
const ytdToQuarterly = (
  ytd: ReadonlyMap<number, bigint>,
): Map<number, bigint> => {
  const flows = new Map<number, bigint>();
  for (const [quarter, value] of ytd) {
    if (quarter === 1) flows.set(1, value);
    else {
      const previous = ytd.get(quarter - 1);
      if (previous !== undefined) flows.set(quarter, value - previous);
    }
  }
  return flows;
};

/** Year-to-date figures from quarterly flows, for the quarters whose every predecessor is known. */
const quarterlyToYtd = (
  flows: ReadonlyMap<number, bigint>,
): Map<number, bigint> => {
  const ytd = new Map<number, bigint>();
  let running = 0n;
  for (let quarter = 1; quarter <= 4; quarter++) {
    const flow = flows.get(quarter);
    if (flow === undefined) break;
    running += flow;
    ytd.set(quarter, running);
  }
  return ytd;
};

/**
 * Whether a locality lies in a reporting unit's area as of the period: the
 * unit itself or a unit below it. Agencies (operators, provincial
 * departments) and the province cover the whole province.
 */
const isWithinArea = (
  units: UnitRegistry,
  localityCode: string,
  reporterCode: string,
  period: Period,
): boolean => {
  const reporter = units.resolve(reporterCode, period);
  if (reporter.status !== 'valid') return true;
  const { kind } = reporter.unit;
  if (kind !== 'district' && kind !== 'commune') return true;
  let code: string | undefined = localityCode;
  // Parents resolve as of the same period; a chain is at most three levels.
  for (let depth = 0; code !== undefined && depth < 5; depth++) {
    if (code === reporterCode) return true;
    const resolved = units.resolve(code, period);
    code = resolved.status === 'valid' ? resolved.unit.parentCode : undefined;
  }
  return false;
};

export {
  isWithinArea,
  quarterlyToYtd,
  remapThroughCrosswalk,
  rollUpHierarchy,
  ytdToQuarterly,
};
