import { once } from 'node:events';
import { createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { toWindows1258 } from '../tests/helpers/encodeVietnamese.js';

const NOTES = [
  'Thuê bao di động sử dụng điện thoại thông minh, số liệu của 03 doanh nghiệp viễn thông',
  'Hộ gia đình có kết nối Internet cáp quang băng rộng; đã rà soát theo từng thôn, bản',
  '"Theo báo cáo số 394/HCC-HCQT ngày 14/9/2023", tổng hợp từ Cổng dịch vụ công',
  'Ủy ban nhân dân tỉnh Thanh Hóa đôn đốc các sở, ban, ngành và địa phương thực hiện',
  'Tổ công nghệ số cộng đồng hướng dẫn người dân kỹ năng số cơ bản:\nthanh toán trực tuyến',
];
const STATUSES = ['Đã hoàn thành', 'Đang thực hiện', 'Chưa thực hiện'];
const UNITS = ['thuê bao', 'hộ gia đình', 'hồ sơ', 'cơ quan, đơn vị'];

const quote = (cell: string, delimiter: string) =>
  /["\n\r]/.test(cell) || cell.includes(delimiter)
    ? `"${cell.replaceAll('"', '""')}"`
    : cell;

const vnNumber = (n: number) => n.toLocaleString('de-DE');

/** One synthetic `bench-chi-tieu` row, in plain or Vietnamese-Excel style. */
const rowOf = (i: number, excel: boolean): string[] => {
  const mau = 1000 + ((i * 7919) % 2_000_000);
  const tu = Math.floor(mau * (0.5 + ((i * 31) % 50) / 100));
  const percent = ((tu / mau) * 100).toFixed(2);
  return [
    String(i + 1),
    'STTTT',
    excel ? 'Quý III/2023' : '2023-Q3',
    `CDS-2023-${String((i % 43) + 1).padStart(2, '0')}`,
    excel ? vnNumber(tu) : String(tu),
    excel ? vnNumber(mau) : String(mau),
    excel ? percent.replace('.', ',') : percent,
    UNITS[i % UNITS.length] ?? '',
    STATUSES[i % STATUSES.length] ?? '',
    `${NOTES[i % NOTES.length]} (dòng ${i + 1})`,
  ];
};

const HEADER = [
  'stt',
  'ma_don_vi',
  'ky_bao_cao',
  'ma_chi_tieu',
  'tu_so',
  'mau_so',
  'gia_tri',
  'don_vi_tinh',
  'trang_thai',
  'ghi_chu',
];
const EXCEL_HEADER = [
  'STT',
  'Mã đơn vị',
  'Kỳ báo cáo',
  'Mã chỉ tiêu',
  'Tử số',
  'Mẫu số',
  'Giá trị',
  'Đơn vị tính',
  'Trạng thái',
  'Ghi chú',
];

/** A generated submission file. */
export interface BenchFile {
  readonly name: string;
  readonly path: string;
  readonly rows: number;
}

/**
 * Writes a synthetic submission once (kept in bench/.data): UTF-8 with `,`,
 * or, with `excel`, Windows-1258 with `;`, CRLF, a letterhead and
 * Vietnamese number formats.
 */
const generate = async (
  dir: string,
  rows: number,
  excel: boolean,
): Promise<BenchFile> => {
  const name = `chi-tieu-${rows}${excel ? '-excel-1258' : ''}.csv`;
  const path = join(dir, name);
  if (existsSync(path)) return { name, path, rows };
  mkdirSync(dir, { recursive: true });
  const delimiter = excel ? ';' : ',';
  const eol = excel ? '\r\n' : '\n';
  const out = createWriteStream(`${path}.tmp`);
  const write = async (text: string) => {
    const bytes = excel ? toWindows1258(text) : Buffer.from(text);
    if (!out.write(bytes)) await once(out, 'drain');
  };
  if (excel) await write(`ỦY BAN NHÂN DÂN TỈNH THANH HÓA${eol}${eol}`);
  await write((excel ? EXCEL_HEADER : HEADER).join(delimiter) + eol);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    batch +=
      rowOf(i, excel)
        .map((c) => quote(c, delimiter))
        .join(delimiter) + eol;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = '';
    }
  }
  await write(batch);
  out.end();
  await once(out, 'finish');
  renameSync(`${path}.tmp`, path);
  return { name, path, rows };
};

export { generate };
