import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { config } from './config.js';
import { handleUploadApi, type UploadApiDeps } from './uploadApi.js';

const deps: UploadApiDeps = {
  catalogue: config.catalogue,
  findTokenUnit: config.table.findTokenUnit,
  presignPut: config.ingest.put,
  presignGet: config.curated.get,
  listUploads: config.table.listUploads,
  ttlSeconds: config.ttlSeconds,
  findTokenRole: config.table.findTokenRole,
  signOff: { ...config.approvals, now: () => new Date() },
};

/** Lambda function URL of the agencies' upload API. */
export const handler = middy<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const response = await handleUploadApi(
      {
        method: event.requestContext.http.method,
        path: event.rawPath,
        headers: event.headers,
        ...(event.body !== undefined && {
          body: event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body,
        }),
      },
      deps,
    );
    // Log the outcome, never the token or the body.
    logger.info('upload api', {
      method: event.requestContext.http.method,
      path: event.rawPath,
      status: response.statusCode,
    });
    return response;
  });
