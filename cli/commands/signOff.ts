import type { Writable } from 'node:stream';
import type { ApprovalEvent } from '../../functions/shared/signoff/periodApproval.js';
import { signOff } from '../../functions/shared/signoff/signOff.js';
import { localContext } from '../../local/localIngest.js';
import { withBackend } from '../backend.js';

/** Options of `opendata approve` and `opendata reopen`. */
export interface SignOffOptions {
  readonly period: string;
  readonly by: string;
  readonly note?: string;
  readonly reason?: string;
  readonly dataDir: string;
}

/**
 * `opendata approve` / `opendata reopen`: records the sign-off event, then
 * republishes so the derived rows' `trang_thai_so_lieu`, the dataset pages
 * and the CHANGELOG follow. Exit 0, 1 when refused.
 */
const runSignOff = async (
  action: ApprovalEvent['action'],
  options: SignOffOptions,
  io: { out: Writable; err: Writable },
): Promise<number> =>
  withBackend(options.dataDir, async (backend) => {
    const outcome = await signOff(
      {
        action,
        period: options.period,
        by: options.by,
        ...(options.note !== undefined && { note: options.note }),
        ...(options.reason !== undefined && { reason: options.reason }),
      },
      {
        listSignOffs: backend.table.listSignOffs,
        recordSignOff: backend.table.recordSignOff,
        now: () => new Date(),
      },
    );
    if (!outcome.ok) {
      io.err.write(`${outcome.error}: ${outcome.message}\n`);
      return 1;
    }
    const { handler } = await import(
      '../../functions/publish-datasets/handler.js'
    );
    await handler({}, localContext('publish-datasets'));
    const e = outcome.event;
    io.out.write(
      e.action === 'approve'
        ? `${e.period}: đã phê duyệt chính thức bởi ${e.by} lúc ${e.at}; kỳ đã khóa, số liệu "chinh_thuc" / approved as official by ${e.by} at ${e.at}; the quarter is locked\n`
        : `${e.period}: đã mở lại bởi ${e.by} lúc ${e.at} (${e.reason ?? ''}); số liệu "tam_tinh", nhận bản sửa / reopened by ${e.by} at ${e.at}; corrections are taken in again\n`,
    );
    return 0;
  });

export { runSignOff };
