import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import datasetFactory from '@rdfjs/dataset';
import type { Quad } from '@rdfjs/types';
import jsonld from 'jsonld';
import { Parser } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSample, textAt } from './sampleSite.js';

const SHAPES = (file: string) =>
  fileURLToPath(new URL(`../../../fixtures/dcat-ap/${file}`, import.meta.url));

const turtle = (text: string): Quad[] => new Parser().parse(text) as Quad[];

const shapesOf = (...files: string[]) =>
  datasetFactory.dataset(
    files.flatMap((f) => turtle(readFileSync(SHAPES(f), 'utf8'))),
  );

const fromJsonLd = async (text: string): Promise<Quad[]> => {
  const nquads = (await jsonld.toRDF(JSON.parse(text), {
    format: 'application/n-quads',
  })) as unknown as string;
  return new Parser({ format: 'N-Quads' }).parse(nquads) as Quad[];
};

const SH = 'http://www.w3.org/ns/shacl#';

const validate = async (shapes: string[], quads: Quad[]) => {
  const validator = new SHACLValidator(shapesOf(...shapes));
  const report = await validator.validate(datasetFactory.dataset(quads));
  return report.results.map((r) => ({
    severity: r.severity?.value.replace(SH, ''),
    focus: r.focusNode?.value,
    path: r.path?.value,
    value: r.value?.value,
    message: r.message.map((m) => m.value).join(' '),
    shape: r.sourceShape?.value,
  }));
};

const canonical = (quads: Quad[]) =>
  quads
    .map(
      (q) =>
        `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${q.object.termType === 'Literal' ? `${q.object.language}^${q.object.datatype.value}` : ''}`,
    )
    .sort();

let jsonldText: string;
let ttlText: string;

beforeAll(async () => {
  const { files } = await buildSample();
  jsonldText = textAt(files, 'catalog.jsonld');
  ttlText = textAt(files, 'catalog.ttl');
});

describe('the DCAT-AP catalogue', () => {
  it('conforms to the DCAT-AP 3.0.1 shapes and ranges with no result at all', async () => {
    const results = await validate(
      ['dcat-ap-SHACL.ttl', 'ranges.ttl'],
      await fromJsonLd(jsonldText),
    );

    expect(results, JSON.stringify(results, null, 1)).toEqual([]);
    // SHACL over twelve datasets takes ~4.5 s alone: more on a shared machine.
  }, 30_000);

  it('meets the controlled-vocabulary shapes, given the vocabulary terms it describes, but for the shape defect on SPDX algorithms', async () => {
    const results = await validate(
      ['mdr-vocabularies.shape.ttl'],
      await fromJsonLd(jsonldText),
    );

    // The shape wants algorithm IRIs under https://spdx.org/rdf/terms, but the
    // SPDX namespace DCAT-AP itself uses is http://spdx.org/rdf/terms#.
    const spdxDefect = (r: (typeof results)[number]) =>
      r.shape !== undefined &&
      r.message.includes('ChecksumAlgorithmRestriction') &&
      r.value === 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256';
    const violations = results.filter(
      (r) => r.severity === 'Violation' && !spdxDefect(r),
    );
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    expect(results.filter(spdxDefect)).toHaveLength(4 * 12);
    // Warnings: a Vietnamese publisher, province and portal domains are not EU terms.
    expect(
      [
        ...new Set(
          results.filter((r) => r.severity === 'Warning').map((r) => r.path),
        ),
      ].sort(),
    ).toEqual([
      'http://purl.org/dc/terms/publisher',
      'http://purl.org/dc/terms/spatial',
      'http://www.w3.org/ns/dcat#theme',
    ]);
  });

  it('reports a dataset without a title, so the shapes are really applied', async () => {
    const dataset =
      'https://opendata.thanhhoa.gov.vn/cds/datasets/chi-tieu-cds/#dataset';
    const quads = (await fromJsonLd(jsonldText)).filter(
      (q) =>
        !(
          q.subject.value === dataset &&
          q.predicate.value === 'http://purl.org/dc/terms/title'
        ),
    );

    const results = await validate(['dcat-ap-SHACL.ttl', 'ranges.ttl'], quads);

    expect(results.map((r) => [r.severity, r.focus, r.path])).toEqual([
      ['Violation', dataset, 'http://purl.org/dc/terms/title'],
    ]);
  });

  it('says the same in Turtle as in JSON-LD', async () => {
    const fromTurtle = turtle(ttlText);

    expect(canonical(fromTurtle)).toEqual(
      canonical(await fromJsonLd(jsonldText)),
    );
    expect(fromTurtle.length).toBeGreaterThan(500);
  });
});
