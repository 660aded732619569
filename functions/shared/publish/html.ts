import type { Bilingual, FieldSchema } from '../schema/types.js';

/** Escapes text for HTML and SVG content and attribute values. */
const esc = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[
        c
      ] ?? c,
  );

/** Both languages of a text; the page shows the one the reader picked. */
const bi = (text: Bilingual, tag = 'span'): string =>
  text.vi === text.en
    ? `<${tag}>${esc(text.vi)}</${tag}>`
    : `<${tag} lang="vi">${esc(text.vi)}</${tag}><${tag} lang="en">${esc(text.en)}</${tag}>`;

const group = (digits: string, sep: string) =>
  digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);

/** A number written the Vietnamese (`2.155.455,5`) or English (`2,155,455.5`) way. */
const formatNumber = (n: number, lang: 'vi' | 'en'): string => {
  const [int = '0', frac] = String(Math.abs(n)).split('.');
  const sign = n < 0 ? '−' : '';
  return lang === 'vi'
    ? `${sign}${group(int, '.')}${frac ? `,${frac}` : ''}`
    : `${sign}${group(int, ',')}${frac ? `.${frac}` : ''}`;
};

/** A number in both languages' notation. */
const num = (n: number, tag = 'span'): string =>
  bi({ vi: formatNumber(n, 'vi'), en: formatNumber(n, 'en') }, tag);

/** A file size in KB or MB, in both notations. */
const size = (bytes: number): string => {
  if (bytes < 1024) return `${num(bytes)} B`;
  const kb = bytes / 1024;
  const value = kb < 1024 ? kb : kb / 1024;
  return `${num(Math.round(value * 10) / 10)} ${kb < 1024 ? 'KB' : 'MB'}`;
};

/** A date (`YYYY-MM-DD…`) as `dd/mm/yyyy` in Vietnamese and ISO in English. */
const day = (iso: string): string => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return bi({ vi: `${d}/${m}/${y}`, en: iso.slice(0, 10) });
};

/** A field's English label: the English half of its description, first clause. */
const fieldLabelEn = (field: FieldSchema): string => {
  const en = field.description.split(' / ')[1]?.trim() ?? field.title;
  const clause = (en.split(/[;(]|\.(\s|$)/)[0]?.trim() ?? en)
    .replace(/,?\s*(at the end of the quarter|year to date|cumulative)$/i, '')
    .replace(/^Number of /, '');
  return clause.length > 60 ? `${clause.slice(0, 57)}…` : clause;
};

/** A field's label in both languages. */
const fieldLabel = (field: FieldSchema): Bilingual => ({
  vi: field.title,
  en: fieldLabelEn(field),
});

/** `code: label` pairs that a field's Vietnamese description spells out, e.g. `dat: đạt mục tiêu`. */
const codeLabels = (field: FieldSchema): Map<string, string> => {
  const vi = field.description.split(' / ')[0] ?? '';
  const labels = new Map<string, string>();
  for (const part of vi.split(';')) {
    const match = /^\s*([a-z_]+):\s*(.+?)\.?\s*$/.exec(part);
    if (match?.[1] && match[2]) labels.set(match[1], match[2]);
  }
  return labels;
};

/** JSON for a `<script type="application/ld+json">` block, safe against `</script>`. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value, null, 1).replace(/</g, '\\u003c');

export {
  bi,
  codeLabels,
  day,
  esc,
  fieldLabel,
  formatNumber,
  num,
  scriptJson,
  size,
};
