import type { Catalogue } from '../schema/loadSchemas.js';
import {
  type ApprovalEvent,
  approvalInForce,
} from '../signoff/periodApproval.js';
import { buildAppendix, previousPeriod } from './buildAppendix.js';
import type {
  AppendixModel,
  ConsolidatedIndicator,
  SignOffLookup,
} from './types.js';

/** The consolidated dataset the appendix reports. */
const CONSOLIDATED_INDICATORS = 'tong-hop-chi-tieu-cds';

/** A consolidated row as the table holds it: its values and the submissions it came from. */
export interface AggregateRow {
  readonly values: Readonly<Record<string, string>>;
  readonly sources?: readonly { readonly unitCode: string }[];
}

/** The ports the appendix is read through. */
export interface AppendixSource {
  readonly catalogue: Catalogue;
  listAggregates(
    period: string,
    datasetId: string,
  ): Promise<readonly AggregateRow[]>;
  /** The quarter's sign-off (issue #14); without it every quarter is provisional. */
  readonly signOffOf?: SignOffLookup;
}

const toIndicators = (
  items: readonly AggregateRow[],
): ConsolidatedIndicator[] =>
  items.map((a) => ({
    values: a.values,
    units: (a.sources ?? []).map((s) => s.unitCode),
  }));

/**
 * The appendix of a quarter from the consolidation in force: the quarter's
 * consolidated rows with the units they came from, the previous quarter's
 * rows and the sign-off, if any. Undefined when the quarter has no
 * consolidated indicator.
 */
const loadAppendix = async (
  period: string,
  source: AppendixSource,
): Promise<AppendixModel | undefined> => {
  const rows = await source.listAggregates(period, CONSOLIDATED_INDICATORS);
  if (rows.length === 0) return undefined;
  const before = previousPeriod(period);
  const previousRows = before
    ? await source.listAggregates(before, CONSOLIDATED_INDICATORS)
    : [];
  const signOff = await source.signOffOf?.(period);
  return buildAppendix({
    period,
    rows: toIndicators(rows),
    previousRows: toIndicators(previousRows),
    indicators: source.catalogue.indicators,
    units: source.catalogue.units,
    reference: source.catalogue.report,
    ...(signOff && { signOff }),
  });
};

/** The sign-off in force of a quarter, from its approval and reopening events (issue #14). */
const signOffLookup =
  (
    listSignOffs: (period: string) => Promise<readonly ApprovalEvent[]>,
  ): SignOffLookup =>
  async (period) => {
    const approval = approvalInForce(await listSignOffs(period));
    return (
      approval && {
        period,
        by: approval.by,
        at: approval.at,
        ...(approval.note && { note: approval.note }),
      }
    );
  };

export { CONSOLIDATED_INDICATORS, loadAppendix, signOffLookup };
