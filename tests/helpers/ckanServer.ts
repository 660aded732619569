import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in CKAN portal on 127.0.0.1 for push tests. It answers the Action
 * API in CKAN's envelope and enforces CKAN's documented validation for the
 * fields the push uses (CKAN_SCHEMA_SUMMARY.md): name rules and uniqueness,
 * owner_org required and existing, tag and extras rules, groups existing,
 * unknown dataset keys rejected; it is stricter than CKAN in two places, on
 * purpose: `license_id` must be in CKAN's default licence register, and a
 * resource needs a `url` and a `format`. Writes need the API token.
 */

type Dict = Record<string, unknown>;

/** One request the server answered. */
export interface CkanCall {
  readonly action: string;
  readonly method: string;
  readonly body: Dict;
  readonly status: number;
}

class ValidationError extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super('Validation Error');
  }
}

class NotFoundError extends Error {}

const LICENSES = new Set(
  (
    JSON.parse(
      readFileSync(
        new URL('../fixtures/ckan/default_license_list.json', import.meta.url),
        'utf8',
      ),
    ) as { licenses: { id: string }[] }
  ).licenses.map((l) => l.id),
);

// CKAN's clean_format: known formats, by name, mimetype or alias, become the canonical name.
const FORMATS = new Map([
  ['csv', 'CSV'],
  ['text/csv', 'CSV'],
  ['json', 'JSON'],
  ['application/json', 'JSON'],
  ['xlsx', 'XLSX'],
  ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'XLSX'],
]);

const NAME_RE = /^[a-z0-9_-]{2,100}$/;
const TAG_RE = /^[\p{L}\p{N}_ .-]{2,100}$/u;
const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?$/;
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const PACKAGE_KEYS = new Set([
  'id',
  'name',
  'title',
  'notes',
  'owner_org',
  'license_id',
  'url',
  'version',
  'author',
  'author_email',
  'maintainer',
  'maintainer_email',
  'tags',
  'groups',
  'extras',
  'resources',
  'private',
  'state',
  'type',
]);

const readBody = async (req: IncomingMessage): Promise<Dict> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : (JSON.parse(text) as Dict);
};

const now = () => new Date().toISOString().replace(/Z$/, '');

/** Starts the stand-in portal; `token` is the only API token it accepts. */
export const startCkanServer = async (token: string) => {
  const organizations = new Map<string, Dict>();
  const groups = new Map<string, Dict>();
  const packages = new Map<string, Dict>();
  const calls: CkanCall[] = [];

  const find = (store: Map<string, Dict>, idOrName: unknown) =>
    [...store.values()].find((x) => x.id === idOrName || x.name === idOrName);

  const checkName = (errors: Record<string, string[]>, name: unknown) => {
    if (
      typeof name !== 'string' ||
      !NAME_RE.test(name) ||
      ['new', 'edit', 'search'].includes(name)
    ) {
      errors.name = [
        'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_',
      ];
    }
  };

  const checkPackage = (body: Dict, existing?: Dict) => {
    const errors: Record<string, string[]> = {};
    for (const key of Object.keys(body)) {
      if (!PACKAGE_KEYS.has(key))
        errors.__junk = [`The input field ${key} was not expected.`];
    }
    if (!existing || 'name' in body) {
      checkName(errors, body.name);
      const other = find(packages, body.name);
      if (other && other !== existing)
        errors.name = ['That URL is already in use.'];
    }
    if (!existing || 'owner_org' in body) {
      if (!body.owner_org) errors.owner_org = ['Missing value'];
      else if (!find(organizations, body.owner_org)) {
        errors.owner_org = ['Organization does not exist'];
      }
    }
    if ('license_id' in body && !LICENSES.has(String(body.license_id))) {
      errors.license_id = [
        `License ${String(body.license_id)} is not in the licence register`,
      ];
    }
    for (const key of ['author_email', 'maintainer_email']) {
      if (body[key] && !EMAIL_RE.test(String(body[key])))
        errors[key] = ['Email is not valid'];
    }
    for (const tag of (body.tags ?? []) as Dict[]) {
      if (typeof tag.name !== 'string' || !TAG_RE.test(tag.name)) {
        errors.tags = [
          `Tag "${String(tag.name)}" must be alphanumeric characters or symbols: -_.`,
        ];
      }
    }
    const keys = new Set<string>();
    for (const extra of (body.extras ?? []) as Dict[]) {
      const key = String(extra.key ?? '');
      if (
        key === '' ||
        PACKAGE_KEYS.has(key) ||
        keys.has(key) ||
        typeof extra.value !== 'string'
      ) {
        errors.extras = [
          `Extra "${key}" is empty, duplicated, a core field or has no value`,
        ];
      }
      keys.add(key);
    }
    for (const group of (body.groups ?? []) as Dict[]) {
      if (!find(groups, group.id ?? group.name)) {
        errors.groups = [`Group ${String(group.name ?? group.id)} not found`];
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  };

  const checkResource = (body: Dict, creating: boolean) => {
    const errors: Record<string, string[]> = {};
    if (creating && !find(packages, body.package_id)) {
      errors.package_id = ['Package was not found.'];
    }
    if ((creating || 'url' in body) && !body.url)
      errors.url = ['Missing value'];
    if ((creating || 'format' in body) && !body.format)
      errors.format = ['Missing value'];
    if ('size' in body && !Number.isInteger(body.size))
      errors.size = ['Invalid integer'];
    for (const key of ['last_modified', 'created']) {
      if (key in body && body[key] !== '' && !ISO_RE.test(String(body[key]))) {
        errors[key] = ['Date format incorrect'];
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  };

  const cleanResource = (
    body: Dict,
    position: number,
    packageId: string,
  ): Dict => ({
    ...body,
    format: FORMATS.get(String(body.format).toLowerCase()) ?? body.format,
    package_id: packageId,
    position,
    state: 'active',
  });

  const showPackage = (pkg: Dict): Dict => {
    const org = find(organizations, pkg.owner_org);
    return {
      ...pkg,
      owner_org: org?.id ?? null,
      organization: org ?? null,
      groups: ((pkg.groups ?? []) as Dict[]).map((g) =>
        find(groups, g.id ?? g.name),
      ),
      tags: ((pkg.tags ?? []) as Dict[]).map((t) => ({
        id: `tag-${String(t.name)}`,
        name: t.name,
        display_name: t.name,
        state: 'active',
        vocabulary_id: null,
      })),
      num_resources: ((pkg.resources ?? []) as Dict[]).length,
      num_tags: ((pkg.tags ?? []) as Dict[]).length,
    };
  };

  const actions: Record<string, (body: Dict) => unknown> = {
    organization_show: (q) => {
      const org = find(organizations, q.id);
      if (!org) throw new NotFoundError('Not found');
      return org;
    },
    organization_create: (body) => {
      const errors: Record<string, string[]> = {};
      checkName(errors, body.name);
      if (find(organizations, body.name))
        errors.name = ['Group name already exists in database'];
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const org = {
        ...body,
        id: randomUUID(),
        type: 'organization',
        is_organization: true,
        state: 'active',
      };
      organizations.set(String(org.id), org);
      return org;
    },
    group_show: (q) => {
      const group = find(groups, q.id);
      if (!group) throw new NotFoundError('Not found');
      return group;
    },
    group_create: (body) => {
      const errors: Record<string, string[]> = {};
      checkName(errors, body.name);
      if (find(groups, body.name))
        errors.name = ['Group name already exists in database'];
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const group = {
        ...body,
        id: randomUUID(),
        type: 'group',
        is_organization: false,
        state: 'active',
      };
      groups.set(String(group.id), group);
      return group;
    },
    package_show: (q) => {
      const pkg = find(packages, q.id);
      if (!pkg) throw new NotFoundError('Not found');
      return showPackage(pkg);
    },
    package_list: () => [...packages.values()].map((p) => p.name).sort(),
    package_create: (body) => {
      checkPackage(body);
      const id = randomUUID();
      const pkg: Dict = {
        ...body,
        id,
        owner_org: find(organizations, body.owner_org)?.id,
        resources: [],
        state: 'active',
        type: 'dataset',
        metadata_created: now(),
        metadata_modified: now(),
      };
      const resources = (body.resources ?? []) as Dict[];
      for (const r of resources) checkResource({ ...r, package_id: id }, false);
      pkg.resources = resources.map((r, i) =>
        cleanResource({ ...r, id: randomUUID() }, i, id),
      );
      packages.set(id, pkg);
      return showPackage(pkg);
    },
    package_patch: (body) => {
      const pkg = find(packages, body.id);
      if (!pkg) throw new NotFoundError('Not found');
      const { id: _, ...changes } = body;
      checkPackage(changes, pkg);
      Object.assign(pkg, changes, {
        ...(changes.owner_org !== undefined && {
          owner_org: find(organizations, changes.owner_org)?.id,
        }),
        metadata_modified: now(),
      });
      return showPackage(pkg);
    },
    resource_create: (body) => {
      checkResource(body, true);
      const pkg = find(packages, body.package_id) as Dict;
      const resources = pkg.resources as Dict[];
      const resource = cleanResource(
        { ...body, id: randomUUID() },
        resources.length,
        String(pkg.id),
      );
      resources.push(resource);
      return resource;
    },
    resource_patch: (body) => {
      const pkg = [...packages.values()].find((p) =>
        (p.resources as Dict[]).some((r) => r.id === body.id),
      );
      const resource = (pkg?.resources as Dict[] | undefined)?.find(
        (r) => r.id === body.id,
      );
      if (!pkg || !resource) throw new NotFoundError('Not found');
      checkResource(body, false);
      Object.assign(
        resource,
        cleanResource(
          { ...resource, ...body },
          Number(resource.position),
          String(pkg.id),
        ),
      );
      return resource;
    },
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const action = url.pathname.replace(/^\/api\/3\/action\//, '');
    const method = req.method ?? 'GET';
    const body =
      method === 'GET'
        ? Object.fromEntries(url.searchParams)
        : await readBody(req).catch(() => ({}));
    const help = `http://127.0.0.1/api/3/action/help_show?name=${action}`;
    const reply = (status: number, payload: Dict) => {
      calls.push({ action, method, body, status });
      res.writeHead(status, {
        'content-type': 'application/json;charset=utf-8',
      });
      res.end(JSON.stringify({ help, ...payload }));
    };
    const handler = actions[action];
    if (!handler) {
      reply(400, {
        success: false,
        error: {
          __type: 'Bad request',
          message: `Bad request - Action name not known: ${action}`,
        },
      });
      return;
    }
    const writes = !action.endsWith('_show') && !action.endsWith('_list');
    if (writes && (method !== 'POST' || req.headers.authorization !== token)) {
      reply(403, {
        success: false,
        error: { __type: 'Authorization Error', message: 'Access denied' },
      });
      return;
    }
    try {
      reply(200, { success: true, result: structuredClone(handler(body)) });
    } catch (error) {
      if (error instanceof ValidationError) {
        reply(409, {
          success: false,
          error: { __type: 'Validation Error', ...error.fields },
        });
      } else if (error instanceof NotFoundError) {
        reply(404, {
          success: false,
          error: { __type: 'Not Found Error', message: 'Not found' },
        });
      } else {
        reply(500, {
          success: false,
          error: { __type: 'Internal Error', message: String(error) },
        });
      }
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** Calls that change the portal (create, patch) and succeeded. */
    writes: () =>
      calls.filter(
        (c) => /_(create|patch|update)$/.test(c.action) && c.status === 200,
      ),
    packages,
    organizations,
    groups,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};
