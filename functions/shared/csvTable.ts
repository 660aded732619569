import Papa from 'papaparse';

/** Parses a small, trusted UTF-8 CSV (reference data) into records keyed by header. */
const parseTable = (text: string): Record<string, string>[] => {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
  });
  if (result.errors.length > 0) {
    const first = result.errors[0];
    throw new Error(`Malformed reference table: ${first?.message}`);
  }
  return result.data;
};

export { parseTable };
