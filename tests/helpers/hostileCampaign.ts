import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { ingestSubmission } from '../../functions/ingest-submission/ingestSubmission.js';
import { CONTROL_CHARACTER } from '../../functions/shared/controlCharacters.js';
import {
  HOSTILE_KINDS,
  type HostileFile,
  type HostileKind,
  hostileFiles,
} from './fuzzInputs.js';
import { memoryIngest, uploadOf } from './memoryIngest.js';

/** What one hostile file gave. */
export interface HostileOutcome {
  readonly kind: HostileKind;
  readonly bytes: number;
  /** The report's status, or undefined when the report was missing or not JSON. */
  readonly status?: string;
  readonly findings: readonly string[];
  readonly ms: number;
  /** Highest heap in use while the file was read, above the heap before it. */
  readonly heapBytes: number;
  /** Whether a control character other than tab, CR or LF reached a normalized row. */
  readonly storedControl: boolean;
  readonly error?: string;
}

/** Per-kind figures of a campaign. */
export interface KindSummary {
  readonly kind: HostileKind;
  readonly files: number;
  readonly reports: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly findings: readonly string[];
  readonly worstMs: number;
  readonly worstHeapBytes: number;
  readonly exceptions: number;
}

const CHUNK_BYTES = 64 * 1024;
const STATUSES = new Set(['accepted', 'accepted-with-warnings', 'rejected']);

/** Feeds one file to the ingest core and watches its heap from a timer. */
const runOne = async (file: HostileFile): Promise<HostileOutcome> => {
  const ports = memoryIngest(file.bytes);
  // In chunks of 64 KiB, as S3 streams a body, so that records cross chunks.
  const chunks = Array.from(
    { length: Math.ceil(file.bytes.length / CHUNK_BYTES) },
    (_, i) => file.bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES),
  );
  const deps = { ...ports.deps, openRaw: async () => Readable.from(chunks) };
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 1);
  const started = performance.now();
  let error: string | undefined;
  try {
    await ingestSubmission(uploadOf(file.key, file.bytes.length), deps);
  } catch (thrown) {
    error = String(thrown);
  } finally {
    clearInterval(sample);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  let status: string | undefined;
  let findings: string[] = [];
  try {
    const report = ports.report();
    if (STATUSES.has(report?.status)) status = report.status;
    findings = [...new Set(report.errors.map((f) => f.type))];
  } catch {
    status = undefined;
  }
  return {
    kind: file.kind,
    bytes: file.bytes.length,
    ...(status !== undefined && { status }),
    findings,
    ms,
    heapBytes: peak - baseline,
    storedControl: [...ports.committed.values()].some((rows) =>
      rows.some((row) =>
        Object.values(row).some((v) => CONTROL_CHARACTER.test(v)),
      ),
    ),
    ...(error !== undefined && { error }),
  };
};

/**
 * Runs the hostile-input campaign: `perKind` files of every kind from
 * `seed`, one after another through the ingest core with in-memory ports.
 */
export const runHostileCampaign = async (
  seed: number,
  perKind: number,
  onFile?: (outcome: HostileOutcome, index: number) => void,
): Promise<{ outcomes: HostileOutcome[]; kinds: KindSummary[] }> => {
  const outcomes: HostileOutcome[] = [];
  for (const [index, file] of hostileFiles(seed, perKind).entries()) {
    const outcome = await runOne(file);
    outcomes.push(outcome);
    onFile?.(outcome, index);
  }
  const kinds = HOSTILE_KINDS.map((kind): KindSummary => {
    const mine = outcomes.filter((o) => o.kind === kind);
    const statuses: Record<string, number> = {};
    for (const o of mine) {
      const s = o.status ?? 'no report';
      statuses[s] = (statuses[s] ?? 0) + 1;
    }
    return {
      kind,
      files: mine.length,
      reports: mine.filter((o) => o.status !== undefined).length,
      statuses,
      findings: [...new Set(mine.flatMap((o) => o.findings))].sort(),
      worstMs: Math.max(0, ...mine.map((o) => o.ms)),
      worstHeapBytes: Math.max(0, ...mine.map((o) => o.heapBytes)),
      exceptions: mine.filter((o) => o.error !== undefined).length,
    };
  });
  return { outcomes, kinds };
};
