import { PublishBudgetError } from '../errors.js';

/**
 * Default bytes of normalized CSV one publishing run may read: 32 MiB. The
 * publisher holds every row and builds CSV, JSON, XLSX and pages from them,
 * about seven times the input at its peak, which a 512 MB function carries.
 */
const DEFAULT_PUBLISH_INPUT_BYTES = 32 * 1024 * 1024;

/** How much of its budget a publishing run read, in all and per dataset. */
export interface PublishInputUsage {
  readonly bytes: number;
  readonly budget: number;
  readonly datasets: Readonly<Record<string, number>>;
}

/**
 * Creates the meter of one publishing run's input. Each chunk read is
 * charged as it arrives, so a run over budget stops before it holds the
 * object that broke it, with an error naming the dataset.
 */
const createInputBudget = (budget: number) => {
  let bytes = 0;
  const datasets: Record<string, number> = {};
  return {
    charge(datasetId: string, chunkBytes: number): void {
      bytes += chunkBytes;
      datasets[datasetId] = (datasets[datasetId] ?? 0) + chunkBytes;
      if (bytes > budget) {
        throw new PublishBudgetError(
          `Dataset ${datasetId} takes this publishing run's normalized input past its budget of ${budget} bytes (PUBLISH_MAX_INPUT_BYTES): nothing was published`,
          { datasetId, bytes, budget },
        );
      }
    },
    usage: (): PublishInputUsage => ({
      bytes,
      budget,
      datasets: { ...datasets },
    }),
  };
};

/** A publishing run's input meter. */
export type InputBudget = ReturnType<typeof createInputBudget>;

export { createInputBudget, DEFAULT_PUBLISH_INPUT_BYTES };
