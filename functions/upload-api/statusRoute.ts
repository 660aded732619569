import { parsePeriod } from '../shared/period.js';
import { expectedSubmitters } from '../shared/reference/responsibility.js';
import { type ApiResponse, invalidPeriod, json } from './apiResponse.js';
import type { UploadApiDeps } from './uploadApi.js';

const ROUTE = /^\/status\/([^/]+)$/;

/**
 * `GET /status/<YYYY-Qn>`: where the caller's unit stands in a quarter, per
 * submission dataset: whether it still owes it (it is an expected submitter
 * and has no accepted upload) and its uploads, newest last, with the one in
 * force (the newest accepted) marked and a link to each report. Undefined
 * when the path is not this route.
 */
const statusRoute = async (
  method: string,
  path: string,
  caller: string,
  deps: UploadApiDeps,
): Promise<ApiResponse | undefined> => {
  const match = ROUTE.exec(path);
  if (method !== 'GET' || !match) return undefined;
  const periodText = match[1] ?? '';
  const period = parsePeriod(periodText);
  if (!period) {
    return invalidPeriod(periodText);
  }
  const datasets = [];
  for (const schema of deps.catalogue.schemas.values()) {
    const meta = schema['x-dataset'];
    if (meta.kind !== 'submission') continue;
    const uploads = await deps.listUploads(periodText, meta.id, caller);
    const inForce = uploads.filter((u) => u.status !== 'rejected').at(-1);
    const expected = expectedSubmitters(deps.catalogue, meta.id, period);
    datasets.push({
      dataset: meta.id,
      title: meta.title,
      owed: expected.includes(caller) && inForce === undefined,
      submissions: await Promise.all(
        uploads.map(async (u) => ({
          submissionId: u.submissionId,
          status: u.status,
          receivedAt: u.receivedAt,
          rows: u.rows,
          inForce: u === inForce,
          reportJsonUrl: await deps.presignGet(u.reportKey),
        })),
      ),
    });
  }
  return json(200, { unit: caller, period: periodText, datasets });
};

export { statusRoute };
