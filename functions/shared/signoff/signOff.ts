import { parsePeriod } from '../period.js';
import { type ApprovalEvent, signOffConflict } from './periodApproval.js';

/** An approval or a reopening a steward asks for. */
export interface SignOffRequest {
  readonly action: ApprovalEvent['action'];
  readonly period: string;
  readonly by: string;
  readonly note?: string;
  readonly reason?: string;
}

/** The ports a sign-off works through. */
export interface SignOffDeps {
  listSignOffs(period: string): Promise<ApprovalEvent[]>;
  recordSignOff(event: ApprovalEvent): Promise<void>;
  now(): Date;
}

/** What a sign-off did: the event recorded, or why it was refused (Vietnamese / English). */
export type SignOffOutcome =
  | { readonly ok: true; readonly event: ApprovalEvent }
  | { readonly ok: false; readonly error: string; readonly message: string };

const refuse = (error: string, message: string): SignOffOutcome => ({
  ok: false,
  error,
  message,
});

/**
 * Approves a quarter (its figures become official and it is locked) or
 * reopens it with a reason; both are added to its history, never replaced.
 */
const signOff = async (
  request: SignOffRequest,
  deps: SignOffDeps,
): Promise<SignOffOutcome> => {
  if (!parsePeriod(request.period)) {
    return refuse(
      'invalid-period',
      `Kỳ "${request.period}" không đúng dạng YYYY-Qn / Period "${request.period}" is not YYYY-Qn`,
    );
  }
  const by = request.by.trim();
  if (by === '') {
    return refuse(
      'missing-by',
      'Cần tên người phê duyệt (--by) / who signs is required (--by)',
    );
  }
  const reason = request.reason?.trim() ?? '';
  if (request.action === 'reopen' && reason === '') {
    return refuse(
      'missing-reason',
      'Mở lại kỳ cần nêu lý do (--reason) / reopening needs a reason (--reason)',
    );
  }
  const conflict = signOffConflict(
    request.action,
    await deps.listSignOffs(request.period),
  );
  if (conflict) return refuse('conflict', conflict);
  const note = request.note?.trim() ?? '';
  const event: ApprovalEvent = {
    period: request.period,
    action: request.action,
    by,
    at: deps.now().toISOString(),
    ...(request.action === 'approve' && note !== '' && { note }),
    ...(request.action === 'reopen' && { reason }),
  };
  await deps.recordSignOff(event);
  return { ok: true, event };
};

export { signOff };
