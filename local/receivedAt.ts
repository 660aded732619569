import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { SUBMISSION_FILTER } from '../functions/shared/resources.js';

/** Name of the demo's receipt manifest, beside the submission files. */
const RECEIVED_MANIFEST = 'received.json';

/**
 * When each demo file was received, by its path under the submissions folder
 * (`VIETTEL/2023-Q3/chi-tieu-cds.csv` → ISO time). Only the local demo reads
 * it: on AWS the S3 event's time decides and no client can choose it.
 */
const loadReceivedManifest = (
  submissionsDir: string,
): ReadonlyMap<string, string> => {
  const file = join(submissionsDir, RECEIVED_MANIFEST);
  if (!existsSync(file)) return new Map();
  const entries = Object.entries(
    JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>,
  );
  for (const [path, at] of entries) {
    if (Number.isNaN(Date.parse(at))) {
      throw new Error(`${RECEIVED_MANIFEST}: "${path}" has no ISO time: ${at}`);
    }
  }
  return new Map(
    entries.map(([path, at]) => [path, new Date(at).toISOString()]),
  );
};

/**
 * The S3 event as if S3 had received each object at the manifest's time:
 * the local stand-in for the receipt time S3 stamps on a real upload.
 */
const withReceivedAt = (
  event: S3Event,
  manifest: ReadonlyMap<string, string>,
): S3Event =>
  manifest.size === 0
    ? event
    : {
        Records: event.Records.map((r) => {
          const key = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
          const at = manifest.get(key.slice(SUBMISSION_FILTER.prefix.length));
          return at ? { ...r, eventTime: at } : r;
        }),
      };

export { loadReceivedManifest, RECEIVED_MANIFEST, withReceivedAt };
