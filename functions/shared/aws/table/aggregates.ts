import { PK, SK, str, type TableAccess } from './dynamo.js';

// Consolidated row  PERIOD#<period>  AGGREGATE#<dataset>#<group>
// Change of a row   PERIOD#<period>  HISTORY#<dataset>#<group>#<changeId>

/** A submission a consolidated figure was computed from. */
export interface AggregateSource {
  readonly unitCode: string;
  readonly submissionId: string;
  readonly key: string;
  readonly versionId?: string;
  /** Physical lines of the submitted file. */
  readonly lines: readonly number[];
}

/** One consolidated row of a derived dataset, values as canonical strings. */
export interface AggregateItem {
  readonly period: string;
  readonly datasetId: string;
  readonly group: string;
  readonly values: Readonly<Record<string, string>>;
  readonly sources?: readonly AggregateSource[];
}

/** A consolidated row that changed: what it was, what it became, why and when. */
export interface HistoryItem {
  readonly period: string;
  readonly datasetId: string;
  readonly group: string;
  /** Content id of the change, so two concurrent rollups record it once. */
  readonly changeId: string;
  readonly changedAt: string;
  readonly reason: string;
  readonly previous: Readonly<Record<string, string>>;
  readonly current: Readonly<Record<string, string>>;
}

/** The consolidated rows of each derived dataset and period, and how they changed. */
const aggregateItems = ({ queryAll, batchWrite, putIf }: TableAccess) => ({
  /** Replaces the consolidated rows of one derived dataset and period. */
  async replaceAggregates(
    period: string,
    datasetId: string,
    rows: readonly AggregateItem[],
  ): Promise<void> {
    const pk = `PERIOD#${period}`;
    const prefix = `AGGREGATE#${datasetId}#`;
    const keep = new Set(rows.map((r) => `${prefix}${r.group}`));
    const stale = (await queryAll(pk, prefix))
      .map((a) => a[SK]?.S ?? '')
      .filter((sk) => !keep.has(sk));
    await batchWrite([
      ...rows.map((r) => ({
        PutRequest: {
          Item: {
            [PK]: str(pk),
            [SK]: str(`${prefix}${r.group}`),
            values: str(JSON.stringify(r.values)),
            sources: str(JSON.stringify(r.sources ?? [])),
          },
        },
      })),
      ...stale.map((sk) => ({
        DeleteRequest: { Key: { [PK]: str(pk), [SK]: str(sk) } },
      })),
    ]);
  },

  /** The consolidated rows of one derived dataset and period. */
  listAggregates: async (
    period: string,
    datasetId: string,
  ): Promise<AggregateItem[]> =>
    (await queryAll(`PERIOD#${period}`, `AGGREGATE#${datasetId}#`)).map(
      (a) => ({
        period,
        datasetId,
        group: (a[SK]?.S ?? '').slice(`AGGREGATE#${datasetId}#`.length),
        values: JSON.parse(a.values?.S ?? '{}') as Record<string, string>,
        sources: JSON.parse(a.sources?.S ?? '[]') as AggregateSource[],
      }),
    ),

  /** Records changes of consolidated rows; a change already recorded is not written again. */
  async appendHistory(items: readonly HistoryItem[]): Promise<void> {
    for (const h of items) {
      await putIf({
        Item: {
          [PK]: str(`PERIOD#${h.period}`),
          [SK]: str(`HISTORY#${h.datasetId}#${h.group}#${h.changeId}`),
          changedAt: str(h.changedAt),
          reason: str(h.reason),
          previous: str(JSON.stringify(h.previous)),
          current: str(JSON.stringify(h.current)),
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': PK },
      });
    }
  },

  /** The recorded changes of one consolidated row, oldest first. */
  listHistory: async (
    period: string,
    datasetId: string,
    group: string,
  ): Promise<HistoryItem[]> =>
    (await queryAll(`PERIOD#${period}`, `HISTORY#${datasetId}#${group}#`))
      .map((a) => ({
        period,
        datasetId,
        group,
        changeId: (a[SK]?.S ?? '').split('#').at(-1) ?? '',
        changedAt: a.changedAt?.S ?? '',
        reason: a.reason?.S ?? '',
        previous: JSON.parse(a.previous?.S ?? '{}') as Record<string, string>,
        current: JSON.parse(a.current?.S ?? '{}') as Record<string, string>,
      }))
      .sort((x, y) => (x.changedAt < y.changedAt ? -1 : 1)),
});

export { aggregateItems };
