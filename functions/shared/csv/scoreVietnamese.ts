/** How Vietnamese a decoded text looks: words that are valid syllables against signs of a wrong decoding. */
interface VietnameseScore {
  readonly good: number;
  readonly bad: number;
}

const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const CHECKED_TONES = new Set(['\u0301', '\u0323']);
const LETTERS = new Set('abcdefghijklmnopqrstuvwxyzăâđêôơư');
const VOWELS = new Set('aăâeêioôơuưy');

const INITIALS = [
  '',
  ...'b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x'.split(
    ' ',
  ),
];
const FINALS = ['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'];

// Vowel groups of a syllable without a final consonant, with the positions
// the tone mark may take (both the old `hóa` and the new `hoá` placement).
const OPEN_VOWELS = new Map<string, readonly number[]>([
  ...['a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'].map(
    (group) => [group, [0]] as const,
  ),
  ...['ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu'].map(
    (group) => [group, [0]] as const,
  ),
  ...['oi', 'ôi', 'ơi', 'ua', 'ui', 'ưa', 'ưi', 'ưu'].map(
    (group) => [group, [0]] as const,
  ),
  ...['oa', 'oe', 'uy'].map((group) => [group, [0, 1]] as const),
  ...['uê', 'uơ', 'iêu', 'yêu', 'oai', 'oay', 'oao', 'oeo', 'uôi'].map(
    (group) => [group, [1]] as const,
  ),
  ...['ươi', 'ươu', 'uây', 'uya', 'uyu'].map((group) => [group, [1]] as const),
]);

// Vowel groups before a final consonant, with the finals they take; the
// tone sits on the last vowel.
const CLOSED_VOWELS = new Map<string, readonly string[]>([
  ...['a', 'oa'].map((group) => [group, FINALS.slice(1)] as const),
  ...['ê', 'i'].map(
    (group) => [group, ['ch', 'm', 'n', 'nh', 'p', 't']] as const,
  ),
  ...['ă', 'â', 'e', 'o', 'ô', 'u', 'ư', 'iê', 'yê', 'uô', 'ươ'].map(
    (group) => [group, ['c', 'm', 'n', 'ng', 'p', 't']] as const,
  ),
  ['ơ', ['m', 'n', 'p', 't']],
  ['oă', ['c', 'm', 'n', 'ng', 't']],
  ['oe', ['n', 't']],
  ['oo', ['c', 'ng']],
  ['uâ', ['n', 'ng', 't']],
  ['uê', ['ch', 'nh']],
  ['uy', ['ch', 'nh', 't']],
  ['uyê', ['n', 't']],
]);
const FRONT_START = /^[eêiy]/;

const fitsRhyme = (
  initial: string,
  rhyme: string,
  tone: string | undefined,
  toneAt: number,
): boolean => {
  if (['c', 'ng'].includes(initial) && FRONT_START.test(rhyme)) return false;
  if (['k', 'gh', 'ngh'].includes(initial) && !FRONT_START.test(rhyme)) {
    return false;
  }
  return FINALS.some((final) => {
    if (!rhyme.endsWith(final)) return false;
    const vowels = rhyme.slice(0, rhyme.length - final.length);
    if (final === '') {
      const places = OPEN_VOWELS.get(vowels);
      return places !== undefined && (!tone || places.includes(toneAt));
    }
    if (!CLOSED_VOWELS.get(vowels)?.includes(final)) return false;
    if (['c', 'ch', 'p', 't'].includes(final)) {
      if (!tone || !CHECKED_TONES.has(tone)) return false;
    }
    return !tone || toneAt === vowels.length - 1;
  });
};

/** Whether a word is a well-formed Vietnamese syllable: known letters, one tone on the right vowel, and a legal initial, vowel group and final. */
const isVietnameseSyllable = (word: string): boolean => {
  let letters = '';
  let tone: string | undefined;
  let toneAt = -1;
  for (const char of word.toLowerCase().normalize('NFC')) {
    let letter = '';
    for (const part of char.normalize('NFD')) {
      if (!TONES.has(part)) {
        letter += part;
        continue;
      }
      if (tone !== undefined) return false;
      tone = part;
      toneAt = letters.length;
    }
    letter = letter.normalize('NFC');
    if (!LETTERS.has(letter)) return false;
    if (toneAt === letters.length && !VOWELS.has(letter)) return false;
    letters += letter;
  }
  return INITIALS.some(
    (initial) =>
      letters.startsWith(initial) &&
      fitsRhyme(
        initial,
        letters.slice(initial.length),
        tone,
        toneAt - initial.length,
      ),
  );
};

const WORD = /[\p{L}\p{M}]+/gu;
const ASCII_WORD = /^[a-z]*$/i;
// Latin-1 symbols and the like: what TCVN3 letters look like when misread.
const ODD_SYMBOL = /[\u00a1-\u00bf\u00d7\u00f7\u02c6\u02dc\u2030\u2122]/u;
const LETTER = /\p{L}/u;

// Control characters other than tab and line breaks, C1 controls and U+FFFD.
const isBroken = (code: number): boolean =>
  (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
  (code >= 0x7f && code <= 0x9f) ||
  code === 0xfffd;

const isOneCase = (word: string): boolean => {
  const rest = word.slice(1);
  return rest === rest.toLowerCase() || word === word.toUpperCase();
};

const hasVowel = (word: string): boolean =>
  [...word.toLowerCase().normalize('NFD')].some((char) => VOWELS.has(char));

const isVietnameseAbbreviation = (word: string): boolean =>
  [...word.toLowerCase()].every((char) => LETTERS.has(char)) && !hasVowel(word);

/** Scores a decoded text by its valid Vietnamese syllables against broken characters, odd symbols and impossible words. */
const scoreVietnamese = (decoded: string): VietnameseScore => {
  const text = decoded.normalize('NFC');
  let good = 0;
  let bad = 0;
  for (const [word] of text.matchAll(WORD)) {
    if (ASCII_WORD.test(word)) continue;
    if (!isOneCase(word)) bad++;
    else if (isVietnameseSyllable(word)) good++;
    else if (isVietnameseAbbreviation(word)) good += 0.5;
    else bad++;
  }
  const chars = [...text];
  for (const [i, char] of chars.entries()) {
    if (isBroken(char.charCodeAt(0))) bad += 3;
    else if (ODD_SYMBOL.test(char)) {
      const around = (chars[i - 1] ?? '') + (chars[i + 1] ?? '');
      if (LETTER.test(around)) bad++;
    }
  }
  return { good, bad };
};

export { isVietnameseSyllable, scoreVietnamese, type VietnameseScore };
