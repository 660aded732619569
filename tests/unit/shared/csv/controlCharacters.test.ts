import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTextDecoder } from '../../../../functions/shared/csv/decode.js';

const decodeAll = async (chunks: Buffer[]) => {
  const decoder = createTextDecoder();
  Readable.from(chunks).pipe(decoder);
  let text = '';
  for await (const part of decoder) text += part;
  return { text, removed: decoder.removedControls };
};

const ESC = '\u001b';

describe('the decoder removes control characters', () => {
  it('keeps tab, CR and LF and removes ESC, BEL, DEL and C1 CSI, naming the first line', async () => {
    const text = `a,b\r\n1,x\ty\r\n2,${ESC}[31mred${ESC}[0m\u0007\u007f\u009b\n`;

    const { text: decoded, removed } = await decodeAll([Buffer.from(text)]);

    expect(decoded).toBe('a,b\r\n1,x\ty\r\n2,[31mred[0m\n');
    expect(removed).toEqual({ count: 5, firstLine: 3 });
  });

  it('counts lines across chunks, a CRLF split between two, and CR-only breaks', async () => {
    const bytes = Buffer.from(`h\r\n1\r\n2\r3\n4,${ESC}\n`);

    const { removed } = await decodeAll([
      bytes.subarray(0, 2),
      bytes.subarray(2, 3),
      bytes.subarray(3),
    ]);

    expect(removed).toEqual({ count: 1, firstLine: 5 });
  });

  it('removes them from UTF-16 and Windows-1258 text too', async () => {
    const text = `a,b\n1,Hà Nội${ESC}\n`;
    const cp1258 = readFileSync(
      new URL(
        '../../../../fixtures/encodings/sample.windows-1258.csv',
        import.meta.url,
      ),
    );
    const firstBreak = cp1258.indexOf(0x0a);

    const utf16 = await decodeAll([
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ]);
    const legacy = await decodeAll([
      cp1258.subarray(0, firstBreak + 1),
      Buffer.from([0x1b, 0x7f]),
      cp1258.subarray(firstBreak + 1),
    ]);

    expect(utf16.text).toBe('a,b\n1,Hà Nội\n');
    expect(utf16.removed).toEqual({ count: 1, firstLine: 2 });
    expect(legacy.text).not.toContain('\u001b');
    expect(legacy.text).not.toContain('\u007f');
    expect(legacy.removed).toEqual({ count: 2, firstLine: 2 });
  });

  it('reports nothing for a clean file', async () => {
    const { removed } = await decodeAll([Buffer.from('a,b\n1,2\n')]);

    expect(removed).toBeUndefined();
  });
});
