// CKAN's name_validator: 2–100 characters of lowercase ASCII letters, digits, `-` and `_`.
const NAME_RE = /^[a-z0-9_-]{2,100}$/;
const RESERVED_NAMES = new Set(['new', 'edit', 'search']);
// CKAN's tag_name_validator accepts Unicode word characters, space, `-`, `_` and `.`.
const TAG_RE = /^[\p{L}\p{N}_ .-]{2,100}$/u;

/**
 * Turns Vietnamese (or any) text into a CKAN name: diacritics dropped,
 * `đ` → `d`, lowercase, runs of other characters → `-`, at most 100 characters.
 *
 * @example ckanName('Sở Khoa học và Công nghệ') // 'so-khoa-hoc-va-cong-nghe'
 */
const ckanName = (text: string): string =>
  text
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100)
    .replace(/-$/, '');

/** Whether CKAN accepts a dataset, organization or group name. */
const isCkanName = (name: string): boolean =>
  NAME_RE.test(name) && !RESERVED_NAMES.has(name);

/** Whether CKAN accepts a tag name. */
const isCkanTag = (tag: string): boolean => TAG_RE.test(tag);

export { ckanName, isCkanName, isCkanTag };
