import type { Server } from 'node:http';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../functions/shared/accessTokens.js';
import { TEMPLATE_SHEET } from '../../functions/shared/xlsx/buildTemplate.js';
import { serveFunctionUrl } from '../../local/localApi.js';
import { useLocalResources } from '../helpers/localResources.js';

let server: Server;
let api: string;
const STTTT_TOKEN = 'stttt-template-token';

beforeAll(async () => {
  const resources = await useLocalResources('it-upload-api-template');
  const { handler } = await import('../../functions/upload-api/handler.js');
  server = await serveFunctionUrl(handler);
  const address = server.address();
  api = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  await resources.table.putToken({
    hash: hashToken(STTTT_TOKEN),
    unitCode: 'STTTT',
    label: 'test',
    createdAt: '2023-10-01T00:00:00Z',
    expiresAt: '2099-01-01T00:00:00Z',
  });
});

afterAll(() => {
  server.close();
});

const get = (path: string, token?: string) =>
  fetch(`${api}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

describe('upload API templates', () => {
  it("serves the template pre-filled for the token's unit", async () => {
    const response = await get(
      '/templates/2023-Q3/chi-tieu-cds.xlsx',
      STTTT_TOKEN,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet(TEMPLATE_SHEET);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="mau-chi-tieu-cds-STTTT-2023-Q3.xlsx"',
    );
    expect(sheet?.getCell('A2').value).toBe('STTTT');
    expect(sheet?.getCell('C26').value).toBe('CDS-2023-42');
    expect(sheet?.getCell('A27').value).toBeNull();
  });

  it('serves the CSV template too', async () => {
    const response = await get(
      '/templates/2023-Q3/chi-tieu-cds.csv',
      STTTT_TOKEN,
    );

    expect(response.status).toBe(200);
    expect((await response.text()).split('\n')[1]).toBe(
      'STTTT,2023-Q3,CDS-2023-03,,,,,,',
    );
  });

  it.each([
    ['/templates/2023-Q3/chi-tieu-cds.xlsx', undefined, 401],
    ['/templates/2023-Q9/chi-tieu-cds.xlsx', STTTT_TOKEN, 400],
    ['/templates/2023-Q3/tong-hop-chi-tieu-cds.xlsx', STTTT_TOKEN, 400],
  ])('answers %s (token %s) with %i', async (path, token, status) => {
    expect((await get(path, token)).status).toBe(status);
  });
});
