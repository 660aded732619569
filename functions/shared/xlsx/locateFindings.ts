import type { CsvRecord } from '../csv/readCsvRecords.js';
import { foldText } from '../normalize/values.js';
import type { DatasetSchema } from '../schema/types.js';
import type { Finding } from '../validation/codes.js';

/**
 * Adds a workbook record's sheet and cell references to the findings the
 * record validator made for it: `cellRef` of the field's column for a
 * finding about one field, the sheet alone for a row finding. A bridge
 * until the validation core places workbook findings itself.
 */
const createFindingLocator = (schema: DatasetSchema) => {
  const fieldOfLabel = new Map<string, string>();
  for (const field of schema.fields) {
    for (const label of [
      field.name,
      field.title,
      ...(field['x-synonyms'] ?? []),
    ]) {
      fieldOfLabel.set(foldText(label), field.name);
    }
  }
  let columnOf = new Map<string, number>();
  return {
    /** Learns the columns from the header record. */
    header(record: CsvRecord) {
      columnOf = new Map();
      record.cells.forEach((cell, index) => {
        const field = fieldOfLabel.get(foldText(cell));
        if (field && !columnOf.has(field)) columnOf.set(field, index);
      });
    },
    /** The findings of a record, placed on its sheet and cells. */
    locate(findings: readonly Finding[], record: CsvRecord): Finding[] {
      const { sheet, cellRefs } = record;
      if (sheet === undefined || !cellRefs) return [...findings];
      return findings.map((f) => {
        if (f.rowNumber !== record.line || f.sheet !== undefined) return f;
        const column =
          f.fieldName === undefined ? undefined : columnOf.get(f.fieldName);
        const cellRef = column === undefined ? undefined : cellRefs[column];
        return { ...f, sheet, ...(cellRef !== undefined && { cellRef }) };
      });
    },
  };
};

export { createFindingLocator };
