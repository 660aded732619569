/**
 * The personal-data screen: one left-to-right pass over a text that finds
 * citizen IDs, phone numbers and e-mail addresses (certain: an error), and
 * what looks like a person's name or home address (possible: a warning).
 *
 * Why a hand-written scanner and not regular expressions: a pattern such as
 * `[\w.+-]+@…` restarts at every character of a long run and is quadratic
 * (a 200,000-character `a…a@` took minutes). Here every character is read
 * once by the main loop; an `@` looks back at most 64 characters and ahead
 * at most 255 (the longest local part and domain), and a digit run's gap at
 * most a few separators, so the work is linear in the text's length.
 */

/** One thing the screen found: its span in the text and what it looks like. */
export interface PersonalDataHit {
  readonly kind: 'citizen-id' | 'phone' | 'email' | 'name' | 'address';
  /** Span in the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** Identifiers are certain (`personal-data`); names and addresses are only possible (`possible-personal-data`). */
  readonly certain: boolean;
}

const MAX_LOCAL_PART = 64;
const MAX_DOMAIN = 255;
/** A label applies to a number that starts at most this many characters after it (`CMND số 172345678`). */
const LABEL_REACH = 24;
/** Separator characters allowed between two digit groups (`0912 - 345`, `(0237) 3852`). */
const MAX_GAP = 3;
/** Runs longer than this are figures or codes, not identifiers. */
const MAX_RUN_DIGITS = 16;
/** Words longer than this are never labels or honorifics: they are not folded. */
const MAX_LABEL_WORD = 10;

/** A digit's value, folding full-width digits (U+FF10–FF19); -1 for any other character. */
const digitAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
};

/** Zero-width space, non-joiner, joiner, word joiner, BOM and soft hyphen: invisible inside a number. */
const isInvisible = (c: number) =>
  c === 0x200b ||
  c === 0x200c ||
  c === 0x200d ||
  c === 0x2060 ||
  c === 0xfeff ||
  c === 0x00ad;

/** Space, NBSP, figure, thin, narrow no-break and ideographic space. */
const isSpace = (c: number) =>
  c === 0x20 ||
  c === 0xa0 ||
  c === 0x2007 ||
  c === 0x2009 ||
  c === 0x202f ||
  c === 0x3000;

/** `.`, `-` and their dash and full-width forms, and parentheses. */
const isPunctSeparator = (c: number) =>
  c === 0x2e ||
  c === 0x2d ||
  (c >= 0x2010 && c <= 0x2013) ||
  c === 0xff0e ||
  c === 0xff0d ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0xff08 ||
  c === 0xff09;

const isPlus = (c: number) => c === 0x2b || c === 0xff0b;

const WORD_CHAR = /[\p{L}\p{M}]/u;
/** A letter or combining mark; Vietnamese letters by code range, the rest by Unicode property. */
const isWordChar = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return true;
  if (c < 0xc0 || Number.isNaN(c)) return false;
  // Latin-1 letters but × and ÷, Latin Extended-A/B (ă, đ, ơ, ư), combining
  // marks, Latin Extended Additional (ạ … ỹ).
  if (c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if ((c >= 0x300 && c <= 0x36f) || (c >= 0x1e00 && c <= 0x1eff)) return true;
  return WORD_CHAR.test(text.charAt(i));
};

const isUpperInitial = (text: string, i: number): boolean => {
  const ch = text.charAt(i);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
};

const FOLDED = new Map<string, string>();
const MAX_FOLDED = 4096;

/** A short lower-case word without diacritics (`điện` → `dien`); words repeat, so each is folded once. */
const foldWord = (lower: string): string => {
  let folded = FOLDED.get(lower);
  if (folded === undefined) {
    folded = lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    FOLDED.set(lower, folded);
  }
  return folded;
};

const ID_WORDS = new Set(['cccd', 'cmnd', 'cmt', 'cmtnd', 'ddcn']);
const ID_PAIRS = new Set(['can cuoc', 'chung minh', 'dinh danh', 'ho chieu']);
const PHONE_WORDS = new Set([
  'sdt',
  'dtdd',
  'tel',
  'phone',
  'mobile',
  'zalo',
  'fax',
  'hotline',
]);
const PHONE_PAIRS = new Set(['dien thoai', 'di dong']);
/** Second words of the two-word labels: only after one of them is a pair looked up. */
const PAIR_ENDS = new Set(
  [...ID_PAIRS, ...PHONE_PAIRS].map((pair) => pair.split(' ')[1]),
);
// Honorifics and hamlets are matched with their diacritics: `Bá Thước` is a
// district, `Bà` a woman. Capitalized, only `Ông` and `Bà` are taken as
// honorifics: `Anh` starts place names (`Xã Anh Sơn`) and ends given names.
const HONORIFICS = new Set(['ông', 'bà', 'anh', 'chị']);
const CAPITALIZED_HONORIFICS = new Set(['Ông', 'Bà']);
/** Words after which an honorific is part of a name or a place, not a person: `tiếng Anh`, `phố Bà Triệu`. */
const NOT_A_PERSON_BEFORE = new Set(['tieng', 'pho', 'duong', 'den', 'chua']);
const HAMLETS = new Set(['thôn', 'xóm']);

const isLocalChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2e ||
  c === 0x5f ||
  c === 0x25 ||
  c === 0x2b ||
  c === 0x2d;

const isDomainChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x41 && c <= 0x5a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2d;

/** `(dot)`, `[dot]`, ` dot `: the length of a spelled-out dot at `i`, or 0. */
const spelledDotAt = (text: string, i: number): number => {
  const four = text.slice(i, i + 5).toLowerCase();
  if (four === '(dot)' || four === '[dot]' || four === '{dot}') return 5;
  if (four === ' dot ') return 5;
  return 0;
};

/** `(at)`, `[at]`, `{at}`, ` at ` or `@`/`＠`: the length of an at-sign at `i`, or 0. */
const atSignAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  if (c === 0x40 || c === 0xff20) return 1;
  // Only these can open a spelled-out at-sign: no slice for other characters.
  if (c !== 0x28 && c !== 0x5b && c !== 0x7b && c !== 0x20) return 0;
  const four = text.slice(i, i + 4).toLowerCase();
  if (four === '(at)' || four === '[at]' || four === '{at}' || four === ' at ')
    return 4;
  return 0;
};

/** The end of an e-mail domain starting at `i` (labels joined by dots, a letter TLD), or -1. */
const domainEnd = (text: string, i: number): number => {
  const limit = Math.min(text.length, i + MAX_DOMAIN);
  let at = i;
  let labels = 0;
  let lastLabelLetters = false;
  let end = -1;
  while (at < limit) {
    const labelStart = at;
    let letters = true;
    while (at < limit && isDomainChar(text.charCodeAt(at))) {
      const c = text.charCodeAt(at);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)))
        letters = false;
      at++;
    }
    if (at === labelStart) break;
    labels++;
    lastLabelLetters = letters && at - labelStart >= 2;
    if (labels >= 2 && lastLabelLetters) end = at;
    if (text.charCodeAt(at) === 0x2e || text.charCodeAt(at) === 0xff0e) at++;
    else {
      const dot = spelledDotAt(text, at);
      if (dot === 0) break;
      at += dot;
    }
  }
  return end;
};

/** An e-mail around the at-sign at [at, at + length), as a span, or undefined. */
const emailAround = (
  text: string,
  at: number,
  length: number,
): { start: number; end: number } | undefined => {
  let left = at;
  // `nam @ viettel.com.vn`, `nam [at] viettel.com.vn`: one space either side
  // of the sign is tolerated (` at ` carries its own).
  const spaced = text.charCodeAt(at) !== 0x20;
  if (spaced && text.charCodeAt(left - 1) === 0x20) left--;
  const localEnd = left;
  const floor = Math.max(0, localEnd - MAX_LOCAL_PART);
  while (left > floor && isLocalChar(text.charCodeAt(left - 1))) left--;
  if (left === localEnd || text.charCodeAt(localEnd - 1) === 0x2e)
    return undefined;
  let right = at + length;
  if (spaced && text.charCodeAt(right) === 0x20) right++;
  const end = domainEnd(text, right);
  return end < 0 ? undefined : { start: left, end };
};

interface DigitRun {
  readonly start: number;
  /** Just after the last digit. */
  readonly end: number;
  readonly digits: string;
  readonly plus: boolean;
  /** Every group of one or two digits is set off by spaces only (`0912 34 56 78`), or is a country or trunk code. */
  readonly shortGroupsSpaced: boolean;
}

/**
 * Reads the digit run starting at `start` (a digit, or `+`/`(` before one):
 * digits joined by gaps of at most three separators (space, `.`, `-`,
 * parentheses) and any invisible characters. Returns where it ends.
 */
const readDigitRun = (text: string, start: number): DigitRun => {
  let i = start;
  let plus = false;
  const first = text.charCodeAt(i);
  if (isPlus(first)) plus = true;
  // `+84…` and `(0237)…`: the sign or parenthesis opens the run.
  if (digitAt(text, i) < 0) i++;
  let digits = '';
  let end = i;
  let groups = 0;
  let groupLength = 0;
  let spacedBefore = true;
  let shortGroupsSpaced = true;
  const closeGroup = (spacedAfter: boolean) => {
    groups++;
    const isCountryCode = plus && groups === 1 && digits === '84';
    const isTrunkZero = groupLength === 1 && digits.endsWith('840');
    if (
      groupLength <= 2 &&
      !isCountryCode &&
      !isTrunkZero &&
      !(spacedBefore && spacedAfter)
    ) {
      shortGroupsSpaced = false;
    }
  };
  for (;;) {
    // A group: digits, with invisible characters between them ignored.
    while (i < text.length) {
      const d = digitAt(text, i);
      if (d >= 0) {
        if (digits.length <= MAX_RUN_DIGITS) digits += String(d);
        groupLength++;
        i++;
        end = i;
      } else if (isInvisible(text.charCodeAt(i))) i++;
      else break;
    }
    // A gap: up to three separators, then a digit, or the run ends.
    let gap = 0;
    let onlySpaces = true;
    let j = end;
    while (j < text.length && gap <= MAX_GAP) {
      const c = text.charCodeAt(j);
      if (isInvisible(c)) j++;
      else if (isSpace(c)) {
        gap++;
        j++;
      } else if (isPunctSeparator(c)) {
        onlySpaces = false;
        gap++;
        j++;
      } else break;
    }
    if (gap === 0 || gap > MAX_GAP || digitAt(text, j) < 0) {
      closeGroup(true);
      break;
    }
    closeGroup(onlySpaces);
    spacedBefore = onlySpaces;
    groupLength = 0;
    i = j;
  }
  return {
    start,
    end,
    digits,
    plus,
    shortGroupsSpaced,
  };
};

/** The national form of a number: `+84 912…`, `0084 912…`, `+84 (0) 912…` → `0912…`. */
const nationalOf = (run: DigitRun): string | undefined => {
  let d = run.digits;
  if (d.startsWith('0084')) d = d.slice(2);
  else if (!run.plus) return d;
  if (!d.startsWith('84')) return undefined;
  d = d.slice(2);
  return d.startsWith('0') ? d : `0${d}`;
};

// Mobile: 0 + 3/5/7/8/9 + 8 digits. Landline: 02 + area code + number, 11 digits.
const isPhone = (national: string) =>
  (national.length === 10 && /^0[35789]/.test(national)) ||
  (national.length === 11 && national.startsWith('02'));

/** A CCCD: 12 digits, the first three a province code 001–096. */
const isCitizenId = (digits: string) => {
  if (digits.length !== 12 || digits[0] !== '0') return false;
  const province = Number(digits.slice(0, 3));
  return province >= 1 && province <= 96;
};

/** What a digit run is, given the labels before it; undefined when it is a figure, date or code. */
const classifyRun = (
  run: DigitRun,
  labels: { idLabel: boolean; phoneLabel: boolean },
): PersonalDataHit['kind'] | undefined => {
  const { digits } = run;
  if (digits.length > MAX_RUN_DIGITS) return undefined;
  if (labels.idLabel && (digits.length === 9 || digits.length === 12)) {
    return 'citizen-id';
  }
  const national = nationalOf(run);
  if (
    labels.phoneLabel &&
    national !== undefined &&
    national.length >= 9 &&
    national.length <= 11
  ) {
    return 'phone';
  }
  // Unlabelled: only the shapes of an identifier, and not a date range
  // such as `01.07 - 30.09.2023` (short groups set off by dots or dashes).
  if (!run.shortGroupsSpaced) return undefined;
  if (national !== undefined && isPhone(national)) return 'phone';
  if (!run.plus && isCitizenId(digits)) return 'citizen-id';
  return undefined;
};

// The words a name or address hit needs, and the spelled-out at-signs. Each
// alternative is a short literal with one-character lookarounds, so the
// search stays linear.
const NEEDED_WORDS =
  /(?<![\p{L}\p{M}])(?:ông|bà|anh|chị|thôn|xóm|nhà)(?![\p{L}\p{M}])|[([{\s]at[)\]}\s]/iu;

/**
 * Whether a text can hold anything the screen finds: nine digits (every
 * identifier has at least nine), an at-sign, or one of the words a name or
 * an address follows. Most notes have none, and skip the full scan.
 */
const mayHoldPersonalData = (text: string): boolean => {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19)) {
      if (++digits >= 9) return true;
    } else if (c === 0x40 || c === 0xff20) return true;
  }
  return NEEDED_WORDS.test(text);
};

/**
 * Screens a text for personal data in one linear pass. Digits are folded
 * from full-width; separators and invisible characters inside a number are
 * skipped; label words (CCCD, CMND, CMT, số định danh, điện thoại, ĐT, SĐT…)
 * make a nearby 9- or 12-digit number an ID and a 9–11-digit one a phone.
 *
 * @example
 * screenPersonalData('CMND số 172345678') // → [{ kind: 'citizen-id', start: 8, end: 17, certain: true }]
 */
const screenPersonalData = (text: string): PersonalDataHit[] => {
  if (!mayHoldPersonalData(text)) return [];
  const hits: PersonalDataHit[] = [];
  const n = text.length;
  let idLabelEnd = Number.NEGATIVE_INFINITY;
  let phoneLabelEnd = Number.NEGATIVE_INFINITY;
  let addressLabelEnd = Number.NEGATIVE_INFINITY;
  let hamletEnd = Number.NEGATIVE_INFINITY;
  let honorific: { start: number; end: number } | undefined;
  // A name or hamlet being read: capitalized words after an honorific or `thôn`/`xóm`.
  let name:
    | { kind: 'name' | 'address'; start: number; end: number; words: number }
    | undefined;
  let previousWord = '';
  let previousLower = '';
  let lastEmailEnd = -1;

  const closeName = () => {
    if (name) {
      hits.push({
        kind: name.kind,
        start: name.start,
        end: name.end,
        certain: false,
      });
    }
    name = undefined;
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const at = i >= lastEmailEnd ? atSignAt(text, i) : 0;
    if (at > 0) {
      const email = emailAround(text, i, at);
      if (email) {
        closeName();
        hits.push({ kind: 'email', ...email, certain: true });
        lastEmailEnd = email.end;
        i = email.end;
        continue;
      }
    }
    const startsRun =
      digitAt(text, i) >= 0 ||
      ((isPlus(c) || c === 0x28 || c === 0xff08) && digitAt(text, i + 1) >= 0);
    if (startsRun) {
      // A number glued to a word is a code (`CDS-2023-01` after its dash is fine, `ABC0912…` is not a phone).
      const glued = i > 0 && isWordChar(text, i - 1);
      const run = readDigitRun(text, i);
      const kind = glued
        ? undefined
        : classifyRun(run, {
            idLabel: run.start - idLabelEnd <= LABEL_REACH,
            phoneLabel: run.start - phoneLabelEnd <= LABEL_REACH,
          });
      if (kind) {
        closeName();
        hits.push({ kind, start: run.start, end: run.end, certain: true });
      } else if (
        run.start - addressLabelEnd <= 2 ||
        run.start - hamletEnd <= 2
      ) {
        hits.push({
          kind: 'address',
          start: run.start,
          end: run.end,
          certain: false,
        });
      }
      i = Math.max(run.end, i + 1);
      continue;
    }
    if (isWordChar(text, i)) {
      let j = i + 1;
      while (j < n && isWordChar(text, j)) j++;
      const length = j - i;
      // The text is NFC (the decoder's job), so a word compares as it is.
      const lower =
        length <= MAX_LABEL_WORD ? text.slice(i, j).toLowerCase() : '';
      const word = lower === '' ? '' : foldWord(lower);
      const capitalized =
        (name !== undefined ||
          honorific !== undefined ||
          hamletEnd > Number.NEGATIVE_INFINITY ||
          HONORIFICS.has(lower)) &&
        isUpperInitial(text, i);
      if (name && capitalized && follows(i, name.end) && name.words < 4) {
        name.end = j;
        name.words++;
      } else {
        closeName();
        if (honorific && capitalized && follows(i, honorific.end)) {
          name = { kind: 'name', start: honorific.start, end: j, words: 1 };
        } else if (capitalized && follows(i, hamletEnd)) {
          name = { kind: 'address', start: i, end: j, words: 1 };
        }
      }
      honorific = undefined;
      hamletEnd = Number.NEGATIVE_INFINITY;
      const pair = PAIR_ENDS.has(word) ? `${previousWord} ${word}` : '';
      if (ID_WORDS.has(word) || ID_PAIRS.has(pair)) idLabelEnd = j;
      // `ĐT` is a phone label, but not in `GD&ĐT` (education and training).
      const dt = word === 'dt' && text.charAt(i - 1) !== '&';
      if (dt || PHONE_WORDS.has(word) || PHONE_PAIRS.has(pair)) {
        phoneLabelEnd = j;
      }
      if (lower === 'nhà' && previousLower === 'số') addressLabelEnd = j;
      // `nông thôn` is the countryside, not a hamlet.
      if (HAMLETS.has(lower) && previousLower !== 'nông') hamletEnd = j;
      if (
        HONORIFICS.has(lower) &&
        (!capitalized || CAPITALIZED_HONORIFICS.has(text.slice(i, j))) &&
        !NOT_A_PERSON_BEFORE.has(previousWord) &&
        !(name && name.end === j)
      ) {
        honorific = { start: i, end: j };
      }
      previousWord = word;
      previousLower = lower;
      i = j;
      continue;
    }
    if (!isSpace(c)) {
      // Punctuation ends a name and breaks a two-word label.
      if (c !== 0x2e || !name) closeName();
      if (c !== 0x3a && c !== 0x2f) {
        previousWord = '';
        previousLower = '';
      }
    }
    i++;
  }
  closeName();
  return hits;
};

/** Whether a word at `i` follows what ended at `end` after one separator or two (`An, `). */
const follows = (i: number, end: number) => i - end >= 1 && i - end <= 2;

/** A text with every hit masked, keeping each one's first and last two characters. */
const maskHits = (text: string, hits: readonly PersonalDataHit[]): string => {
  let masked = '';
  let from = 0;
  for (const hit of [...hits].sort((a, b) => a.start - b.start)) {
    if (hit.start < from) continue;
    const m = text.slice(hit.start, hit.end);
    masked += text.slice(from, hit.start);
    masked +=
      m.length <= 4
        ? '*'.repeat(m.length)
        : `${m.slice(0, 2)}${'*'.repeat(m.length - 4)}${m.slice(-2)}`;
    from = hit.end;
  }
  return masked + text.slice(from);
};

export { maskHits, screenPersonalData };
