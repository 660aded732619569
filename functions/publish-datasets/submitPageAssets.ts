import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  PageScript,
  SubmitPageAssets,
} from '../shared/publish/page/submitPageFiles.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';

/** The prebuilt page scripts, placed next to the bundled handler by the deployment's bundling. */
const PREBUILT = new URL('./page/', import.meta.url);
/** The page's sources, bundled on the fly where esbuild is installed (locally). */
const SOURCES = new URL('../shared/publish/page/', import.meta.url);

/** The page's entries: its script, and the worker that checks a dropped file. */
const PAGE_ENTRIES = {
  'nop-bao-cao': 'submitPage.ts',
  'nop-bao-cao-worker': 'checkWorker.ts',
} as const;

/**
 * esbuild's options for the page: browser ES modules, no eval, no inline
 * source. The entries are `nop-bao-cao.js` and `nop-bao-cao-worker.js`;
 * code they share, and code loaded only on demand (exceljs, for a dropped
 * workbook), is split into hashed chunks beside them, so a CSV never
 * downloads the workbook reader.
 */
const PAGE_BUILD = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  splitting: true,
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  entryNames: '[name]',
  chunkNames: 'nop-bao-cao-[hash]',
} as const;

/** The same build as an esbuild command line, for the deployment's bundling (`sources`: the page's folder). */
const pageBuildCommand = (sources: string, outdir: string): string =>
  [
    'npx esbuild',
    ...Object.entries(PAGE_ENTRIES).map(
      ([name, file]) => `"${name}=${sources}/${file}"`,
    ),
    ...Object.entries(PAGE_BUILD).map(([option, value]) => {
      const flag = `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return value === true ? flag : `${flag}='${value}'`;
    }),
    `--outdir="${outdir}"`,
  ].join(' ');

const bundlePage = async (): Promise<PageScript[] | undefined> => {
  if (existsSync(PREBUILT)) {
    const dir = fileURLToPath(PREBUILT);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .sort()
      .map((name) => ({ name, text: readFileSync(`${dir}${name}`, 'utf8') }));
  }
  const sources = fileURLToPath(SOURCES);
  if (!existsSync(`${sources}${PAGE_ENTRIES['nop-bao-cao']}`)) return undefined;
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      ...PAGE_BUILD,
      entryPoints: Object.fromEntries(
        Object.entries(PAGE_ENTRIES).map(([name, file]) => [
          name,
          `${sources}${file}`,
        ]),
      ),
      outdir: 'page',
      write: false,
    });
    return built.outputFiles
      .map((file) => ({ name: basename(file.path), text: file.text }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return undefined;
  }
};

/**
 * The submission page's assets: its scripts (the validation core bundled
 * for the browser: one source, two bundles) and the catalogue it validates
 * with (the submission schemas and the reference tables' CSV text).
 * Undefined when no script can be had; the site is then published
 * without the page.
 */
const loadSubmitPageAssets = async (
  catalogue: Catalogue,
  schemasDir: string,
  apiUrl?: string,
): Promise<SubmitPageAssets | undefined> => {
  const scripts = await bundlePage();
  if (scripts === undefined) return undefined;
  const table = (name: string) =>
    readFileSync(`${schemasDir}/reference/${name}`, 'utf8');
  return {
    scripts,
    catalogue: {
      schemas: [...catalogue.schemas.values()].filter(
        (s) => s['x-dataset'].kind === 'submission',
      ),
      adminUnits: table('admin-units.csv'),
      agencies: table('agencies.csv'),
      indicators: table('indicators.csv'),
      ...(existsSync(`${schemasDir}/reference/grants.csv`) && {
        grants: table('grants.csv'),
      }),
      ...(apiUrl && { apiUrl }),
    },
  };
};

export { loadSubmitPageAssets, PAGE_BUILD, pageBuildCommand };
