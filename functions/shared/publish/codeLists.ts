import type { Catalogue } from '../schema/loadSchemas.js';

/** A published row: field name → canonical value. */
type Row = Record<string, string>;

/** Rows of `danh-muc-chi-tieu`: every indicator of `indicators.csv`, in its order. */
const indicatorCodeList = (
  catalogue: Pick<Catalogue, 'indicators' | 'report'>,
): Row[] =>
  [...catalogue.indicators.values()].map((i) => ({
    ma_chi_tieu: i.code,
    ke_hoach: i.plan,
    stt: i.stt,
    ma_tru_cot: i.pillar,
    tru_cot: catalogue.report.pillars.get(i.pillar)?.name.vi ?? '',
    ten_chi_tieu: i.name,
    ten_chi_tieu_en: i.nameEn,
    don_vi_tinh: i.unit,
    loai_chi_tieu: i.measureKind,
    muc_tieu:
      i.targetOperator && i.targetValue !== undefined
        ? `${i.targetOperator} ${i.targetValue}`
        : '',
    han_hoan_thanh: i.deadline ?? '',
    don_vi_chu_tri: i.responsible.join(';'),
  }));

/** Rows of `danh-muc-don-vi`: every version of every administrative unit and agency, by code and start date. */
const unitCodeList = (catalogue: Pick<Catalogue, 'unitVersions'>): Row[] =>
  catalogue.unitVersions.map((u) => ({
    ma_phien_ban: u.validFrom ? `${u.code}@${u.validFrom}` : u.code,
    ma_don_vi: u.code,
    ten_don_vi: u.name,
    ten_ngan: u.shortName ?? '',
    cap: u.kind,
    ma_don_vi_cap_tren: u.parentCode ?? '',
    hieu_luc_tu: u.validFrom ?? '',
    hieu_luc_den: u.validTo ?? '',
  }));

const CODE_LISTS: Readonly<Record<string, (catalogue: Catalogue) => Row[]>> = {
  'danh-muc-chi-tieu': indicatorCodeList,
  'danh-muc-don-vi': unitCodeList,
};

/** The rows of a code-list dataset, built from the catalogue's reference data; none for an unknown id. */
const codeListRows = (catalogue: Catalogue, id: string): Row[] =>
  CODE_LISTS[id]?.(catalogue) ?? [];

/**
 * The code lists a dataset's foreign keys point to, as extra resources of
 * its datapackage.json (Frictionless resolves `reference.resource` within the
 * package): the code list's published CSV, by absolute URL.
 */
const referencedResources = (meta: {
  readonly schema: {
    readonly foreignKeys?: readonly {
      readonly reference: { readonly resource: string };
    }[];
  };
  readonly publisher: { readonly siteUrl: string };
}): Record<string, unknown>[] =>
  [...new Set((meta.schema.foreignKeys ?? []).map((k) => k.reference.resource))]
    .sort()
    .map((name) => ({
      name,
      type: 'table',
      path: `${meta.publisher.siteUrl}datasets/${name}/${name}.csv`,
      title: name,
      description: `Danh mục được tham chiếu bằng khóa ngoại / Code list referenced by a foreign key: ${meta.publisher.siteUrl}datasets/${name}/datapackage.json`,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
    }));

export { codeListRows, indicatorCodeList, referencedResources, unitCodeList };
