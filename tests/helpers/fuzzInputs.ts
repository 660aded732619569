import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { gzipSync, zipSync } from 'fflate';
import { FIXTURES_DIR } from './catalogue.js';
import { toTcvn3, toVni, toWindows1258 } from './encodeVietnamese.js';

const seeds = [
  ...readdirSync(join(FIXTURES_DIR, 'cases'))
    .filter((f) => f.endsWith('.csv'))
    .map((f) => readFileSync(join(FIXTURES_DIR, 'cases', f))),
  ...readdirSync(join(FIXTURES_DIR, 'encodings')).map((f) =>
    readFileSync(join(FIXTURES_DIR, 'encodings', f)),
  ),
];

type Mutation =
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 8 }),
      fc.constantFrom(
        ...[
          '"',
          ',',
          ';',
          '\n',
          '\r\n',
          '=',
          '\u0000',
          '\ufeff',
          'ư',
          '1.234',
        ].map((t) => Buffer.from(t)),
      ),
    ),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

const apply = (input: Buffer, m: Mutation): Buffer => {
  const at = input.length === 0 ? 0 : m.at % (input.length + 1);
  switch (m.kind) {
    case 'flip': {
      const copy = Buffer.from(input);
      if (copy.length > 0) copy[at % copy.length] = m.byte;
      return copy;
    }
    case 'insert':
      return Buffer.concat([
        input.subarray(0, at),
        m.bytes,
        input.subarray(at),
      ]);
    case 'delete':
      return Buffer.concat([
        input.subarray(0, at),
        input.subarray(at + m.length),
      ]);
    case 'truncate':
      return input.subarray(0, at);
  }
};

/** Files as they arrive broken: random bytes, or fixtures with flipped, inserted, deleted or cut bytes. */
export const brokenFiles: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)),
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 6 }),
    )
    .map(([seed, ms]) => ms.reduce(apply, seed)),
);

/** Upload keys a broken file may come under. */
export const uploadKeys = fc.constantFrom(
  'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv',
  'submissions/VIETTEL/2023-Q3/ha-tang-vien-thong.csv',
  'submissions/405/2024-Q4/to-cong-nghe-so.csv',
  'submissions/HCC/2023-Q3/dich-vu-cong-truc-tuyen.csv',
);

// ---------------------------------------------------------------------------
// The hostile-input campaign (issue 16): files built to stall, exhaust or
// slip past the validator, by kind, from a seed.

/** The kinds of hostile file the campaign tries. */
export const HOSTILE_KINDS = [
  'huge-cell',
  'pathological-quotes',
  'many-columns',
  'mixed-encodings',
  'control-characters',
  'personal-data-in-disguise',
  'zip-shaped',
  'binary',
] as const;

/** A kind of hostile file. */
export type HostileKind = (typeof HOSTILE_KINDS)[number];

/** One hostile file and the upload key it arrives under. */
export interface HostileFile {
  readonly kind: HostileKind;
  readonly key: string;
  readonly bytes: Buffer;
}

const KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
const HEADER =
  'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu';
const rowWith = (note: string, n = 1) =>
  `VIETTEL,2023-Q3,CDS-2023-${String(n).padStart(2, '0')},1,2,,,Đang thực hiện,${note}`;
const csvOf = (notes: readonly string[]) =>
  `${HEADER}\n${notes.map((note, i) => rowWith(note, (i % 43) + 1)).join('\n')}\n`;
const utf8 = (text: string) => Buffer.from(text, 'utf8');
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

const hugeCell: fc.Arbitrary<Buffer> = fc
  .record({
    chars: fc.integer({ min: 100_000, max: 3_000_000 }),
    fill: fc.constantFrom('a', '0', 'a ', '1.', 'ư', '@', 'x@'),
    tail: fc.constantFrom('@', '@b.vn', '', '"'),
    quote: fc.boolean(),
  })
  .map(({ chars, fill, tail, quote }) => {
    const note = fill.repeat(Math.ceil(chars / fill.length)) + tail;
    return utf8(csvOf([quote ? quoted(note) : note]));
  });

const pathologicalQuotes: fc.Arbitrary<Buffer> = fc
  .record({
    piece: fc.constantFrom('"', '""', '"""', '","', '"\n', 'a"b', '\\"', '"\r'),
    times: fc.integer({ min: 1_000, max: 300_000 }),
    place: fc.constantFrom('cell', 'header', 'open-then-rows'),
  })
  .map(({ piece, times, place }) => {
    const run = piece.repeat(times);
    if (place === 'header') return utf8(`${run}\n${rowWith('x')}\n`);
    if (place === 'cell') return utf8(csvOf([run, 'sau', run]));
    // A quote opened on line 2 and never closed, then ordinary rows.
    const rows = Array.from({ length: times / 10 }, (_, i) =>
      rowWith(`ghi chú ${i}`, (i % 43) + 1),
    );
    return utf8(`${HEADER}\n${rowWith('"mở')}\n${rows.join('\n')}\n`);
  });

const manyColumns: fc.Arbitrary<Buffer> = fc
  .record({
    columns: fc.integer({ min: 1_000, max: 200_000 }),
    delimiter: fc.constantFrom(',', ';', '\t'),
    where: fc.constantFrom('header', 'row', 'both'),
  })
  .map(({ columns, delimiter, where }) => {
    const wide = Array.from({ length: columns }, (_, i) => `c${i}`).join(
      delimiter,
    );
    const header = where === 'row' ? HEADER : `${HEADER},${wide}`;
    const row = where === 'header' ? rowWith('x') : `${rowWith('x')},${wide}`;
    return utf8(`${header}\n${row}\n`);
  });

const VIETNAMESE = 'Số liệu đến 30/9/2023, Hộ gia đình có kết nối Internet';

const mixedEncodings: fc.Arbitrary<Buffer> = fc
  .record({
    mix: fc.constantFrom(
      'utf8-then-1258',
      '1258-then-utf8',
      'utf16-then-utf8',
      'bom-in-middle',
      'tcvn3-then-vni',
      'utf16-odd',
    ),
    rows: fc.integer({ min: 10, max: 5_000 }),
  })
  .map(({ mix, rows }) => {
    const text = csvOf(Array.from({ length: rows }, () => VIETNAMESE));
    const half = Math.floor(text.length / 2);
    const [a, b] = [text.slice(0, half), text.slice(half)];
    switch (mix) {
      case 'utf8-then-1258':
        return Buffer.concat([utf8(a), toWindows1258(b)]);
      case '1258-then-utf8':
        return Buffer.concat([toWindows1258(a), utf8(b)]);
      case 'utf16-then-utf8':
        return Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(a, 'utf16le'),
          utf8(b),
        ]);
      case 'bom-in-middle':
        return Buffer.concat([
          utf8(a),
          Buffer.from([0xef, 0xbb, 0xbf]),
          utf8(b),
        ]);
      case 'tcvn3-then-vni':
        return Buffer.concat([toTcvn3(a), toVni(b)]);
      default: // utf16-odd
        return Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(text, 'utf16le'),
          Buffer.from([0x41]),
        ]);
    }
  });

const CONTROLS = [
  '\u001b',
  '\u0007',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u007f',
  '\u009b',
  '\u001b[2J',
];

const controlCharacters: fc.Arbitrary<Buffer> = fc
  .record({
    control: fc.constantFrom(...CONTROLS),
    rows: fc.integer({ min: 1, max: 2_000 }),
    where: fc.constantFrom('note', 'number', 'header', 'everywhere'),
  })
  .map(({ control, rows, where }) => {
    const notes = Array.from(
      { length: rows },
      (_, i) => `ghi chú ${control}${i}`,
    );
    let text =
      where === 'note'
        ? csvOf(notes)
        : csvOf(notes.map((_, i) => `ghi chú ${i}`));
    if (where === 'number') text = text.replaceAll(',1,2,', `,1${control},2,`);
    if (where === 'header') text = text.replace('ghi_chu', `ghi${control}_chu`);
    if (where === 'everywhere') text = text.replaceAll(',', `${control},`);
    return utf8(text);
  });

/** The disguises of issue 16, each of which must be found. */
export const DISGUISED_PERSONAL_DATA = [
  'CCCD 038 095 012 345',
  'CCCD 0380.9501.2345',
  'CMND số 172345678',
  'gọi (0237) 3852 123',
  'gọi 0912 - 345 - 678',
  'gọi +84 (0) 912 345 678',
  'gọi ０９１２３４５６７８',
  'gọi 0912\u200b345\u200b678',
  'thư a(at)gmail.com',
] as const;

const personalData: fc.Arbitrary<Buffer> = fc
  .record({
    disguise: fc.constantFrom(...DISGUISED_PERSONAL_DATA),
    decoys: fc.integer({ min: 0, max: 500 }),
    at: fc.nat(),
  })
  .map(({ disguise, decoys, at }) => {
    const notes = Array.from({ length: decoys }, (_, i) =>
      quoted(`${2_155_455 + i} thuê bao, ngày 20/4/2023, 394/HCC-HCQT`),
    );
    notes.splice(at % (decoys + 1), 0, quoted(disguise));
    return utf8(csvOf(notes));
  });

/** Up to `max` pseudo-random bytes: fast-check's own arrays stay small in a short sample. */
const noiseBytes = (max: number): fc.Arbitrary<Buffer> =>
  fc
    .record({ length: fc.integer({ min: 1, max }), seed: fc.nat() })
    .map(({ length, seed }) => {
      let state = seed;
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      return bytes;
    });

const zipShaped: fc.Arbitrary<Buffer> = fc
  .record({
    shape: fc.constantFrom('zip-of-csv', 'pk-header', 'gzip', 'xlsx-names'),
    noise: noiseBytes(20_000),
  })
  .map(({ shape, noise }) => {
    const csv = utf8(csvOf(['ghi chú']));
    switch (shape) {
      case 'zip-of-csv':
        return Buffer.from(zipSync({ 'chi-tieu-cds.csv': csv }));
      case 'xlsx-names':
        return Buffer.from(
          zipSync({
            '[Content_Types].xml': utf8('<Types/>'),
            'xl/worksheets/sheet1.xml': csv,
            'xl/noise.bin': noise,
          }),
        );
      case 'pk-header':
        return Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), noise]);
      default: // gzip
        return Buffer.from(gzipSync(csv));
    }
  });

const binary: fc.Arbitrary<Buffer> = fc
  .record({
    head: fc.constantFrom(
      '',
      '\u0089PNG\r\n\u001a\n',
      '%PDF-1.7\n',
      '\u00ff\u00d8\u00ff\u00e0',
      'MZ',
    ),
    body: noiseBytes(200_000),
    fill: fc.constantFrom(undefined, 0x00, 0xff, 0x80),
  })
  .map(({ head, body, fill }) =>
    Buffer.concat([
      Buffer.from(head, 'latin1'),
      fill === undefined ? Buffer.from(body) : Buffer.alloc(body.length, fill),
    ]),
  );

const HOSTILE: Record<HostileKind, fc.Arbitrary<Buffer>> = {
  'huge-cell': hugeCell,
  'pathological-quotes': pathologicalQuotes,
  'many-columns': manyColumns,
  'mixed-encodings': mixedEncodings,
  'control-characters': controlCharacters,
  'personal-data-in-disguise': personalData,
  'zip-shaped': zipShaped,
  binary,
};

/** `perKind` hostile files of every kind, the same ones for the same seed. */
export const hostileFiles = (seed: number, perKind: number): HostileFile[] =>
  HOSTILE_KINDS.flatMap((kind, k) =>
    fc
      .sample(HOSTILE[kind], { seed: seed + k, numRuns: perKind })
      .map((bytes) => ({ kind, key: KEY, bytes })),
  );
