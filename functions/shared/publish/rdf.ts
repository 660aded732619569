/** An RDF object: an IRI, or a literal with a language tag or a datatype IRI. */
export type RdfObject =
  | { readonly iri: string }
  | {
      readonly value: string;
      readonly lang?: string;
      readonly datatype?: string;
    };

/** One statement; subjects are always IRIs (the catalogue mints no blank nodes). */
export interface Triple {
  readonly s: string;
  readonly p: string;
  readonly o: RdfObject;
}

/** `rdf:type`, written `a` in Turtle and `@type` in JSON-LD. */
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/** Prefixes both serialisations use. */
const PREFIXES: Readonly<Record<string, string>> = {
  adms: 'http://www.w3.org/ns/adms#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcatap: 'http://data.europa.eu/r5r/',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  locn: 'http://www.w3.org/ns/locn#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  spdx: 'http://spdx.org/rdf/terms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

const LOCAL_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `prefix:local` when a prefix fits and the local part needs no escaping. */
const compact = (iri: string): string | undefined => {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && LOCAL_NAME.test(iri.slice(ns.length))) {
      return `${prefix}:${iri.slice(ns.length)}`;
    }
  }
  return undefined;
};

// Characters Turtle's IRIREF forbids, written as \u escapes; our IRIs hold no control characters.
const IRI_UNSAFE = /[\s<>"{}|^`\\]/g;

const turtleIri = (iri: string): string =>
  compact(iri) ??
  `<${iri.replace(IRI_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}>`;

const turtleString = (value: string): string =>
  `"${value.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c)}"`;

const turtleObject = (o: RdfObject): string => {
  if ('iri' in o) return turtleIri(o.iri);
  if (o.lang) return `${turtleString(o.value)}@${o.lang}`;
  if (o.datatype && o.datatype !== XSD_STRING) {
    return `${turtleString(o.value)}^^${turtleIri(o.datatype)}`;
  }
  return turtleString(o.value);
};

/** Groups triples by subject, then predicate, keeping first-seen order and dropping duplicates. */
const group = (triples: readonly Triple[]) => {
  const subjects = new Map<string, Map<string, RdfObject[]>>();
  const seen = new Set<string>();
  for (const t of triples) {
    const key = `${t.s} ${t.p} ${JSON.stringify(t.o)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const predicates = subjects.get(t.s) ?? new Map<string, RdfObject[]>();
    const objects = predicates.get(t.p) ?? [];
    objects.push(t.o);
    predicates.set(t.p, objects);
    subjects.set(t.s, predicates);
  }
  return subjects;
};

/** Serialises triples as Turtle, one block per subject, deterministically. */
const toTurtle = (triples: readonly Triple[]): string => {
  const lines = Object.entries(PREFIXES).map(
    ([prefix, ns]) => `@prefix ${prefix}: <${ns}> .`,
  );
  for (const [s, predicates] of group(triples)) {
    lines.push('');
    const parts = [...predicates].map(([p, objects]) => {
      const verb = p === RDF_TYPE ? 'a' : turtleIri(p);
      return `${verb} ${objects.map(turtleObject).join(',\n    ')}`;
    });
    lines.push(`${turtleIri(s)}\n  ${parts.join(' ;\n  ')} .`);
  }
  return `${lines.join('\n')}\n`;
};

const jsonLdObject = (o: RdfObject): Record<string, string> => {
  if ('iri' in o) return { '@id': o.iri };
  if (o.lang) return { '@value': o.value, '@language': o.lang };
  if (o.datatype && o.datatype !== XSD_STRING) {
    return { '@value': o.value, '@type': compact(o.datatype) ?? o.datatype };
  }
  return { '@value': o.value };
};

/** Serialises triples as a JSON-LD document with a `@graph` of nodes, deterministically. */
const toJsonLd = (triples: readonly Triple[]): Record<string, unknown> => ({
  '@context': PREFIXES,
  '@graph': [...group(triples)].map(([s, predicates]) => {
    const node: Record<string, unknown> = { '@id': s };
    for (const [p, objects] of predicates) {
      if (p === RDF_TYPE) {
        node['@type'] = objects.map((o) =>
          'iri' in o ? (compact(o.iri) ?? o.iri) : o.value,
        );
      } else {
        node[compact(p) ?? p] = objects.map(jsonLdObject);
      }
    }
    return node;
  }),
});

export { PREFIXES, RDF_TYPE, toJsonLd, toTurtle };
