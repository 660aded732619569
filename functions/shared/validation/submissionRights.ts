import { parsePeriod } from '../period.js';
import {
  datasetRefusal,
  type ResponsibilityRefs,
} from '../reference/responsibility.js';
import type { Approval } from '../signoff/periodApproval.js';
import type { SubmissionKey } from '../submissionKey.js';
import { type Finding, finding } from './codes.js';

/** `not-responsible` when the submitting unit does not submit the dataset (nor holds a grant). */
const notResponsibleFinding = (
  refs: ResponsibilityRefs,
  key: SubmissionKey,
): Finding | undefined => {
  const period = parsePeriod(key.period);
  if (!period) return undefined;
  const refusal = datasetRefusal(refs, key.unitCode, key.datasetId, period);
  return (
    refusal &&
    finding('not-responsible', {
      value: key.datasetId,
      expected: refusal.expected.join(', '),
    })
  );
};

/** `period-locked` when the upload's quarter is approved: who approved it and when. */
const periodLockedFinding = async (
  key: SubmissionKey | undefined,
  periodLock: ((period: string) => Promise<Approval | undefined>) | undefined,
): Promise<Finding | undefined> => {
  if (!key || !periodLock) return undefined;
  const approval = await periodLock(key.period);
  return (
    approval &&
    finding('period-locked', {
      value: key.period,
      expected: `${approval.by}|${approval.at}`,
    })
  );
};

export { notResponsibleFinding, periodLockedFinding };
