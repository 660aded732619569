import iconv from 'iconv-lite';
import { VNI_LETTERS } from '../../functions/shared/csv/vniTable.js';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/u;

const cp1258 = new Map<string, Buffer>();

const encodeChar = (ch: string): Buffer => {
  const direct = iconv.encode(ch, 'windows1258');
  if (direct.toString('latin1') !== '?' || ch === '?') return direct;
  const nfd = ch.normalize('NFD');
  const tone = [...nfd].find((c) => TONES.test(c)) ?? '';
  const base = [...nfd]
    .filter((c) => !TONES.test(c))
    .join('')
    .normalize('NFC');
  return iconv.encode(base + tone, 'windows1258');
};

/** Encodes text as Windows-1258 the way Excel does: base letter, then a combining tone mark where no precomposed letter exists. */
const toWindows1258 = (text: string): Buffer =>
  Buffer.concat(
    [...text.normalize('NFC')].map((ch) => {
      let bytes = cp1258.get(ch);
      if (!bytes) {
        bytes = encodeChar(ch);
        cp1258.set(ch, bytes);
      }
      return bytes;
    }),
  );

const VNI = new Map(VNI_LETTERS.map(([letter, cp1252]) => [letter, cp1252]));

/** Encodes text in VNI Windows bytes. */
const toVni = (text: string): Buffer =>
  Buffer.from(
    [...text.normalize('NFC')].map((ch) => VNI.get(ch) ?? ch).join(''),
    'latin1',
  );

/** Encodes text in TCVN3 (ABC). */
const toTcvn3 = (text: string): Buffer =>
  iconv.encode(text.normalize('NFC'), 'tcvn');

export { toTcvn3, toVni, toWindows1258 };
