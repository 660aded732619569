/**
 * Sign-off of a quarter's consolidation: the Steering Committee's approval
 * makes the quarter's figures official and locks it; a reopening, with a
 * reason, unlocks it for corrections. Both are kept as events.
 */
export interface ApprovalEvent {
  readonly period: string;
  readonly action: 'approve' | 'reopen';
  /** Who signed or reopened, as typed by the steward. */
  readonly by: string;
  /** When, ISO 8601 UTC. */
  readonly at: string;
  /** The approval's note. */
  readonly note?: string;
  /** Why the quarter was reopened. */
  readonly reason?: string;
}

/** An approval in force. */
export type Approval = ApprovalEvent & { readonly action: 'approve' };

/** `trang_thai_so_lieu` of a derived row: provisional or official. */
export type DataStatus = 'tam_tinh' | 'chinh_thuc';

const byTime = (a: ApprovalEvent, b: ApprovalEvent) =>
  a.at < b.at ? -1 : a.at > b.at ? 1 : 0;

/** The approval in force for a period: its last event, when that is an approval. */
const approvalInForce = (
  events: readonly ApprovalEvent[],
): Approval | undefined => {
  const last = [...events].sort(byTime).at(-1);
  return last?.action === 'approve' ? (last as Approval) : undefined;
};

/** Whether the figures of a period are official. */
const dataStatusOf = (approval: Approval | undefined): DataStatus =>
  approval ? 'chinh_thuc' : 'tam_tinh';

/** Why an approval or reopening cannot be recorded now, or undefined. */
const signOffConflict = (
  action: ApprovalEvent['action'],
  events: readonly ApprovalEvent[],
): string | undefined => {
  const inForce = approvalInForce(events);
  if (action === 'approve' && inForce) {
    return `Kỳ ${inForce.period} đã được ${inForce.by} phê duyệt lúc ${inForce.at} / already approved by ${inForce.by} at ${inForce.at}`;
  }
  if (action === 'reopen' && !inForce) {
    return 'Kỳ chưa được phê duyệt, không cần mở lại / the quarter is not approved: nothing to reopen';
  }
  return undefined;
};

export { approvalInForce, byTime, dataStatusOf, signOffConflict };
