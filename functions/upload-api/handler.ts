import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { tokenPrefix } from '../shared/accessTokens.js';
import { logger } from '../shared/logger.js';
import { config } from './config.js';
import { handleUploadApi, type UploadApiDeps } from './uploadApi.js';

const deps: UploadApiDeps = {
  catalogue: config.catalogue,
  // Every later log line of the request names the token's holder; the
  // middleware clears these keys when the invocation ends.
  findToken: async (hash) => {
    const token = await config.table.findToken(hash);
    if (token) {
      logger.appendKeys({
        tokenLabel: token.label,
        tokenPrefix: tokenPrefix(token),
        unit: token.unitCode,
      });
    }
    return token;
  },
  presignUpload: config.upload,
  presignGet: config.curated.get,
  listUploads: config.table.listUploads,
  ttlSeconds: config.ttlSeconds,
  uploadTtlSeconds: config.uploadTtlSeconds,
  maxUploadBytes: config.maxUploadBytes,
  now: () => new Date(),
  signOff: {
    listSignOffs: config.table.listSignOffs,
    recordSignOff: config.table.recordSignOff,
    now: () => new Date(),
  },
};

/** The agencies' upload API, behind an API Gateway HTTP API (payload 2.0). */
export const handler = middy<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2
>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const response = await handleUploadApi(
      {
        method: event.requestContext.http.method,
        path: event.rawPath,
        headers: event.headers ?? {},
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
