import type { Finding, FindingType } from './codes.js';

/** Findings of one type: how many, and the first few in full. */
export interface FindingGroup {
  readonly type: FindingType;
  readonly severity: Finding['severity'];
  readonly count: number;
  readonly rowNumbers: number[];
}

/** Keeps counts of every finding but only the first `keep` of each type in full. */
const createFindingCollector = (keep = 20) => {
  const kept: Finding[] = [];
  const groups = new Map<FindingType, FindingGroup & { count: number }>();
  let errors = 0;
  let warnings = 0;
  return {
    add(findings: readonly Finding[]) {
      for (const f of findings) {
        if (f.severity === 'error') errors++;
        else warnings++;
        const group = groups.get(f.type) ?? {
          type: f.type,
          severity: f.severity,
          count: 0,
          rowNumbers: [],
        };
        group.count++;
        if (group.count <= keep) {
          kept.push(f);
          if (f.rowNumber !== undefined) group.rowNumbers.push(f.rowNumber);
        }
        groups.set(f.type, group);
      }
    },
    get errorCount() {
      return errors;
    },
    get warningCount() {
      return warnings;
    },
    /** Kept findings, errors first, each in file order. */
    findings(): Finding[] {
      const order = (f: Finding) => (f.severity === 'error' ? 0 : 1);
      return [...kept].sort(
        (a, b) =>
          order(a) - order(b) || (a.rowNumber ?? 0) - (b.rowNumber ?? 0),
      );
    },
    groups(): FindingGroup[] {
      return [...groups.values()];
    },
  };
};

/** Findings gathered for one file. */
export type FindingCollector = ReturnType<typeof createFindingCollector>;

export { createFindingCollector };
