import { foldText } from '../normalize/values.js';

/**
 * The label that starts every read-only context column of a template
 * (an indicator's name, measure unit, target): such columns help the
 * official fill in the row and are not part of the dataset, so readers
 * drop them rather than report them as extra columns.
 */
const CONTEXT_LABEL_PREFIX = 'Tham khảo:';

const FOLDED_PREFIX = foldText(CONTEXT_LABEL_PREFIX);

/** Whether a header label names a template's context column. */
const isContextLabel = (label: string): boolean =>
  foldText(label).startsWith(FOLDED_PREFIX);

export { CONTEXT_LABEL_PREFIX, isContextLabel };
