import { createHash } from 'node:crypto';
import {
  consolidateIndicators,
  type UnitMeasures,
} from '../shared/aggregate/consolidateIndicators.js';
import { sumByGroup } from '../shared/aggregate/sumByGroup.js';
import type {
  AggregateItem,
  AggregateSource,
  HistoryItem,
} from '../shared/aws/table/aggregates.js';
import { byText } from '../shared/byText.js';
import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { formatPeriod, parsePeriod } from '../shared/period.js';
import {
  expectedSubmitters,
  responsibleMeasures,
  responsibleUnits,
} from '../shared/reference/responsibility.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { DatasetSchema } from '../shared/schema/types.js';

/** The ports the rollup works through. */
export interface RollupDeps {
  readonly catalogue: Catalogue;
  listCurrent(period: string, datasetId: string): Promise<SubmissionRecord[]>;
  listAggregates(period: string, datasetId: string): Promise<AggregateItem[]>;
  replaceAggregates(
    period: string,
    datasetId: string,
    rows: readonly AggregateItem[],
  ): Promise<void>;
  appendHistory(items: readonly HistoryItem[]): Promise<void>;
  now(): Date;
}

/** What one rollup did, per derived dataset. */
export interface RollupSummary {
  readonly period: string;
  readonly datasets: {
    datasetId: string;
    rows: number;
    units: number;
    changed: number;
  }[];
}

/** The consolidated rows of one derived dataset, each with its group key and the groups of the source it covers. */
const consolidate = (
  period: string,
  derived: DatasetSchema,
  catalogue: Catalogue,
  units: readonly UnitMeasures[],
  previous: readonly AggregateItem[],
): {
  group: string;
  values: Record<string, string>;
  covers: (g: string, m: Record<string, string>) => boolean;
}[] => {
  const meta = derived['x-dataset'];
  const source = catalogue.schemas.get(meta.derivedFrom?.[0] ?? '');
  const p = parsePeriod(period);
  if (meta.aggregate) {
    const periodField =
      source?.fields.find((f) => f['x-role'] === 'period')?.name ??
      'ky_bao_cao';
    const keys = meta.aggregate.groupBy.filter((g) => g !== periodField);
    return sumByGroup(
      period,
      derived,
      periodField,
      units,
      p
        ? expectedSubmitters(catalogue, meta.derivedFrom?.[0] ?? '', p).length
        : 0,
    ).map((values) => ({
      group: keys.map((k) => values[k] ?? '').join('|') || '*',
      values,
      covers: (_g, m) => keys.every((k) => (m[k] ?? '') === (values[k] ?? '')),
    }));
  }
  const before = new Map(previous.map((a) => [a.group, a.values]));
  return consolidateIndicators(
    period,
    units,
    catalogue.indicators,
    before,
    (code) => (p ? responsibleUnits(catalogue, code, p) : []),
  ).map((values) => ({
    group: values.ma_chi_tieu ?? '',
    values,
    covers: (g) => g === values.ma_chi_tieu,
  }));
};

const sourcesOf = (
  current: readonly SubmissionRecord[],
  covers: (group: string, measures: Record<string, string>) => boolean,
): AggregateSource[] =>
  current
    .map((s) => {
      const groups = Object.entries(s.measures ?? {}).filter(([g, m]) =>
        covers(g, m),
      );
      return {
        unitCode: s.unitCode,
        submissionId: s.submissionId,
        key: s.key,
        ...(s.versionId && { versionId: s.versionId }),
        lines: groups
          .flatMap(([g]) => s.lineage?.[g] ?? [])
          .sort((a, b) => a - b),
        contributes: groups.length > 0,
      };
    })
    .filter((s) => s.contributes)
    .map(({ contributes: _, ...source }) => source)
    .sort((a, b) => byText(a.unitCode, b.unitCode));

/** The consolidated rows of the previous quarter of the same year (year-to-date figures need them). */
const previousQuarter = async (
  period: string,
  datasetId: string,
  deps: RollupDeps,
): Promise<AggregateItem[]> => {
  const p = parsePeriod(period);
  if (!p || p.quarter === 1) return [];
  return deps.listAggregates(
    formatPeriod({ year: p.year, quarter: (p.quarter - 1) as 1 | 2 | 3 }),
    datasetId,
  );
};

/** Why a row changed, from the submissions it came from before and now. */
const reasonFor = (
  previous: readonly AggregateSource[],
  current: readonly AggregateSource[],
): string => {
  const before = new Map(previous.map((s) => [s.unitCode, s.submissionId]));
  const after = new Map(current.map((s) => [s.unitCode, s.submissionId]));
  const parts: string[] = [];
  for (const [unit, id] of after) {
    const old = before.get(unit);
    if (old === undefined) parts.push(`${unit}: mới / new ${id}`);
    else if (old !== id) {
      parts.push(`${unit}: ${old} → ${id} (nộp lại / corrected)`);
    }
  }
  for (const [unit, id] of before) {
    if (!after.has(unit))
      parts.push(`${unit}: ${id} không còn hiệu lực / withdrawn`);
  }
  return parts.join('; ') || 'tính lại / recomputed';
};

const changeIdOf = (
  values: Record<string, string>,
  sources: readonly AggregateSource[],
) =>
  createHash('sha256')
    .update(JSON.stringify([values, sources.map((s) => s.submissionId)]))
    .digest('hex')
    .slice(0, 16);

/**
 * Consolidates the accepted submissions in force for a period into the
 * derived datasets that declare them as source (`x-dataset.derivedFrom`),
 * keeps each figure's lineage, and records every changed figure in the
 * history with its reason. Re-running it without new input changes nothing.
 */
const rollUpQuarter = async (
  period: string,
  deps: RollupDeps,
): Promise<RollupSummary> => {
  const datasets: RollupSummary['datasets'] = [];
  const changedAt = deps.now().toISOString();
  for (const schema of deps.catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    const source = meta.derivedFrom?.[0];
    if (meta.kind !== 'derived' || !source) continue;
    const p = parsePeriod(period);
    // Rows of indicators a unit is not responsible for stay in its own
    // dataset but never count here.
    const current = (await deps.listCurrent(period, source)).map((s) => ({
      ...s,
      measures:
        p &&
        responsibleMeasures(
          deps.catalogue,
          source,
          p,
          s.unitCode,
          s.measures ?? {},
        ),
    }));
    const units = current.map((s) => ({
      unitCode: s.unitCode,
      measures: s.measures ?? {},
    }));
    const rows: AggregateItem[] = consolidate(
      period,
      schema,
      deps.catalogue,
      units,
      await previousQuarter(period, meta.id, deps),
    ).map(({ group, values, covers }) => ({
      period,
      datasetId: meta.id,
      group,
      values,
      sources: sourcesOf(current, covers),
    }));
    const before = new Map(
      (await deps.listAggregates(period, meta.id)).map((a) => [a.group, a]),
    );
    const history: HistoryItem[] = [];
    for (const row of rows) {
      const old = before.get(row.group);
      if (!old || JSON.stringify(old.values) === JSON.stringify(row.values)) {
        continue;
      }
      history.push({
        period,
        datasetId: meta.id,
        group: row.group,
        changeId: changeIdOf(row.values, row.sources ?? []),
        changedAt,
        reason: reasonFor(old.sources ?? [], row.sources ?? []),
        previous: old.values,
        current: row.values,
      });
    }
    await deps.appendHistory(history);
    await deps.replaceAggregates(period, meta.id, rows);
    datasets.push({
      datasetId: meta.id,
      rows: rows.length,
      units: current.length,
      changed: history.length,
    });
  }
  return { period, datasets };
};

export { rollUpQuarter };
