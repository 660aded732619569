import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SubmitPageAssets } from '../shared/publish/page/submitPageFiles.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';

/** The prebuilt page script, placed next to the bundled handler by the deployment's bundling. */
const PREBUILT = new URL('./nop-bao-cao.js', import.meta.url);
/** The page's browser entry, bundled on the fly where esbuild is installed (locally). */
const ENTRY = new URL('../shared/publish/page/submitPage.ts', import.meta.url);

/** esbuild's options for the page: one browser script, no eval, no inline source. */
const PAGE_BUILD = {
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  write: false,
} as const;

const bundlePage = async (): Promise<string | undefined> => {
  if (existsSync(PREBUILT)) return readFileSync(PREBUILT, 'utf8');
  if (!existsSync(ENTRY)) return undefined;
  try {
    const esbuild = await import('esbuild');
    const built = await esbuild.build({
      ...PAGE_BUILD,
      entryPoints: [fileURLToPath(ENTRY)],
    });
    return built.outputFiles[0]?.text;
  } catch {
    return undefined;
  }
};

/**
 * The submission page's assets: its script (the validation core bundled
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
  const script = await bundlePage();
  if (script === undefined) return undefined;
  const table = (name: string) =>
    readFileSync(`${schemasDir}/reference/${name}`, 'utf8');
  return {
    script,
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

export { loadSubmitPageAssets, PAGE_BUILD };
