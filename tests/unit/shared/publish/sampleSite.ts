import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePeriod } from '../../../../functions/shared/period.js';
import {
  buildSite,
  type SiteDataset,
} from '../../../../functions/shared/publish/buildSite.js';
import { parsePublisherInfo } from '../../../../functions/shared/publish/publisherInfo.js';
import type { PublishedFile } from '../../../../functions/shared/publish/types.js';
import type { NormalizedRow } from '../../../../functions/shared/schema/types.js';
import { catalogue, SCHEMAS_DIR } from '../../../helpers/catalogue.js';

/** The repository's publisher.json. */
export const info = parsePublisherInfo(
  JSON.parse(
    readFileSync(join(SCHEMAS_DIR, 'reference', 'publisher.json'), 'utf8'),
  ),
);

/** The publication time of the sample's first release. */
export const FIRST_PUBLICATION = new Date('2024-01-20T03:00:00.000Z');

const indicatorRow = (
  unit: string,
  period: string,
  code: string,
  tu: string,
  mau: string,
  value: string,
  status: string,
  note = '',
): NormalizedRow => ({
  ma_don_vi: unit,
  ky_bao_cao: period,
  ma_chi_tieu: code,
  tu_so: tu,
  mau_so: mau,
  gia_tri: value,
  don_vi_tinh: '%',
  trang_thai: status,
  ghi_chu: note,
});

/** Sample rows per dataset, with Vietnamese text and a formula-like cell. */
export const sampleRows: Record<string, NormalizedRow[]> = {
  'chi-tieu-cds': [
    indicatorRow(
      'VIETTEL',
      '2023-Q3',
      'CDS-2023-01',
      '1185502',
      '1536946',
      '77.13',
      'Đang thực hiện',
      'Theo báo cáo của Viettel',
    ),
    indicatorRow(
      'VNPT',
      '2023-Q3',
      'CDS-2023-01',
      '601203',
      '779451',
      '77.13',
      'Đang thực hiện',
      '=HYPERLINK("http://x","bấm vào đây")',
    ),
    indicatorRow(
      'VIETTEL',
      '2023-Q4',
      'CDS-2023-01',
      '1250000',
      '1540000',
      '81.17',
      'Đã hoàn thành',
      'Hoàn thành chỉ tiêu; đạt “trên 80%”',
    ),
  ],
  'tong-hop-chi-tieu-cds': [
    {
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-01',
      loai_chi_tieu: 'ratio',
      tu_so: '2155455',
      mau_so: '2794448',
      gia_tri: '77.13',
      muc_tieu: '> 80',
      danh_gia: 'chua_dat',
      trang_thai: 'Đang thực hiện',
      so_don_vi: '3',
      so_don_vi_phai_bao_cao: '3',
      trang_thai_so_lieu: 'chinh_thuc',
    },
    {
      ky_bao_cao: '2023-Q3',
      ma_chi_tieu: 'CDS-2023-02',
      loai_chi_tieu: 'ratio',
      tu_so: '531581',
      mau_so: '553945',
      gia_tri: '95.96',
      muc_tieu: '> 85',
      danh_gia: 'dat',
      trang_thai: 'Đã hoàn thành',
      so_don_vi: '3',
      so_don_vi_phai_bao_cao: '3',
      trang_thai_so_lieu: 'chinh_thuc',
    },
  ],
  'ha-tang-vien-thong': ['380', '381', '382'].flatMap((place, i) =>
    ['2023-Q3', '2023-Q4'].map((period, q) => ({
      ma_don_vi: 'VIETTEL',
      ky_bao_cao: period,
      ma_dia_ban: place,
      bts_2g: String(10 + i),
      bts_3g: String(20 + i),
      bts_4g: String(30 + i + q),
      bts_5g: '0',
      bts_tong: String(60 + 3 * i + q),
      so_vi_tri: String(25 + i),
      thue_bao_co_dinh: '',
      thue_bao_di_dong: String(50000 + 1000 * i),
      thue_bao_dien_thoai_thong_minh: String(40000 + 900 * i),
      ho_gia_dinh_bang_rong: String(8000 + 100 * i),
      thue_bao_internet: String(45000 + 1500 * i + 100 * q),
      ghi_chu: i === 0 ? 'Số liệu đến hết quý; đơn vị: trạm' : '',
    })),
  ),
};

/** Every schema of the repository, with the sample rows or none. */
export const sampleDatasets = (
  rows: Record<string, NormalizedRow[]> = sampleRows,
): SiteDataset[] =>
  [...catalogue.schemas.values()].map((schema) => ({
    schema,
    rows: rows[schema['x-dataset'].id] ?? [],
  }));

const unitName = (code: string, period: string) => {
  const p = parsePeriod(period);
  const resolved = p ? catalogue.units.resolve(code, p) : undefined;
  return resolved?.status === 'valid' ? resolved.unit.name : undefined;
};

/** Builds the sample site, optionally on top of what an earlier build published. */
export const buildSample = (
  options: {
    rows?: Record<string, NormalizedRow[]>;
    now?: Date;
    previous?: readonly PublishedFile[];
  } = {},
) => {
  const previous = new Map(
    (options.previous ?? []).map((f) => [f.path, f.body.toString('utf8')]),
  );
  return buildSite({
    info,
    datasets: sampleDatasets(options.rows).map((d) => {
      const id = d.schema['x-dataset'].id;
      const manifest = previous.get(`datasets/${id}/releases/index.json`);
      if (manifest === undefined) return d;
      const latest = JSON.parse(manifest).latest;
      return {
        ...d,
        previous: {
          manifest: JSON.parse(manifest),
          csv: previous.get(`datasets/${id}/releases/${latest}/${id}.csv`),
        },
      };
    }),
    now: options.now ?? FIRST_PUBLICATION,
    unitName,
    indicatorName: (code) => {
      const i = catalogue.indicators.get(code);
      return i && { vi: i.name, en: i.nameEn };
    },
  });
};

/** The file at a path of a build, or a thrown error naming it. */
export const fileAt = (files: readonly PublishedFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`No ${path} in the build`);
  return file;
};

/** A published file's body as text. */
export const textAt = (files: readonly PublishedFile[], path: string) =>
  fileAt(files, path).body.toString('utf8');

/** A published JSON file, parsed. */
export const jsonAt = (files: readonly PublishedFile[], path: string) =>
  JSON.parse(textAt(files, path));
