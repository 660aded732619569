import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../../local/siteFiles.js';

let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-folder-'));
  mkdirSync(join(dir, 'datasets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>');
  server = await serveFolder(dir, 0);
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET, so the path reaches the server exactly as written. */
const get = (path: string): Promise<{ status: number; body: string }> =>
  new Promise((done, fail) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });

describe('serveFolder', () => {
  it('answers /%E0 with 400 and keeps serving', async () => {
    const bad = await get('/%E0');
    const worse = await get('/datasets/%E0%A4%A');
    const after = await get('/');

    expect(bad).toEqual({
      status: 400,
      body: 'Đường dẫn không hợp lệ / Bad request path',
    });
    expect(worse.status).toBe(400);
    expect(after).toEqual({
      status: 200,
      body: '<!doctype html><title>ok</title>',
    });
  });

  it('answers a NUL byte in the path with 400', async () => {
    expect((await get('/index.html%00.txt')).status).toBe(400);
  });

  it('refuses a path that climbs out of the folder', async () => {
    const answer = await get('/..%2F..%2Fetc%2Fpasswd');

    expect(answer.status).toBe(403);
  });
});
