import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseTable } from '../../../../functions/shared/csvTable.js';
import { buildDataFiles } from '../../../../functions/shared/publish/datasetFiles.js';
import type { PublishedFile } from '../../../../functions/shared/publish/types.js';
import { requireSchema } from '../../../../functions/shared/schema/loadSchemas.js';
import { catalogue } from '../../../helpers/catalogue.js';
import { buildSample, fileAt, jsonAt, sampleRows } from './sampleSite.js';

const schema = requireSchema(catalogue, 'chi-tieu-cds');
const row = {
  ma_don_vi: 'VIETTEL',
  ky_bao_cao: '2023-Q3',
  ma_chi_tieu: 'CDS-2023-01',
  tu_so: '1185502',
  mau_so: '1536946',
  gia_tri: '77.13',
  don_vi_tinh: 'thuê bao',
  trang_thai: 'Đang thực hiện',
  ghi_chu: '=HYPERLINK("http://x","bấm vào đây")',
};
const options = {
  modified: new Date('2023-09-30T00:00:00Z'),
  creator: 'Sở Khoa học và Công nghệ tỉnh Thanh Hóa',
};

const build = (rows: Record<string, string>[]) =>
  buildDataFiles(schema, rows, options);

const sha256 = (body: Buffer) =>
  `sha256:${createHash('sha256').update(body).digest('hex')}`;

const readXlsx = async (body: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook;
};

const sheetRows = (sheet: ExcelJS.Worksheet | undefined) =>
  (sheet?.getSheetValues() ?? [])
    .filter((r) => r !== undefined)
    .map((r) => (Array.isArray(r) ? r.slice(1) : []));

afterEach(() => {
  vi.useRealTimers();
});

describe('buildDataFiles', () => {
  it('writes a UTF-8 CSV with a fixed header and neutralised formulas', async () => {
    const [csv] = await build([row]);

    expect(csv?.path).toBe('chi-tieu-cds.csv');
    expect(csv?.body.toString('utf8')).toBe(
      'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu\n' +
        'VIETTEL,2023-Q3,CDS-2023-01,1185502,1536946,77.13,thuê bao,Đang thực hiện,"\'=HYPERLINK(""http://x"",""bấm vào đây"")"\n',
    );
  });

  it('writes JSON with numbers as numbers and missing values as null', async () => {
    const [, json] = await build([{ ...row, gia_tri: '' }]);

    expect(JSON.parse(json?.body.toString('utf8') ?? '')[0]).toMatchObject({
      tu_so: 1185502,
      mau_so: 1536946,
      gia_tri: null,
      trang_thai: 'Đang thực hiện',
    });
  });

  it('writes an Excel workbook that reads back with the same cells, Vietnamese intact', async () => {
    const rows = sampleRows['chi-tieu-cds'] ?? [];
    const [csv, , xlsx] = await build(rows);

    const workbook = await readXlsx(xlsx?.body ?? Buffer.alloc(0));
    const [data, fields] = workbook.worksheets;
    const expected = parseTable(csv?.body.toString('utf8') ?? '');
    expect(data?.name).toBe('Dữ liệu - Data');
    expect(sheetRows(data)).toEqual([
      schema.fields.map((f) => f.name),
      ...rows.map((r) =>
        schema.fields.map((f) => {
          const v = r[f.name] ?? '';
          if (v === '') return undefined;
          return f.type === 'string' ? v : Number(v);
        }),
      ),
    ]);
    expect(sheetRows(data)[1]?.[7]).toBe('Đang thực hiện');
    expect(sheetRows(data)[3]?.[8]).toBe('Hoàn thành chỉ tiêu; đạt “trên 80%”');
    expect(expected.map((r) => r.ma_don_vi)).toEqual(
      sheetRows(data)
        .slice(1)
        .map((r) => r[0]),
    );
    expect(sheetRows(fields)[1]).toEqual([
      'ma_don_vi',
      'Mã đơn vị',
      'string',
      schema.fields[0]?.description,
    ]);
    expect(workbook.created).toEqual(options.modified);
    expect(workbook.modified).toEqual(options.modified);
  });

  it('gives the same bytes for the same rows, whatever the clock says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-01-01T08:00:00Z'));
    const a = await build([row]);
    vi.setSystemTime(new Date('2025-06-30T17:45:13Z'));
    const b = await build([{ ...row }]);

    expect(a.map((f) => sha256(f.body))).toEqual(b.map((f) => sha256(f.body)));
  });
});

describe('datapackage.json', () => {
  let files: PublishedFile[];
  const validate = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its plugin is the default export's `default`.
  formats.default(validate);
  // A UI hint of the profile, not a constraint.
  validate.addFormat('textarea', true);
  const profile = validate.compile(
    JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL(
            '../../../fixtures/frictionless/datapackage-2.0.json',
            import.meta.url,
          ),
        ),
        'utf8',
      ),
    ),
  );

  beforeAll(async () => {
    ({ files } = await buildSample());
  });

  it.each([...catalogue.schemas.keys()].map((id) => [id]))(
    '%s is a valid Frictionless v2 Data Package',
    (id) => {
      const descriptor = jsonAt(files, `datasets/${id}/datapackage.json`);

      const valid = profile(descriptor);

      expect(profile.errors ?? [], JSON.stringify(profile.errors)).toEqual([]);
      expect(valid).toBe(true);
      expect(descriptor.$schema).toBe(
        'https://datapackage.org/profiles/2.0/datapackage.json',
      );
    },
  );

  it.each([...catalogue.schemas.keys()].map((id) => [id]))(
    '%s lists CSV, JSON and XLSX with their real size and hash, and the schema from schemas/',
    (id) => {
      const descriptor = jsonAt(files, `datasets/${id}/datapackage.json`);

      const local = descriptor.resources.filter(
        (r: { path: string }) => !r.path.startsWith('https://'),
      );
      expect(local.map((r: { path: string }) => r.path)).toEqual([
        `${id}.csv`,
        `${id}.json`,
        `${id}.xlsx`,
      ]);
      for (const resource of local) {
        const body = fileAt(files, `datasets/${id}/${resource.path}`).body;
        expect(resource.bytes).toBe(body.length);
        expect(resource.hash).toBe(sha256(body));
      }
      expect(descriptor.resources[0].schema).toEqual(
        JSON.parse(
          readFileSync(
            fileURLToPath(
              new URL(`../../../../schemas/${id}.json`, import.meta.url),
            ),
            'utf8',
          ),
        ),
      );
      expect(descriptor.version).toBe('1.0.0');
      expect(descriptor.created).toBe('2024-01-20T03:00:00Z');
      expect(descriptor.licenses).toEqual([
        {
          name: 'CC-BY-4.0',
          path: 'https://creativecommons.org/licenses/by/4.0/',
          title: 'Creative Commons Attribution 4.0 International',
        },
      ]);
    },
  );

  it('fails the profile when a resource has no path, so the check is live', () => {
    const descriptor = jsonAt(files, 'datasets/chi-tieu-cds/datapackage.json');
    delete descriptor.resources[1].path;

    expect(profile(descriptor)).toBe(false);
  });
});
