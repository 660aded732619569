import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { CkanPackage } from '../../functions/shared/publish/ckanPackages.js';
import {
  CkanError,
  type CkanPort,
  syncToCkan,
} from '../../functions/shared/publish/ckanSync.js';
import { ENV } from '../../functions/shared/resources.js';
import { withBackend } from '../backend.js';

/** Options of `opendata publish`. */
export interface PublishOptions {
  readonly ckanUrl: string;
  readonly apiToken: string;
  /** A folder written by `opendata start --out`; else the public bucket. */
  readonly site?: string;
  readonly dataDir: string;
  readonly dryRun: boolean;
}

interface Io {
  readonly out: Writable;
  readonly err: Writable;
}

type Dict = Record<string, unknown>;

/** The CKAN Action API over HTTP, authenticated with an API token. */
const createCkanClient = (baseUrl: string, token: string): CkanPort => {
  const api = `${baseUrl.replace(/\/+$/, '')}/api/3/action/`;
  const call = async (action: string, init: RequestInit, url: string) => {
    const response = await fetch(url, {
      ...init,
      headers: { Authorization: token, 'Content-Type': 'application/json' },
    });
    const body = (await response.json().catch(() => ({}))) as {
      success?: boolean;
      result?: Dict;
      error?: { __type?: string; message?: string } & Dict;
    };
    if (body.success === true && body.result) return body.result;
    if (response.status === 404 || body.error?.__type === 'Not Found Error') {
      return undefined;
    }
    throw new CkanError(
      `${action}: HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`,
    );
  };
  return {
    show: (action, id) =>
      call(
        action,
        { method: 'GET' },
        `${api}${action}?id=${encodeURIComponent(id)}`,
      ),
    async write(action, payload) {
      const result = await call(
        action,
        { method: 'POST', body: JSON.stringify(payload) },
        `${api}${action}`,
      );
      if (!result) throw new CkanError(`${action}: not found`);
      return result;
    },
  };
};

/** Reads the mirror's package_show dicts through a file reader. */
const readPackages = async (
  read: (path: string) => Promise<string>,
): Promise<CkanPackage[]> => {
  const list = JSON.parse(await read('api/3/action/package_list.json'))
    .result as string[];
  const packages: CkanPackage[] = [];
  for (const name of list) {
    packages.push(
      JSON.parse(await read(`api/3/action/package_show/${name}.json`))
        .result as CkanPackage,
    );
  }
  return packages;
};

const MARK = { created: '+', updated: '~', unchanged: '=' };

/**
 * `opendata publish --ckan-url --api-token`: pushes the published datasets to
 * a CKAN portal, creating or updating only what differs.
 */
const runPublish = async (options: PublishOptions, io: Io): Promise<number> => {
  let packages: CkanPackage[];
  try {
    const site = options.site;
    packages = site
      ? await readPackages((path) => readFile(join(site, path), 'utf8'))
      : await withBackend(options.dataDir, (backend) => {
          const bucket = backend.bucket(ENV.publicBucket);
          return readPackages((path) => bucket.getText(path));
        });
  } catch (error) {
    const code = (error as { code?: string; name?: string }).code;
    const name = (error as { name?: string }).name;
    if (code !== 'ENOENT' && name !== 'NoSuchKey') throw error;
    io.err.write(
      `Chưa có trang dữ liệu đã công bố / no published site found (${options.site ?? 'public bucket'}): ${(error as Error).message}\n`,
    );
    return 1;
  }
  try {
    const report = await syncToCkan(
      packages,
      createCkanClient(options.ckanUrl, options.apiToken),
      { dryRun: options.dryRun },
    );
    const lines = [
      `CKAN ${options.ckanUrl}${options.dryRun ? ' (thử / dry run)' : ''}`,
      ...report.organizationsCreated.map(
        (o) => `  + tổ chức / organization ${o}`,
      ),
      ...report.groupsCreated.map((g) => `  + nhóm / group ${g}`),
      ...report.datasets.map((d) => {
        const details = [
          d.fields.length > 0 ? d.fields.join(', ') : '',
          d.resourcesCreated > 0
            ? `+${d.resourcesCreated} tài nguyên / resources`
            : '',
          d.resourcesUpdated > 0
            ? `~${d.resourcesUpdated} tài nguyên / resources`
            : '',
        ].filter(Boolean);
        return `  ${MARK[d.action]} ${d.name}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
      }),
      `Tạo mới / created ${report.datasets.filter((d) => d.action === 'created').length} · cập nhật / updated ${report.datasets.filter((d) => d.action === 'updated').length} · không đổi / unchanged ${report.datasets.filter((d) => d.action === 'unchanged').length} · lệnh ghi / write calls ${report.writes}`,
    ];
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CkanError) && !(error instanceof TypeError))
      throw error;
    io.err.write(`Lỗi CKAN / CKAN error: ${error.message}\n`);
    return 1;
  }
};

export { createCkanClient, runPublish };
