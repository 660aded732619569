import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { publishDatasets } from '../../../functions/publish-datasets/publishDatasets.js';
import type { SignOff } from '../../../functions/shared/report/types.js';
import { catalogue } from '../../helpers/catalogue.js';
import { consolidateFixtures } from '../../helpers/fixtureConsolidation.js';
import { info } from '../shared/publish/sampleSite.js';

/** Publishes the 2023-Q3 consolidation through in-memory ports; the sign-off port as given. */
const publishWith = async (signOff?: SignOff) => {
  const aggregates = (await consolidateFixtures('2023-Q3')).map((r) => ({
    period: '2023-Q3',
    datasetId: 'tong-hop-chi-tieu-cds',
    group: r.values.ma_chi_tieu ?? '',
    values: r.values,
    sources: (r.units ?? []).map((unitCode) => ({
      unitCode,
      submissionId: `${unitCode}-1`,
      key: `submissions/${unitCode}/2023-Q3/chi-tieu-cds.csv`,
      lines: [2],
    })),
  }));
  const written = new Map<string, Buffer>();
  await publishDatasets({
    catalogue,
    info,
    listPeriods: async (id) => (id === 'chi-tieu-cds' ? ['2023-Q3'] : []),
    listCurrent: async () => [],
    listAggregates: async (period, id) =>
      period === '2023-Q3' && id === 'tong-hop-chi-tieu-cds' ? aggregates : [],
    listLedger: async () => [],
    openCurated: async () => Readable.from([]),
    maxInputBytes: 1024 ** 2,
    readPublic: async () => undefined,
    putPublic: async (path, body) => {
      written.set(path, body);
    },
    putPublicIfAbsent: async (path, body) => {
      written.set(path, body);
      return true;
    },
    now: () => new Date('2023-10-05T00:00:00Z'),
    listSignOffs: async (period) =>
      signOff && period === signOff.period
        ? [{ ...signOff, action: 'approve' }]
        : [],
  });
  return written;
};

describe('publishDatasets: the quarterly reports', () => {
  it('publishes the appendix of each quarter as provisional without a sign-off', async () => {
    const written = await publishWith();

    expect(
      [...written.keys()].filter((k) => k.startsWith('bao-cao/')).sort(),
    ).toEqual([
      'bao-cao/2023-Q3/index.html',
      'bao-cao/2023-Q3/phu-luc-chi-tieu.docx',
      'bao-cao/2023-Q3/phu-luc-chi-tieu.xlsx',
    ]);
    const page = written.get('bao-cao/2023-Q3/index.html')?.toString('utf8');
    expect(page).toContain('Số liệu tạm tính');
    expect(page).toContain(
      'Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện',
    );
  }, 60_000);

  it('says chính thức with the approver once the quarter is approved', async () => {
    const written = await publishWith({
      period: '2023-Q3',
      by: 'Phó Chủ tịch UBND tỉnh',
      at: '2023-10-20T02:30:00Z',
    });

    expect(
      written.get('bao-cao/2023-Q3/index.html')?.toString('utf8'),
    ).toContain(
      'Số liệu chính thức: đã được phê duyệt bởi Phó Chủ tịch UBND tỉnh lúc 20/10/2023 09:30 (giờ Việt Nam)',
    );
  }, 60_000);
});
