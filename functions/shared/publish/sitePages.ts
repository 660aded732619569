import type { Bilingual, NormalizedRow } from '../schema/types.js';
import type { ApprovalEvent } from '../signoff/periodApproval.js';
import type { Chart } from './charts.js';
import { bi, day, esc, num, scriptJson, size } from './html.js';
import { signOffHtml } from './signOffNotes.js';
import { templateLinks } from './templateFiles.js';
import type {
  DatasetMetadata,
  PublishedFile,
  PublisherInfo,
  Release,
} from './types.js';
import { EU_THEMES } from './vocabularies.js';

const PREVIEW_ROWS = 10;

const CSS = `:root{--ink:#1d2733;--muted:#5b6b7c;--line:#d8dee6;--bg:#f6f8fa;--brand:#0b5cad;--s0:#0b5cad;--s1:#e07a10;--s2:#2a9d58;--s3:#b8336a;--s4:#6c4bb6;--s5:#7a8b99}
*{box-sizing:border-box}
html[lang="vi"] body [lang="en"],html[lang="en"] body [lang="vi"]{display:none}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand)}
header.top{display:flex;align-items:center;justify-content:space-between;gap:1rem;padding:.75rem 1.25rem;background:#fff;border-bottom:3px solid var(--brand)}
header.top .brand{font-weight:700;text-decoration:none;color:var(--ink)}
button.lang{font:inherit;padding:.3rem .8rem;border:1px solid var(--brand);background:#fff;color:var(--brand);border-radius:4px;cursor:pointer}
main{max-width:1080px;margin:0 auto;padding:1.25rem}
h1{font-size:1.7rem;line-height:1.25;margin:.5rem 0}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
.lead{color:var(--muted);max-width:70ch}
.crumbs{font-size:.9rem;color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1rem;padding:0;list-style:none}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;display:flex;flex-direction:column;gap:.5rem}
.card h2{font-size:1.1rem;margin:0}
.card p{margin:0;color:var(--muted);font-size:.95rem}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;padding:0;margin:0;list-style:none}
.chips li{font-size:.8rem;background:#e8f0fa;color:#0a3d73;border-radius:999px;padding:.1rem .6rem}
.meta{font-size:.85rem;color:var(--muted)}
.downloads{display:flex;flex-wrap:wrap;gap:.2rem .9rem}
.downloads a{font-weight:600}
table{border-collapse:collapse;background:#fff;width:100%;font-size:.9rem}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
figure{margin:1rem 0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.75rem}
figcaption{font-weight:600;margin-bottom:.5rem}
svg.chart{width:100%;height:auto;font-size:12px}
svg .grid{stroke:#e3e8ee}
svg .tick,svg .value{fill:var(--muted)}
svg .cat,svg .legend{fill:var(--ink)}
svg .s0{fill:var(--s0)}svg .s1{fill:var(--s1)}svg .s2{fill:var(--s2)}svg .s3{fill:var(--s3)}svg .s4{fill:var(--s4)}svg .s5{fill:var(--s5)}
svg .met{fill:var(--s2)}svg .unmet{fill:var(--s1)}
svg .target{stroke:#111;stroke-width:3}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em}
footer{max-width:1080px;margin:2rem auto;padding:1rem 1.25rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
`;

const JS = `(function () {
  var root = document.documentElement;
  var wanted = new URLSearchParams(location.search).get('lang');
  var saved = null;
  try { saved = localStorage.getItem('lang'); } catch (e) {}
  var lang = wanted === 'en' || wanted === 'vi' ? wanted : saved === 'en' ? 'en' : 'vi';
  root.lang = lang;
  var button = document.querySelector('button.lang');
  if (button) {
    button.addEventListener('click', function () {
      root.lang = root.lang === 'en' ? 'vi' : 'en';
      try { localStorage.setItem('lang', root.lang); } catch (e) {}
    });
  }
})();
`;

const T = {
  home: { vi: 'Trang chủ', en: 'Home' },
  datasets: { vi: 'Các bộ dữ liệu', en: 'Datasets' },
  downloads: { vi: 'Tải về', en: 'Downloads' },
  charts: { vi: 'Biểu đồ', en: 'Charts' },
  preview: { vi: 'Xem trước dữ liệu', en: 'Data preview' },
  metadata: { vi: 'Thông tin mô tả', en: 'Metadata' },
  fields: { vi: 'Các trường dữ liệu', en: 'Fields' },
  releases: { vi: 'Các phiên bản', en: 'Releases' },
  machines: {
    vi: 'Dành cho máy và cổng dữ liệu',
    en: 'For machines and portals',
  },
  rows: { vi: 'dòng', en: 'rows' },
  file: { vi: 'Tệp', en: 'File' },
  format: { vi: 'Định dạng', en: 'Format' },
  size: { vi: 'Dung lượng', en: 'Size' },
  publisher: { vi: 'Cơ quan công bố', en: 'Publisher' },
  contact: { vi: 'Đầu mối liên hệ', en: 'Contact point' },
  license: { vi: 'Giấy phép', en: 'Licence' },
  themes: { vi: 'Lĩnh vực', en: 'Themes' },
  keywords: { vi: 'Từ khóa', en: 'Keywords' },
  frequency: { vi: 'Tần suất cập nhật', en: 'Update frequency' },
  temporal: { vi: 'Phạm vi thời gian', en: 'Temporal coverage' },
  spatial: { vi: 'Phạm vi không gian', en: 'Spatial coverage' },
  version: { vi: 'Phiên bản', en: 'Version' },
  issued: { vi: 'Ngày công bố', en: 'Issued' },
  modified: { vi: 'Ngày cập nhật', en: 'Modified' },
  identifier: { vi: 'Mã định danh', en: 'Identifier' },
  source: { vi: 'Tổng hợp từ', en: 'Derived from' },
  name: { vi: 'Tên trường', en: 'Name' },
  title: { vi: 'Tiêu đề', en: 'Title' },
  type: { vi: 'Kiểu', en: 'Type' },
  description: { vi: 'Mô tả', en: 'Description' },
  changelog: { vi: 'Nhật ký thay đổi', en: 'Changelog' },
  empty: { vi: 'Chưa có dữ liệu.', en: 'No data yet.' },
  firstRows: {
    vi: `${PREVIEW_ROWS} dòng đầu của tệp CSV.`,
    en: `The first ${PREVIEW_ROWS} rows of the CSV file.`,
  },
} satisfies Record<string, Bilingual>;

/** A whole page: header with the language switch, main content, footer. */
const layout = (
  info: PublisherInfo,
  page: {
    readonly title: Bilingual;
    readonly description: string;
    readonly root: string;
    readonly jsonLd: unknown;
    readonly main: string;
    /** Extra `<head>` elements: feeds, stylesheets. */
    readonly head?: string;
  },
): string => `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title.vi)} · ${esc(info.catalog.title.vi)}</title>
<meta name="description" content="${esc(page.description)}">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${page.root}assets/site.css">
<link rel="alternate" type="application/ld+json" href="${page.root}catalog.jsonld">
<link rel="alternate" type="text/turtle" href="${page.root}catalog.ttl">
<script type="application/ld+json">${scriptJson(page.jsonLd)}</script>
${page.head ?? ''}</head>
<body>
<header class="top"><a class="brand" href="${page.root}index.html">${bi(info.catalog.title)}</a><button class="lang" type="button"><span lang="vi">English</span><span lang="en">Tiếng Việt</span></button></header>
<main>
${page.main}
</main>
<footer>
<p>${bi(info.publisher.title)} · ${bi(info.publisher.parent)}</p>
<p>${bi({ vi: 'Dữ liệu được cấp phép', en: 'Data licensed under' })} <a href="${esc(info.license.url)}">${esc(info.license.title)}</a>.</p>
</footer>
<script src="${page.root}assets/site.js"></script>
</body>
</html>
`;

const themeChips = (meta: DatasetMetadata): string =>
  `<ul class="chips">${meta.themes.map((t) => `<li>${bi(t.title)}</li>`).join('')}</ul>`;

const periodRange = (meta: DatasetMetadata): string => {
  const first = meta.periods[0];
  const last = meta.periods[meta.periods.length - 1];
  return first && last ? (first === last ? first : `${first} – ${last}`) : '—';
};

const downloadLinks = (meta: DatasetMetadata, prefix: string): string =>
  meta.distributions
    .map(
      (d) =>
        `<a href="${prefix}${esc(d.path)}">${esc(d.key === 'datapackage' ? 'datapackage.json' : d.format)}</a>`,
    )
    .join('');

const card = (meta: DatasetMetadata): string => {
  const dir = `datasets/${meta.name}/`;
  return `<li class="card">
<h2><a href="${dir}index.html">${bi(meta.title)}</a></h2>
${bi(meta.description, 'p')}
${themeChips(meta)}
<div class="meta">${num(meta.rows)} ${bi(T.rows)} · ${esc(periodRange(meta))} · ${bi(T.version)} ${esc(meta.version)} · ${bi(T.modified)} ${day(meta.modified)}</div>
<div class="downloads">${downloadLinks(meta, dir)}</div>
</li>`;
};

/** `index.html`: every dataset as a card, with downloads and the machine-readable catalogue links. */
const indexPage = (
  info: PublisherInfo,
  datasets: readonly DatasetMetadata[],
  jsonLd: unknown,
  extra: { readonly head?: string; readonly main?: string } = {},
): PublishedFile => {
  const modified = datasets
    .map((d) => d.modified)
    .sort()
    .reverse()[0];
  const main = `<h1>${bi(info.catalog.title)}</h1>
${bi(info.catalog.description, 'p')}
<p class="meta">${num(datasets.length)} ${bi({ vi: 'bộ dữ liệu', en: 'datasets' })}${modified ? ` · ${bi(T.modified)} ${day(modified)}` : ''}</p>
${extra.main ?? ''}<h2>${bi(T.datasets)}</h2>
<ul class="cards">
${datasets.map(card).join('\n')}
</ul>
<h2>${bi(T.machines)}</h2>
<ul>
<li><a href="catalog.jsonld">catalog.jsonld</a>, <a href="catalog.ttl">catalog.ttl</a>: ${bi({ vi: 'danh mục DCAT-AP 3.0.1', en: 'DCAT-AP 3.0.1 catalogue' })}</li>
<li><a href="api/3/action/package_list.json">package_list</a>, <a href="api/3/action/package_search.json">package_search</a>, <a href="api/3/action/organization_list.json">organization_list</a>, <a href="api/3/action/group_list.json">group_list</a>: ${bi({ vi: 'bản sao tĩnh API CKAN', en: 'static mirror of the CKAN API' })}</li>
<li>${bi({ vi: 'Mỗi bộ dữ liệu có datapackage.json (Frictionless Data Package v2).', en: 'Each dataset has a datapackage.json (Frictionless Data Package v2).' })}</li>
</ul>`;
  return {
    path: 'index.html',
    body: Buffer.from(
      layout(info, {
        title: info.catalog.title,
        description: info.catalog.description.vi,
        root: '',
        jsonLd,
        main,
        ...(extra.head && { head: extra.head }),
      }),
      'utf8',
    ),
    contentType: 'text/html; charset=utf-8',
  };
};

const fact = (label: Bilingual, value: string) =>
  `<dt>${bi(label)}</dt><dd>${value}</dd>`;

const releaseItem = (meta: DatasetMetadata, r: Release): string => {
  const c = r.changes;
  const summary = c
    ? bi({
        vi: `+${c.added} dòng thêm, −${c.removed} dòng bỏ, ${c.changed} dòng sửa`,
        en: `+${c.added} rows added, −${c.removed} removed, ${c.changed} changed`,
      })
    : bi({ vi: 'phát hành lần đầu', en: 'first release' });
  return `<li><strong>${esc(r.version)}</strong> · ${day(r.published)} · ${num(r.rows)} ${bi(T.rows)} · ${summary} · <a href="releases/${esc(r.version)}/${esc(meta.name)}.csv">CSV</a> <a href="releases/${esc(r.version)}/datapackage.json">datapackage.json</a></li>`;
};

/** `datasets/<name>/index.html`: description, metadata, downloads, charts, a preview of the first rows and the releases. */
const datasetPage = (
  meta: DatasetMetadata,
  content: {
    readonly rows: readonly NormalizedRow[];
    readonly charts: readonly Chart[];
    readonly jsonLd: unknown;
    readonly titleOf: (name: string) => Bilingual | undefined;
    readonly signOffs?: readonly ApprovalEvent[];
    /** Extra `<head>` elements and sections after the downloads (reports, feeds). */
    readonly head?: string;
    readonly more?: string;
  },
): PublishedFile => {
  const info = meta.publisher;
  const fields = meta.schema.fields;
  const numeric = new Set(
    fields.filter((f) => f.type !== 'string').map((f) => f.name),
  );
  const preview = content.rows.slice(0, PREVIEW_ROWS);
  const downloads = meta.distributions
    .map(
      (d) =>
        `<tr><td><a href="${esc(d.path)}">${esc(d.path)}</a></td><td>${esc(d.format)}</td><td class="n">${size(d.bytes)}</td><td><span class="hash" title="sha256:${d.sha256}">${d.sha256.slice(0, 16)}…</span></td></tr>`,
    )
    .join('');
  const sources = meta.derivedFrom
    .map((s) => {
      const title = content.titleOf(s);
      return `<a href="../${esc(s)}/index.html">${title ? bi(title) : esc(s)}</a>`;
    })
    .join(', ');
  const main = `<p class="crumbs"><a href="../../index.html">${bi(T.home)}</a> › ${bi(T.datasets)}</p>
<h1>${bi(meta.title)}</h1>
${bi(meta.description, 'p')}
${themeChips(meta)}
<h2>${bi(T.downloads)}</h2>
<div class="scroll"><table><thead><tr><th>${bi(T.file)}</th><th>${bi(T.format)}</th><th>${bi(T.size)}</th><th>SHA-256</th></tr></thead><tbody>${downloads}</tbody></table></div>
${templateLinks(meta.schema)}
${content.more ?? ''}${content.charts.length > 0 ? `<h2>${bi(T.charts)}</h2>\n${content.charts.map((c) => `<figure><figcaption>${bi(c.title)}</figcaption>${c.svg}</figure>`).join('\n')}` : ''}
<h2>${bi(T.preview)}</h2>
${
  preview.length === 0
    ? `<p>${bi(T.empty)}</p>`
    : `<p class="meta">${bi(T.firstRows)} ${bi({ vi: 'Tổng số', en: 'Total' })}: ${num(meta.rows)} ${bi(T.rows)}.</p>
<div class="scroll"><table><thead><tr>${fields.map((f) => `<th title="${esc(f.description)}">${esc(f.title)}<br><code>${esc(f.name)}</code></th>`).join('')}</tr></thead><tbody>
${preview.map((r) => `<tr>${fields.map((f) => `<td${numeric.has(f.name) ? ' class="n"' : ''}>${esc(r[f.name] ?? '')}</td>`).join('')}</tr>`).join('\n')}
</tbody></table></div>`
}
<h2>${bi(T.metadata)}</h2>
<dl class="facts">
${fact(T.identifier, `<code>${esc(meta.name)}</code>`)}
${fact(T.publisher, `<a href="${esc(info.publisher.homepage)}">${bi(info.publisher.title)}</a> (${bi(info.publisher.parent)})`)}
${fact(T.contact, `${bi(info.contact.name)} · <a href="mailto:${esc(info.contact.email)}">${esc(info.contact.email)}</a>`)}
${fact(T.license, `<a href="${esc(info.license.url)}">${esc(info.license.title)}</a> (<code>${esc(info.license.id)}</code>)`)}
${fact(T.themes, meta.themes.map((t) => `${bi(t.title)} (${bi(EU_THEMES[t.euTheme] ?? { vi: t.euTheme, en: t.euTheme })})`).join('; '))}
${fact(T.keywords, bi({ vi: meta.keywords.vi.join(', '), en: meta.keywords.en.join(', ') }))}
${fact(T.frequency, bi(meta.frequency.title))}
${fact(T.temporal, meta.temporal ? `${day(meta.temporal.start)} – ${day(meta.temporal.end)} (${esc(meta.periods.join(', '))})` : '—')}
${fact(T.spatial, `${bi(info.spatial.name)} (${bi({ vi: 'mã', en: 'code' })} ${esc(info.spatial.code)})`)}
${fact(T.version, esc(meta.version))}
${fact(T.issued, day(meta.issued))}
${fact(T.modified, day(meta.modified))}
${fact({ vi: 'Số dòng', en: 'Rows' }, num(meta.rows))}
${sources ? fact(T.source, sources) : ''}
</dl>
<h2>${bi(T.fields)}</h2>
<div class="scroll"><table><thead><tr><th>${bi(T.name)}</th><th>${bi(T.title)}</th><th>${bi(T.type)}</th><th>${bi(T.description)}</th></tr></thead><tbody>
${fields.map((f) => `<tr><td><code>${esc(f.name)}</code></td><td>${esc(f.title)}</td><td>${esc(f.type)}</td><td>${esc(f.description)}</td></tr>`).join('\n')}
</tbody></table></div>
${signOffHtml(content.signOffs ?? [])}
<h2>${bi(T.releases)}</h2>
<ul>
${meta.releases.map((r) => releaseItem(meta, r)).join('\n')}
</ul>
<p><a href="CHANGELOG.md">${bi(T.changelog)}</a> · <a href="releases/index.json">releases/index.json</a> · <a href="../../api/3/action/package_show/${esc(meta.name)}.json">CKAN package_show</a></p>`;
  return {
    path: `datasets/${meta.name}/index.html`,
    body: Buffer.from(
      layout(info, {
        title: meta.title,
        description: meta.description.vi,
        root: '../../',
        jsonLd: content.jsonLd,
        main,
        ...(content.head && { head: content.head }),
      }),
      'utf8',
    ),
    contentType: 'text/html; charset=utf-8',
  };
};

/** The stylesheet and the language switch every page loads. */
const siteAssets = (): PublishedFile[] => [
  {
    path: 'assets/site.css',
    body: Buffer.from(CSS, 'utf8'),
    contentType: 'text/css; charset=utf-8',
  },
  {
    path: 'assets/site.js',
    body: Buffer.from(JS, 'utf8'),
    contentType: 'text/javascript; charset=utf-8',
  },
];

export { datasetPage, indexPage, layout, siteAssets };
