/** The file formats a submission may be uploaded in. */
export type SubmissionExtension = 'csv' | 'xlsx';

/** The content type each format is uploaded with (the presigned PUT signs it). */
const SUBMISSION_CONTENT_TYPES: Readonly<Record<SubmissionExtension, string>> =
  {
    csv: 'text/csv',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };

/** The format a key or file name names: `.xlsx` is a workbook, anything else CSV. */
const extensionOf = (name: string): SubmissionExtension =>
  /\.xlsx$/i.test(name) ? 'xlsx' : 'csv';

/** The upload content type of a key. */
const contentTypeOfKey = (key: string): string =>
  SUBMISSION_CONTENT_TYPES[extensionOf(key)];

export { contentTypeOfKey, extensionOf, SUBMISSION_CONTENT_TYPES };
