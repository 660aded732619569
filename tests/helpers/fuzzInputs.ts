import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { FIXTURES_DIR } from './catalogue.js';

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
