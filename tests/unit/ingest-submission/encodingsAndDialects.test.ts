import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestSubmission } from '../../../functions/ingest-submission/ingestSubmission.js';
import { FIXTURES_DIR } from '../../helpers/catalogue.js';
import {
  toTcvn3,
  toVni,
  toWindows1258,
} from '../../helpers/encodeVietnamese.js';
import { memoryIngest, uploadOf } from '../../helpers/memoryIngest.js';

const KEY = 'submissions/VIETTEL/2023-Q3/chi-tieu-cds.csv';
const clean = readFileSync(
  join(FIXTURES_DIR, 'submissions', 'VIETTEL', '2023-Q3', 'chi-tieu-cds.csv'),
  'utf8',
);

// The same content as Excel on a Vietnamese Windows machine saves it:
// letterhead above the header, `;`, CRLF, Vietnamese numbers, typed headers.
const excelStyle = [
  'ỦY BAN NHÂN DÂN TỈNH THANH HÓA;;;;;;;;',
  'VIETTEL THANH HÓA;;;;;;;;',
  '',
  'Mã đơn vị;Kỳ báo cáo;Mã chỉ tiêu;Tử số;Mẫu số;Giá trị;Đơn vị tính;Trạng thái;Ghi chú',
  'VIETTEL;Quý III/2023;CDS-2023-01;1.185.502;1.536.946;77,13 %;thuê bao;Đang thực hiện;Thuê bao di động sử dụng điện thoại thông minh, mạng Viettel',
  'VIETTEL;Q3/2023;CDS-2023-02;292.370;304.670;95,96;hộ gia đình;đã hoàn thành;Hộ gia đình có kết nối Internet cáp quang',
  '',
].join('\r\n');

const normalizedOf = async (bytes: Buffer) => {
  const ports = memoryIngest(bytes);
  await ingestSubmission(uploadOf(KEY, bytes.length), ports.deps);
  return { rows: [...ports.committed.values()][0], report: ports.report() };
};

describe('the same content in every encoding and dialect', () => {
  it.each([
    ['utf-8', Buffer.from(excelStyle, 'utf8')],
    [
      'utf-8-bom',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(excelStyle)]),
    ],
    [
      'utf-16le',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(excelStyle, 'utf16le'),
      ]),
    ],
    [
      'utf-16be',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        Buffer.from(excelStyle, 'utf16le').swap16(),
      ]),
    ],
    ['windows-1258', toWindows1258(excelStyle)],
    ['tcvn3', toTcvn3(excelStyle)],
    ['vni', toVni(excelStyle)],
    ['utf-8', Buffer.from(excelStyle.normalize('NFD'), 'utf8')],
    ['utf-8', Buffer.from(excelStyle.replaceAll(';', '\t'), 'utf8')],
  ])(
    'gives the clean fixture normalized rows from %s',
    async (encoding, bytes) => {
      const expected = await normalizedOf(Buffer.from(clean, 'utf8'));

      const actual = await normalizedOf(bytes);

      expect(actual.report).toMatchObject({
        status: 'accepted',
        encoding,
        headerRow: 4,
      });
      expect(actual.rows).toEqual(expected.rows);
    },
  );
});
