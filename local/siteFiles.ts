import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ObjectStore } from '../functions/shared/aws/objectStore.js';
import { SITE_SECURITY_HEADERS } from '../functions/shared/publish/securityHeaders.js';

/** Copies a bucket's whole content into a folder, same paths; returns the file count. */
const exportBucket = async (
  store: ObjectStore,
  dir: string,
): Promise<number> => {
  const keys = await store.list('');
  for (const key of keys) {
    const target = join(dir, key);
    mkdirSync(dirname(target), { recursive: true });
    const body = await store.open(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    writeFileSync(target, Buffer.concat(chunks));
  }
  return keys.length;
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonld': 'application/ld+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttl': 'text/turtle; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx':
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The content type of a site file, by its extension. */
const contentTypeOf = (path: string): string =>
  TYPES[extname(path)] ?? 'application/octet-stream';

/** The decoded path of a request, or undefined when it is not valid percent-encoding (`/%E0`). */
const requestPath = (url: string | undefined): string | undefined => {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://x').pathname);
  } catch {
    return undefined;
  }
};

/**
 * Answers a request for a site file with the site's security headers: a
 * path that does not decode is a 400, one with `..` a 403, one `open`
 * cannot find a 404; `/…/` means its `index.html`. The local pipeline's
 * server and `serveFolder` both answer through this.
 */
const answerSiteFile = async (
  req: IncomingMessage,
  res: ServerResponse,
  open: (key: string) => Promise<Readable>,
): Promise<void> => {
  const path = requestPath(req.url);
  if (path === undefined || path.includes('\0')) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Đường dẫn không hợp lệ / Bad request path');
    return;
  }
  const key = `${path.slice(1)}${path.endsWith('/') ? 'index.html' : ''}`;
  if (key.split('/').includes('..')) {
    res.writeHead(403).end('Forbidden');
    return;
  }
  let body: Readable;
  try {
    body = await open(key);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Không tìm thấy / Not found');
    return;
  }
  res.writeHead(200, {
    ...SITE_SECURITY_HEADERS,
    'content-type': contentTypeOf(key),
  });
  body.pipe(res);
};

/**
 * Serves a folder read-only on 127.0.0.1; paths outside it are refused, a
 * path that does not decode is a 400, and no request can stop the server.
 */
const serveFolder = (dir: string, port: number): Promise<Server> => {
  const root = resolve(dir);
  const answer = (req: IncomingMessage, res: ServerResponse) =>
    answerSiteFile(req, res, async (key) => {
      const file = normalize(join(root, key));
      if (!file.startsWith(root + sep)) throw new Error('outside the folder');
      return Readable.from([await readFile(file)]);
    });
  const server = createServer((req, res) => {
    answer(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => done(server)),
  );
};

export { answerSiteFile, exportBucket, serveFolder };
