import { printable } from '../controlCharacters.js';

/**
 * Every finding the validator can report, with its severity, bilingual message
 * templates and fix hint. The README's finding table mirrors this file.
 * Types reuse the Frictionless error names where one fits.
 */

/** Details a message template may use. */
export interface FindingDetails {
  readonly field?: string;
  readonly value?: string;
  readonly expected?: string;
  readonly line?: number;
  readonly count?: number;
  /** Worksheet of a workbook cell. */
  readonly sheet?: string;
  /** Cell reference in the worksheet, e.g. `D7`. */
  readonly cellRef?: string;
  /** Overrides the code's severity where one code is both (`not-responsible`: file error, row warning). */
  readonly severity?: 'error' | 'warning';
}

interface CodeDefinition {
  readonly severity: 'error' | 'warning';
  readonly vi: (d: FindingDetails) => string;
  readonly en: (d: FindingDetails) => string;
  readonly hint: string;
}

const q = (value: string | undefined) => `"${value ?? ''}"`;

// Expectations are written "Vietnamese / English": each message takes its half.
const viOf = (text: string | undefined) => text?.split(' / ')[0] ?? '';
const enOf = (text: string | undefined) => text?.split(' / ').at(-1) ?? '';

const CODES = {
  'invalid-submission-key': {
    severity: 'error',
    vi: (d) =>
      `Đường dẫn tệp ${q(d.value)} không đúng quy ước submissions/<mã đơn vị>/<YYYY-Qn>/<mã bộ dữ liệu>.csv (hoặc .xlsx)`,
    en: (d) =>
      `Object key ${q(d.value)} does not follow submissions/<unit_code>/<YYYY-Qn>/<dataset_id>.csv (or .xlsx)`,
    hint: 'Tải tệp lên đúng thư mục của đơn vị và kỳ báo cáo. / Upload under your unit and period folder.',
  },
  'unknown-dataset': {
    severity: 'error',
    vi: (d) => `Không có bộ dữ liệu ${q(d.value)}`,
    en: (d) => `There is no dataset ${q(d.value)}`,
    hint: 'Đặt tên tệp theo mã bộ dữ liệu, ví dụ chi-tieu-cds.csv. / Name the file after a dataset id, e.g. chi-tieu-cds.csv.',
  },
  'encoding-error': {
    severity: 'error',
    vi: (d) => `Không đọc được tệp dưới dạng văn bản: ${d.value ?? ''}`,
    en: (d) => `The file cannot be read as text: ${d.value ?? ''}`,
    hint: 'Lưu tệp từ Excel dưới dạng "CSV UTF-8". / Save the file from Excel as "CSV UTF-8".',
  },
  'blank-file': {
    severity: 'error',
    vi: () => 'Tệp không có dữ liệu',
    en: () => 'The file has no data',
    hint: 'Kiểm tra lại tệp trước khi tải lên. / Check the file before uploading.',
  },
  'source-error': {
    severity: 'error',
    vi: (d) => `Dòng ${d.line}: dấu ngoặc kép không đóng hoặc sai vị trí`,
    en: (d) => `Line ${d.line}: a quote is not closed or is misplaced`,
    hint: 'Đóng mọi ô bắt đầu bằng dấu " bằng một dấu " khác. / Close every quoted cell.',
  },
  'record-too-long': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: một dòng dài hơn 1 MiB ký tự; tệp không được đọc tiếp`,
    en: (d) =>
      `Line ${d.line}: a record longer than 1 MiB characters; the file is not read further`,
    hint: 'Kiểm tra ô có nội dung quá dài hoặc dấu xuống dòng bị mất. / Look for an over-long cell or lost line breaks.',
  },
  'future-period': {
    severity: 'error',
    vi: (d) =>
      `Kỳ báo cáo ${q(d.value)} chưa bắt đầu tại thời điểm nộp (${viOf(d.expected)})`,
    en: (d) =>
      `Period ${q(d.value)} had not started when the file arrived (${enOf(d.expected)})`,
    hint: 'Kiểm tra năm và quý trong đường dẫn tệp. / Check the year and quarter in the upload path.',
  },
  'period-before-program': {
    severity: 'error',
    vi: (d) =>
      `Kỳ báo cáo ${q(d.value)} trước khi chương trình bắt đầu (${viOf(d.expected)})`,
    en: (d) =>
      `Period ${q(d.value)} is before the program started (${enOf(d.expected)})`,
    hint: 'Kiểm tra năm trong đường dẫn tệp. / Check the year in the upload path.',
  },
  'not-responsible': {
    // A whole file of a dataset the unit does not submit is an error; a row
    // of an indicator it is not responsible for is a warning (severity given).
    severity: 'error',
    vi: (d) =>
      d.line === undefined
        ? `Đơn vị nộp không phải đơn vị báo cáo bộ dữ liệu ${q(d.value)}${d.expected ? ` (đơn vị báo cáo: ${d.expected})` : ''}`
        : `Dòng ${d.line}: đơn vị nộp không chịu trách nhiệm báo cáo chỉ tiêu ${q(d.value)}${d.expected ? ` (đơn vị chịu trách nhiệm: ${d.expected})` : ''}; số liệu được giữ là số liệu của đơn vị nhưng không được tính vào tổng hợp toàn tỉnh`,
    en: (d) =>
      d.line === undefined
        ? `The submitting unit does not submit dataset ${q(d.value)}${d.expected ? ` (submitted by: ${d.expected})` : ''}`
        : `Line ${d.line}: the submitting unit is not responsible for indicator ${q(d.value)}${d.expected ? ` (responsible: ${d.expected})` : ''}; the row is kept as the unit's own figure but never counts in the province consolidation`,
    hint: 'Chỉ báo cáo bộ dữ liệu và chỉ tiêu đơn vị được giao (schemas/reference/indicators.csv); cần thêm quyền thì đề nghị cơ quan thường trực cấp (schemas/reference/grants.csv). / Report only the datasets and indicators assigned to your unit; ask the steward for a grant otherwise.',
  },
  'period-locked': {
    severity: 'error',
    // expected = "<approved by>|<approved at>"
    vi: (d) =>
      `Kỳ ${q(d.value)} đã được ${d.expected?.split('|')[0] ?? ''} phê duyệt chính thức lúc ${d.expected?.split('|')[1] ?? ''}; số liệu của kỳ đã khóa, tệp này không được tiếp nhận (tệp gốc vẫn được lưu)`,
    en: (d) =>
      `Period ${q(d.value)} was approved as official by ${d.expected?.split('|')[0] ?? ''} at ${d.expected?.split('|')[1] ?? ''}; its figures are locked and this file was not taken in (the raw upload is kept)`,
    hint: 'Để sửa số liệu, đề nghị cơ quan thường trực mở lại kỳ báo cáo, nêu lý do (opendata reopen --period <YYYY-Qn> --by <tên> --reason <lý do>), rồi nộp lại tệp. / To correct the figures, ask the data steward to reopen the quarter with a reason (opendata reopen), then upload again.',
  },
  'total-row-skipped': {
    severity: 'warning',
    vi: (d) =>
      `Dòng ${d.line}: dòng tổng cộng ${q(d.value)} được bỏ qua; hệ thống tự tính tổng`,
    en: (d) =>
      `Line ${d.line}: totals row ${q(d.value)} is skipped; the pipeline computes totals itself`,
    hint: 'Không cần dòng tổng cộng. / No totals row is needed.',
  },
  'missing-label': {
    severity: 'error',
    vi: (d) => `Thiếu cột bắt buộc ${q(d.field)}`,
    en: (d) => `Required column ${q(d.field)} is missing`,
    hint: 'Thêm cột vào dòng tiêu đề theo mẫu của bộ dữ liệu. / Add the column to the header row.',
  },
  'duplicate-label': {
    severity: 'error',
    vi: (d) => `Cột ${q(d.field)} xuất hiện nhiều lần (${q(d.value)})`,
    en: (d) => `Column ${q(d.field)} appears more than once (${q(d.value)})`,
    hint: 'Xóa cột trùng. / Remove the duplicate column.',
  },
  'extra-label': {
    severity: 'warning',
    vi: (d) => `Cột ${q(d.value)} không thuộc bộ dữ liệu và được bỏ qua`,
    en: (d) => `Column ${q(d.value)} is not part of the dataset and is ignored`,
    hint: 'Xóa cột hoặc đổi tên theo mẫu. / Remove the column or rename it.',
  },
  'extra-cell': {
    severity: 'error',
    vi: (d) => `Dòng ${d.line}: có ${d.count} ô, nhiều hơn số cột của tiêu đề`,
    en: (d) =>
      `Line ${d.line}: ${d.count} cells, more than the header's columns`,
    hint: 'Kiểm tra dấu phân cách trong ô; đặt ô có dấu phẩy trong ngoặc kép. / Quote cells that contain the delimiter.',
  },
  'missing-cell': {
    severity: 'error',
    vi: (d) => `Dòng ${d.line}: có ${d.count} ô, ít hơn số cột của tiêu đề`,
    en: (d) =>
      `Line ${d.line}: ${d.count} cells, fewer than the header's columns`,
    hint: 'Bổ sung các ô còn thiếu. / Fill in the missing cells.',
  },
  'type-error': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}, cột ${q(d.field)}: cần ${viOf(d.expected)}, nhận được ${q(d.value)}`,
    en: (d) =>
      `Line ${d.line}, column ${q(d.field)}: expected ${enOf(d.expected)}, found ${q(d.value)}`,
    hint: 'Nhập số như 2.155.455 hoặc 2155455; số thập phân như 61,7. / Write numbers like 2155455 or 61,7.',
  },
  'constraint-error': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}, cột ${q(d.field)}: giá trị ${q(d.value)} không hợp lệ, cần ${viOf(d.expected)}`,
    en: (d) =>
      `Line ${d.line}, column ${q(d.field)}: value ${q(d.value)} is not allowed, expected ${enOf(d.expected)}`,
    hint: 'Sửa giá trị theo mô tả của cột. / Correct the value as the column describes.',
  },
  'unique-error': {
    severity: 'error',
    // A repeat found among keys set aside on disk comes without its value.
    vi: (d) =>
      `Dòng ${d.line}: trùng khóa${d.value === undefined ? '' : ` ${q(d.value)}`} với một dòng trước (${viOf(d.expected)})`,
    en: (d) =>
      `Line ${d.line}: key${d.value === undefined ? '' : ` ${q(d.value)}`} repeats an earlier row (${enOf(d.expected)})`,
    hint: 'Mỗi đơn vị, kỳ và chỉ tiêu chỉ báo cáo một dòng. / Report each key once.',
  },
  'unknown-unit': {
    severity: 'error',
    vi: (d) => `Dòng ${d.line}: mã đơn vị ${q(d.value)} không tồn tại`,
    en: (d) => `Line ${d.line}: unit code ${q(d.value)} does not exist`,
    hint: 'Dùng mã GSO của đơn vị hành chính hoặc mã cơ quan trong danh mục. / Use a GSO or agency code.',
  },
  'unit-not-valid-for-period': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: đơn vị ${q(d.value)} không còn hiệu lực trong kỳ ${viOf(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: unit ${q(d.value)} is not valid for period ${enOf(d.expected)}`,
    hint: 'Sau sắp xếp đơn vị hành chính, báo cáo theo mã đơn vị mới. / Report under the unit in force for the period.',
  },
  'locality-outside-area': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: địa bàn ${q(d.value)} nằm ngoài địa bàn của đơn vị nộp báo cáo ${q(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: locality ${q(d.value)} is outside the area of the submitting unit ${q(d.expected)}`,
    hint: 'Mỗi huyện, xã chỉ báo cáo địa bàn của mình; doanh nghiệp viễn thông và cơ quan cấp tỉnh báo cáo toàn tỉnh. / A district or commune reports only its own area; operators and provincial agencies cover the whole province.',
  },
  'unit-mismatch': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: mã đơn vị ${q(d.value)} khác đơn vị nộp báo cáo ${q(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: unit ${q(d.value)} differs from the submitting unit ${q(d.expected)}`,
    hint: 'Mỗi đơn vị chỉ báo cáo số liệu của mình. / A unit reports only for itself.',
  },
  'period-mismatch': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: kỳ báo cáo ${q(d.value)} khác kỳ của tệp ${q(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: period ${q(d.value)} differs from the file's period ${q(d.expected)}`,
    hint: 'Tải tệp lên thư mục đúng kỳ báo cáo. / Upload under the period the rows report.',
  },
  'unknown-indicator': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: không có chỉ tiêu ${q(d.value)}${d.expected ? ` trong kỳ ${viOf(d.expected)}` : ''}`,
    en: (d) =>
      `Line ${d.line}: there is no indicator ${q(d.value)}${d.expected ? ` for period ${enOf(d.expected)}` : ''}`,
    hint: 'Dùng mã chỉ tiêu của kế hoạch, ví dụ CDS-2023-01. / Use a plan indicator code.',
  },
  'numerator-exceeds-denominator': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: tử số ${d.value} lớn hơn mẫu số ${viOf(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: numerator ${d.value} exceeds denominator ${enOf(d.expected)}`,
    hint: 'Kiểm tra lại tử số và mẫu số. / Check numerator and denominator.',
  },
  'sum-mismatch': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: cột ${q(d.field)} = ${d.value} khác tổng các thành phần ${viOf(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: column ${q(d.field)} = ${d.value} differs from the sum of its parts ${enOf(d.expected)}`,
    hint: 'Tổng phải bằng tổng các cột thành phần. / The total must equal the sum of its parts.',
  },
  'comparison-error': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}: cột ${q(d.field)} = ${d.value} phải lớn hơn hoặc bằng ${viOf(d.expected)}`,
    en: (d) =>
      `Line ${d.line}: column ${q(d.field)} = ${d.value} must be at least ${enOf(d.expected)}`,
    hint: 'Kiểm tra lại hai cột được so sánh. / Check both compared columns.',
  },
  'personal-data': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}, cột ${q(d.field)}: có dữ liệu cá nhân (số CCCD/CMND, số điện thoại hoặc email): ${q(d.value)}`,
    en: (d) =>
      `Line ${d.line}, column ${q(d.field)}: personal data (citizen ID, phone number or e-mail): ${q(d.value)}`,
    hint: 'Xóa thông tin cá nhân: dữ liệu mở không được chứa thông tin này. / Remove personal data: open data must not carry it.',
  },
  'possible-personal-data': {
    severity: 'warning',
    vi: (d) =>
      `Dòng ${d.line}, cột ${q(d.field)}: có thể có tên người hoặc địa chỉ nhà riêng (sau Ông/Bà/anh/chị, thôn/xóm, số nhà): ${q(d.value)}`,
    en: (d) =>
      `Line ${d.line}, column ${q(d.field)}: what may be a person's name or home address (after Ông/Bà/anh/chị, thôn/xóm, số nhà): ${q(d.value)}`,
    hint: "Kiểm tra và xóa tên, địa chỉ của cá nhân trước khi nộp; ô này sẽ được công bố. / Check and remove a person's name or address: the cell is published.",
  },
  'control-characters-removed': {
    severity: 'warning',
    vi: (d) =>
      `Đã xóa ${d.count} ký tự điều khiển không in được (ví dụ ESC), ký tự đầu tiên ở dòng ${d.line}`,
    en: (d) =>
      `${d.count} non-printing control characters (such as ESC) were removed, the first on line ${d.line}`,
    hint: 'Xuất lại tệp từ Excel dưới dạng "CSV UTF-8"; không dán văn bản từ phần mềm khác vào ô. / Export again as "CSV UTF-8"; do not paste text from other programs into cells.',
  },
  'formula-injection': {
    severity: 'warning',
    vi: (d) =>
      `Dòng ${d.line}, cột ${q(d.field)}: ô bắt đầu bằng ký tự công thức (${q(d.value)}); khi công bố sẽ thêm dấu ' phía trước`,
    en: (d) =>
      `Line ${d.line}, column ${q(d.field)}: the cell starts like a formula (${q(d.value)}); it is published with a leading '`,
    hint: 'Không bắt đầu ghi chú bằng =, +, -, @. / Do not start text with =, +, -, @.',
  },
  'file-too-large': {
    severity: 'error',
    vi: (d) => `Tệp có ${d.count} byte, vượt giới hạn ${viOf(d.expected)} byte`,
    en: (d) =>
      `The file has ${d.count} bytes, over the limit of ${enOf(d.expected)}`,
    hint: 'Chia tệp theo kỳ hoặc theo đơn vị. / Split the file by period or unit.',
  },
  'too-many-rows': {
    severity: 'error',
    vi: (d) =>
      `Tệp có hơn ${viOf(d.expected)} dòng dữ liệu (dừng đọc ở dòng ${d.line})`,
    en: (d) =>
      `The file has more than ${enOf(d.expected)} data rows (stopped at line ${d.line})`,
    hint: 'Chia tệp theo kỳ hoặc theo đơn vị. / Split the file by period or unit.',
  },
  // Workbooks (.xlsx): what the content sniffer and the workbook reader find.
  'workbook-corrupt': {
    severity: 'error',
    vi: (d) => `Tệp bảng tính bị hỏng hoặc không đầy đủ: ${d.value ?? ''}`,
    en: (d) => `The workbook is corrupt or truncated: ${d.value ?? ''}`,
    hint: 'Mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại. / Open the file in Excel, save it again as .xlsx and upload it again.',
  },
  'workbook-too-large': {
    severity: 'error',
    vi: (d) =>
      `Tệp bảng tính giải nén ra ${d.count} byte (${d.value ?? ''}), vượt giới hạn ${viOf(d.expected)}`,
    en: (d) =>
      `The workbook unpacks to ${d.count} bytes (${d.value ?? ''}), over the limit of ${enOf(d.expected)}`,
    hint: 'Xóa các trang tính, hình ảnh không cần thiết hoặc chia tệp. / Remove unneeded sheets and images, or split the file.',
  },
  'workbook-macro-enabled': {
    severity: 'error',
    vi: (d) =>
      `Tệp bảng tính có macro (${d.value ?? ''}); không nhận tệp có macro`,
    en: (d) =>
      `The workbook carries macros (${d.value ?? ''}); macro-enabled workbooks are not accepted`,
    hint: 'Lưu lại dưới dạng "Excel Workbook (*.xlsx)", không phải .xlsm. / Save as "Excel Workbook (*.xlsx)", not .xlsm.',
  },
  'workbook-encrypted': {
    severity: 'error',
    vi: () => 'Tệp bảng tính được đặt mật khẩu nên không đọc được',
    en: () => 'The workbook is password-protected and cannot be read',
    hint: 'Gỡ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc) rồi lưu lại. / Remove the password (File > Info > Protect Workbook) and save again.',
  },
  'workbook-unsupported': {
    severity: 'error',
    vi: (d) => `Định dạng tệp không được hỗ trợ: ${d.value ?? ''}`,
    en: (d) => `Unsupported file format: ${d.value ?? ''}`,
    hint: 'Lưu dưới dạng "Excel Workbook (*.xlsx)" hoặc "CSV UTF-8". / Save as "Excel Workbook (*.xlsx)" or "CSV UTF-8".',
  },
  'csv-named-workbook': {
    severity: 'warning',
    vi: (d) =>
      `Tệp ${q(d.value)} mang tên bảng tính nhưng nội dung là văn bản CSV; đã đọc như CSV`,
    en: (d) =>
      `File ${q(d.value)} is named as a workbook but holds CSV text; it was read as CSV`,
    hint: 'Đặt đuôi tệp đúng với nội dung (.csv). / Name the file after its content (.csv).',
  },
  'formula-without-value': {
    severity: 'error',
    vi: (d) =>
      `Dòng ${d.line}, ô ${d.sheet}!${d.cellRef}: công thức ${q(d.value)} không có giá trị đã tính`,
    en: (d) =>
      `Line ${d.line}, cell ${d.sheet}!${d.cellRef}: formula ${q(d.value)} has no computed value`,
    hint: 'Mở tệp bằng Excel để công thức được tính rồi lưu lại, hoặc nhập giá trị thay cho công thức. / Open the file in Excel so formulas are computed and save it, or type the value instead of the formula.',
  },
  'rule-error': {
    severity: 'error',
    vi: (d) => `Dòng ${d.line}: lỗi nội bộ khi kiểm tra quy tắc ${q(d.value)}`,
    en: (d) =>
      `Line ${d.line}: internal error while checking rule ${q(d.value)}`,
    hint: 'Lỗi của hệ thống, không phải của tệp: hãy báo cho quản trị viên. / A system fault: tell the data steward.',
  },
} satisfies Record<string, CodeDefinition>;

/** A stable finding type. */
export type FindingType = keyof typeof CODES;

/** One problem found in a submission, as it appears in the report. */
export interface Finding {
  readonly type: FindingType;
  readonly severity: 'error' | 'warning';
  readonly rowNumber?: number;
  readonly fieldName?: string;
  readonly cell?: string;
  /** For a workbook: the sheet the row is on. */
  readonly sheet?: string;
  /** For a workbook: the cell, such as `D7`. */
  readonly cellRef?: string;
  /** Vietnamese message. */
  readonly message: string;
  /** English message. */
  readonly messageEn: string;
  readonly hint: string;
}

/** Longest quoted value a finding carries; the rest is cut with an ellipsis. */
const MAX_QUOTED_CHARS = 200;

/** A value cut to `MAX_QUOTED_CHARS` (never inside a surrogate pair) and safe to print. */
const clipValue = (value: string): string => {
  if (value.length <= MAX_QUOTED_CHARS) return printable(value);
  const code = value.charCodeAt(MAX_QUOTED_CHARS - 1);
  const end =
    code >= 0xd800 && code <= 0xdbff ? MAX_QUOTED_CHARS - 1 : MAX_QUOTED_CHARS;
  return `${printable(value.slice(0, end))}…`;
};

/**
 * Builds a finding from its type and details. The value is cut to 200
 * characters: twenty findings of a 4 MB cell then cost kilobytes, not
 * megabytes three times over (cell, message, messageEn).
 */
const finding = (type: FindingType, input: FindingDetails = {}): Finding => {
  const code: CodeDefinition = CODES[type];
  // Values come from files and object keys: cut, and with no control
  // character left to reach a terminal through report.txt.
  const details =
    input.value === undefined
      ? input
      : { ...input, value: clipValue(input.value) };
  return {
    type,
    severity: details.severity ?? code.severity,
    ...(details.line !== undefined && { rowNumber: details.line }),
    ...(details.field !== undefined && { fieldName: details.field }),
    ...(details.value !== undefined && { cell: details.value }),
    ...(details.sheet !== undefined && { sheet: details.sheet }),
    ...(details.cellRef !== undefined && { cellRef: details.cellRef }),
    message: code.vi(details),
    messageEn: code.en(details),
    hint: code.hint,
  };
};

/** The findings of a row or rule that found nothing: one shared empty list, not one per row. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

/** All finding types with severity and hint, for documentation. */
const findingCatalogue = () =>
  Object.entries(CODES).map(([type, code]) => ({
    type,
    severity: code.severity,
    hint: code.hint,
  }));

export { finding, findingCatalogue, MAX_QUOTED_CHARS, NO_FINDINGS };
