import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildDatasetFiles } from '../../../../functions/shared/publish/datasetFiles.js';
import { requireSchema } from '../../../../functions/shared/schema/loadSchemas.js';
import { catalogue } from '../../../helpers/catalogue.js';

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

const fileOf = (files: ReturnType<typeof buildDatasetFiles>, path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return file;
};

describe('buildDatasetFiles', () => {
  it('writes a UTF-8 CSV with a fixed header and neutralised formulas', () => {
    const csv = fileOf(buildDatasetFiles(schema, [row]), 'chi-tieu-cds.csv');

    expect(csv.body.toString('utf8')).toBe(
      'ma_don_vi,ky_bao_cao,ma_chi_tieu,tu_so,mau_so,gia_tri,don_vi_tinh,trang_thai,ghi_chu\n' +
        'VIETTEL,2023-Q3,CDS-2023-01,1185502,1536946,77.13,thuê bao,Đang thực hiện,"\'=HYPERLINK(""http://x"",""bấm vào đây"")"\n',
    );
  });

  it('writes JSON with numbers as numbers and missing values as null', () => {
    const json = fileOf(
      buildDatasetFiles(schema, [{ ...row, gia_tri: '' }]),
      'chi-tieu-cds.json',
    );

    expect(JSON.parse(json.body.toString('utf8'))[0]).toMatchObject({
      tu_so: 1185502,
      mau_so: 1536946,
      gia_tri: null,
    });
  });

  it('describes each resource with its real size and hash, and the schema from schemas/', () => {
    const files = buildDatasetFiles(schema, [row]);

    const descriptor = JSON.parse(
      fileOf(files, 'datapackage.json').body.toString('utf8'),
    );
    for (const resource of descriptor.resources) {
      const body = fileOf(files, resource.path).body;
      expect(resource.bytes).toBe(body.length);
      expect(resource.hash).toBe(
        `sha256:${createHash('sha256').update(body).digest('hex')}`,
      );
    }
    expect(descriptor.name).toBe('chi-tieu-cds');
    expect(descriptor.resources.map((r: { path: string }) => r.path)).toEqual([
      'chi-tieu-cds.csv',
      'chi-tieu-cds.json',
    ]);
    expect(descriptor.resources[0].schema).toEqual(schema);
  });

  it('gives the same bytes for the same rows', () => {
    const a = buildDatasetFiles(schema, [row]);
    const b = buildDatasetFiles(schema, [{ ...row }]);

    expect(a.map((f) => f.body.toString('base64'))).toEqual(
      b.map((f) => f.body.toString('base64')),
    );
  });
});
