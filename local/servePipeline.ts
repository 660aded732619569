import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { DEFAULT_LIMITS } from '../functions/ingest-submission/ingestSubmission.js';
import { createS3Client } from '../functions/shared/aws/clients.js';
import { createPresigner } from '../functions/shared/aws/presign.js';
import { createPostPresigner } from '../functions/shared/aws/presignPost.js';
import type { createRuntime } from '../functions/shared/aws/runtime.js';
import { ENV } from '../functions/shared/resources.js';
import { handleUploadApi } from '../functions/upload-api/uploadApi.js';
import type { LocalAws } from './localAws.js';
import { connectIngest } from './localIngest.js';
import { answerSiteFile } from './siteFiles.js';

type Runtime = ReturnType<typeof createRuntime>;

/** The pipeline steps `--serve` runs after each upload. */
export interface ServeSteps {
  ingest(event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
  /**
   * What the deployed stack does after ingestion (`local/localChain.ts`):
   * notices, the rollups requested (the quarter and the later ones of its
   * year), then publication. Which periods it rolled up, if any.
   */
  afterIngest(
    keys: readonly string[],
  ): Promise<{ readonly periods: readonly string[] } | undefined>;
}

/** Where the upload API is served, under the site's origin. */
const API_PREFIX = '/api';
/** Where S3 is proxied, so presigned URLs stay on the same origin. */
const S3_PREFIX = '/s3';
const TTL_SECONDS = 900;

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const headersOf = (req: IncomingMessage) =>
  Object.fromEntries(
    Object.entries(req.headers).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join(',') : v,
    ]),
  );

/** Forwards a request to s3rver unchanged (s3rver does not check presigned signatures). */
const proxyToS3 = (
  req: IncomingMessage,
  res: ServerResponse,
  s3: URL,
  path: string,
) => {
  const { host: _host, ...headers } = req.headers;
  const upstream = httpRequest(
    {
      host: s3.hostname,
      port: s3.port,
      method: req.method,
      path,
      headers,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
};

/**
 * Keeps the local pipeline running behind one origin on 127.0.0.1: the
 * published site (read live from the public bucket, so a republication
 * shows at once), the upload API under `/api/`, and S3 under `/s3/` (the
 * upload API signs its URLs for that path, so the page uploads to its own
 * origin). Each upload s3rver reports is ingested by the real handler,
 * then its quarter is rolled up and the site republished, one at a time.
 */
const servePipeline = async (
  aws: LocalAws,
  runtime: Runtime,
  steps: ServeSteps,
  options: {
    readonly port: number;
    readonly onEvent?: (message: string) => void;
  },
): Promise<{ server: Server; origin: string; stop(): Promise<void> }> => {
  const s3 = new URL(aws.env[ENV.s3Endpoint] ?? '');
  const site = runtime.bucket(ENV.publicBucket);
  let origin = '';
  const ingestBucket = runtime.bucket(ENV.ingestBucket).bucket;
  const link = connectIngest(
    aws,
    ingestBucket,
    steps.ingest,
    (key, error) => {
      if (error) options.onEvent?.(`✗ ${key}: ${String(error)}`);
    },
    {
      afterIngest: async (keys) => {
        const run = await steps.afterIngest(keys);
        if (run) {
          options.onEvent?.(
            `✓ ${keys.join(', ')} → tổng hợp và công bố lại / rolled up and republished ${run.periods.join(', ')}`,
          );
        }
      },
    },
  );
  const signer = () =>
    createS3Client(`${origin}${S3_PREFIX}`, { forPresigning: true });
  let presign:
    | {
        upload: ReturnType<typeof createPostPresigner>;
        curated: ReturnType<typeof createPresigner>;
      }
    | undefined;

  const api = async (req: IncomingMessage, res: ServerResponse) => {
    presign ??= {
      upload: createPostPresigner(
        signer(),
        runtime.bucket(ENV.ingestBucket).bucket,
        {
          ttlSeconds: TTL_SECONDS,
          maxBytes: DEFAULT_LIMITS.maxBytes,
          endpoint: `${origin}${S3_PREFIX}`,
        },
      ),
      curated: createPresigner(
        signer(),
        runtime.bucket(ENV.curatedBucket).bucket,
        TTL_SECONDS,
      ),
    };
    const url = new URL(req.url ?? '/', 'http://local');
    const body = await readBody(req);
    const response = await handleUploadApi(
      {
        method: req.method ?? 'GET',
        path: url.pathname.slice(API_PREFIX.length) || '/',
        headers: headersOf(req),
        ...(body.length > 0 && { body: body.toString('utf8') }),
      },
      {
        catalogue: runtime.catalogue,
        findToken: runtime.table.findToken,
        presignUpload: presign.upload,
        presignGet: presign.curated.get,
        listUploads: runtime.table.listUploads,
        ttlSeconds: TTL_SECONDS,
        uploadTtlSeconds: TTL_SECONDS,
        maxUploadBytes: DEFAULT_LIMITS.maxBytes,
        now: () => new Date(),
      },
    );
    res.writeHead(response.statusCode, response.headers);
    res.end(
      response.isBase64Encoded
        ? Buffer.from(response.body, 'base64')
        : response.body,
    );
  };

  const page = (req: IncomingMessage, res: ServerResponse) =>
    answerSiteFile(req, res, (key) => site.open(key));

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const handle = url.startsWith(`${S3_PREFIX}/`)
      ? async () => proxyToS3(req, res, s3, url.slice(S3_PREFIX.length))
      : url === API_PREFIX || url.startsWith(`${API_PREFIX}/`)
        ? () => api(req, res)
        : () => page(req, res);
    handle().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) =>
    server.listen(options.port, '127.0.0.1', () => done()),
  );
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    server,
    origin,
    async stop() {
      link.disconnect();
      // Waits for the ingestions in flight and the chain after them.
      await link.idle();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
};

export { API_PREFIX, servePipeline };
