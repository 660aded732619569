import { PipelineError } from '../errors.js';
import type { CkanPackage } from './ckanPackages.js';

/** A CKAN action answered `success: false` (other than "not found"). */
class CkanError extends PipelineError {}

type Dict = Record<string, unknown>;

/** The CKAN Action API as the push sees it. */
export interface CkanPort {
  /** A `*_show` action; undefined when CKAN answers "Not Found". */
  show(action: string, id: string): Promise<Dict | undefined>;
  /** A create or patch action; returns its result. */
  write(action: string, payload: Dict): Promise<Dict>;
}

/** What a push did (or, dry, would do) per dataset. */
export interface CkanSyncReport {
  readonly datasets: {
    readonly name: string;
    readonly action: 'created' | 'updated' | 'unchanged';
    /** Dataset fields patched. */
    readonly fields: readonly string[];
    readonly resourcesCreated: number;
    readonly resourcesUpdated: number;
  }[];
  readonly organizationsCreated: readonly string[];
  readonly groupsCreated: readonly string[];
  /** Write calls sent (or, dry, planned). */
  readonly writes: number;
}

/** Dataset fields the pipeline owns on the portal; anything else is left alone. */
const PACKAGE_FIELDS = [
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
] as const;

/** Resource fields the pipeline owns. */
const RESOURCE_FIELDS = [
  'url',
  'name',
  'description',
  'format',
  'mimetype',
  'size',
  'hash',
  'hash_algorithm',
  'last_modified',
] as const;

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value);

const names = (value: unknown): string[] =>
  ((value ?? []) as { name?: string }[]).map((x) => text(x.name)).sort();

const extrasOf = (value: unknown): Map<string, string> =>
  new Map(
    ((value ?? []) as { key: string; value: unknown }[]).map((e) => [
      e.key,
      text(e.value),
    ]),
  );

// CKAN may return microseconds and never a zone: compare times to the second.
const time = (value: unknown): string =>
  text(value)
    .replace(/Z$/, '')
    .replace(/\.\d+$/, '');

/** The dataset fields to send, from a `package_show` dict of the mirror. */
const packagePayload = (pkg: CkanPackage): Dict => ({
  name: pkg.name,
  title: text(pkg.title),
  notes: text(pkg.notes),
  owner_org: (pkg.organization as { name: string }).name,
  license_id: text(pkg.license_id),
  url: text(pkg.url),
  version: text(pkg.version),
  author: text(pkg.author),
  author_email: text(pkg.author_email),
  maintainer: text(pkg.maintainer),
  maintainer_email: text(pkg.maintainer_email),
  tags: names(pkg.tags).map((name) => ({ name })),
  groups: names(pkg.groups).map((name) => ({ name })),
  extras: [...extrasOf(pkg.extras)].map(([key, value]) => ({ key, value })),
});

const resourcePayload = (resource: Dict): Dict =>
  Object.fromEntries(RESOURCE_FIELDS.map((k) => [k, resource[k] ?? '']));

/** The owned dataset fields whose value on the portal differs from ours. */
const packageChanges = (ours: Dict, theirs: Dict): Dict => {
  const changes: Dict = {};
  for (const key of PACKAGE_FIELDS) {
    const same =
      key === 'owner_org'
        ? text(ours.owner_org) ===
            text((theirs.organization as Dict | null)?.name) ||
          text(ours.owner_org) === text(theirs.owner_org)
        : key === 'tags' || key === 'groups'
          ? names(ours[key]).join('\n') === names(theirs[key]).join('\n')
          : key === 'extras'
            ? [...extrasOf(ours.extras)].every(
                ([k, v]) => extrasOf(theirs.extras).get(k) === v,
              )
            : text(ours[key]) === text(theirs[key]);
    if (same) continue;
    if (key === 'extras') {
      // package_patch replaces the whole list: keep the portal's other extras.
      const mine = extrasOf(ours.extras);
      changes.extras = [
        ...[...extrasOf(theirs.extras)]
          .filter(([k]) => !mine.has(k))
          .map(([k, value]) => ({ key: k, value })),
        ...(ours.extras as Dict[]),
      ];
    } else {
      changes[key] = ours[key];
    }
  }
  return changes;
};

const resourceChanges = (ours: Dict, theirs: Dict): Dict =>
  Object.fromEntries(
    RESOURCE_FIELDS.filter((k) =>
      k === 'last_modified'
        ? time(ours[k]) !== time(theirs[k])
        : text(ours[k]) !== text(theirs[k]),
    ).map((k) => [k, ours[k]]),
  );

/**
 * Creates or updates a CKAN portal's datasets and resources from the
 * `package_show` dicts of the static mirror, through package_show,
 * package_create / package_patch and resource_create / resource_patch.
 * Only the fields the pipeline owns are compared, so a second push with no
 * change sends no write at all. Missing organizations and groups are created
 * first. With `dryRun`, writes are counted but not sent.
 */
const syncToCkan = async (
  packages: readonly CkanPackage[],
  ckan: CkanPort,
  options: { readonly dryRun?: boolean } = {},
): Promise<CkanSyncReport> => {
  let writes = 0;
  const write = async (action: string, payload: Dict): Promise<Dict> => {
    writes++;
    return options.dryRun
      ? { ...payload, id: payload.name ?? payload.id }
      : ckan.write(action, payload);
  };
  const organizationsCreated: string[] = [];
  const groupsCreated: string[] = [];
  const ensure = async (
    kind: 'organization' | 'group',
    item: Dict,
    created: string[],
  ) => {
    const name = text(item.name);
    if (created.includes(name) || (await ckan.show(`${kind}_show`, name)))
      return;
    await write(`${kind}_create`, {
      name,
      title: text(item.title),
      description: text(item.description),
    });
    created.push(name);
  };
  for (const pkg of packages) {
    await ensure(
      'organization',
      pkg.organization as Dict,
      organizationsCreated,
    );
    for (const group of (pkg.groups ?? []) as Dict[]) {
      await ensure('group', group, groupsCreated);
    }
  }

  const datasets: CkanSyncReport['datasets'][number][] = [];
  for (const pkg of packages) {
    const ours = packagePayload(pkg);
    const theirs = await ckan.show('package_show', pkg.name);
    const existing = (theirs?.resources ?? []) as Dict[];
    let action: 'created' | 'updated' | 'unchanged' = 'unchanged';
    let fields: string[] = [];
    let packageId = text(theirs?.id);
    if (!theirs) {
      packageId = text((await write('package_create', ours)).id);
      action = 'created';
    } else {
      const changes = packageChanges(ours, theirs);
      fields = Object.keys(changes);
      if (fields.length > 0) {
        await write('package_patch', { id: packageId, ...changes });
        action = 'updated';
      }
    }
    let resourcesCreated = 0;
    let resourcesUpdated = 0;
    for (const resource of pkg.resources) {
      const mine = resourcePayload(resource);
      const match =
        existing.find((r) => text(r.url) === text(mine.url)) ??
        existing.find((r) => text(r.name) === text(mine.name));
      if (!match) {
        await write('resource_create', { package_id: packageId, ...mine });
        resourcesCreated++;
        continue;
      }
      const changes = resourceChanges(mine, match);
      if (Object.keys(changes).length > 0) {
        await write('resource_patch', { id: text(match.id), ...changes });
        resourcesUpdated++;
      }
    }
    if (action === 'unchanged' && resourcesCreated + resourcesUpdated > 0) {
      action = 'updated';
    }
    datasets.push({
      name: pkg.name,
      action,
      fields,
      resourcesCreated,
      resourcesUpdated,
    });
  }
  return { datasets, organizationsCreated, groupsCreated, writes };
};

export { CkanError, syncToCkan };
