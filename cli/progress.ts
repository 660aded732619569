import type { Writable } from 'node:stream';

/** A one-line progress counter: redrawn in place on a terminal, a line per step otherwise. */
const createProgress = (out: Writable & { isTTY?: boolean }, label: string) => {
  let last = '';
  return {
    update(done: number, total: number, detail = '') {
      const line = `${label} ${done}/${total}${detail ? ` · ${detail}` : ''}`;
      if (out.isTTY) out.write(`\r\x1b[2K${line}`);
      else if (line !== last) out.write(`${line}\n`);
      last = line;
    },
    finish() {
      if (out.isTTY && last) out.write('\n');
    },
  };
};

export { createProgress };
