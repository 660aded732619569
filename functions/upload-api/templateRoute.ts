import type { Catalogue } from '../shared/schema/loadSchemas.js';
import { templateFor } from '../shared/xlsx/templateFor.js';
import { type ApiResponse, refuse } from './apiResponse.js';

const ROUTE = /^\/templates\/([^/]+)\/([a-z0-9-]+)\.(xlsx|csv)$/;

/**
 * `GET /templates/<YYYY-Qn>/<dataset>.xlsx` (or `.csv`): the template of a
 * dataset pre-filled for the caller's unit and that quarter, as a file
 * download. Undefined when the path is not this route.
 */
const templateRoute = async (
  method: string,
  path: string,
  caller: string,
  catalogue: Catalogue,
): Promise<ApiResponse | undefined> => {
  const match = ROUTE.exec(path);
  if (method !== 'GET' || !match) return undefined;
  const [, period = '', dataset = '', format] = match;
  const outcome = await templateFor(catalogue, {
    dataset,
    unit: caller,
    period,
    format: format === 'csv' ? 'csv' : 'xlsx',
  });
  if (!outcome.ok) {
    return refuse(400, outcome.error, outcome.message, outcome.messageEn);
  }
  return {
    statusCode: 200,
    headers: {
      'content-type': outcome.contentType,
      'content-disposition': `attachment; filename="${outcome.fileName}"`,
      'cache-control': 'private, no-store',
    },
    body: outcome.body.toString('base64'),
    isBase64Encoded: true,
  };
};

export { templateRoute };
