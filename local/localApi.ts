import { createServer, type Server } from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { localContext } from './localIngest.js';

type UrlHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's HTTP API refuses larger payloads before the function runs. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** Serves the upload API handler on 127.0.0.1, with the event shape API Gateway's HTTP API (payload 2.0) sends. */
const serveFunctionUrl = (handler: UrlHandler, port = 0): Promise<Server> => {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_PAYLOAD_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end('{"message":"Request Entity Too Large"}');
        req.destroy();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join(',') : v,
      ]),
    );
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      body:
        chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined,
      isBase64Encoded: false,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: 'localhost',
        domainPrefix: 'local',
        http: {
          method: req.method ?? 'GET',
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: req.headers['user-agent'] ?? '',
        },
        requestId: crypto.randomUUID(),
        routeKey: '$default',
        stage: '$default',
        time: new Date().toISOString(),
        timeEpoch: Date.now(),
      },
    } as APIGatewayProxyEventV2;
    try {
      const result = await handler(event, localContext('upload-api'));
      res.writeHead(
        result.statusCode ?? 200,
        result.headers as Record<string, string>,
      );
      res.end(
        result.isBase64Encoded
          ? Buffer.from(result.body ?? '', 'base64')
          : (result.body ?? ''),
      );
    } catch {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"error":"internal"}');
    }
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => done(server)),
  );
};

export { serveFunctionUrl };
