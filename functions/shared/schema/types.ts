/** A bilingual text: Vietnamese first, English second. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/**
 * What a field means to the pipeline: `unit` the submitting unit, `period`
 * the quarter, `indicator` a plan indicator, `locality` an administrative
 * unit the row is about, `dimension` any other column figures are broken down by.
 */
export type FieldRole =
  | 'unit'
  | 'period'
  | 'indicator'
  | 'locality'
  | 'dimension';

/** A Frictionless Table Schema field with this project's `x-` extensions. */
export interface FieldSchema {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'date';
  readonly title: string;
  readonly description: string;
  readonly constraints?: {
    readonly required?: boolean;
    readonly enum?: readonly string[];
    readonly minimum?: number;
    readonly maximum?: number;
    readonly pattern?: string;
    /** Longest value in characters (UTF-16 code units); every free-text field declares one. */
    readonly maxLength?: number;
  };
  /** What the field means to the pipeline beyond its value. */
  readonly 'x-role'?: FieldRole;
  /** Header spellings agencies use for this column. */
  readonly 'x-synonyms'?: readonly string[];
  /**
   * A cell of this field may be written as a fraction (`856/856`, `27/27 đơn
   * vị`): its parts fill these fields, and a `number` field gets the percentage.
   */
  readonly 'x-fraction'?: {
    readonly numerator: string;
    readonly denominator: string;
  };
  /** Free spellings of each enum value. */
  readonly 'x-enumSynonyms'?: Readonly<Record<string, readonly string[]>>;
}

/** A business rule declared by a schema and checked on every row. */
export type RuleDeclaration =
  | {
      readonly rule: 'numerator-le-denominator';
      readonly numerator: string;
      readonly denominator: string;
    }
  | {
      readonly rule: 'sum-equals';
      readonly parts: readonly string[];
      readonly total: string;
    }
  | {
      readonly rule: 'greater-or-equal';
      readonly field: string;
      readonly other: string;
    };

/**
 * An expected submitter: an agency code, a level of local government
 * (`district`, `commune`: every unit of it in force), or either bounded by
 * the dates (inclusive) between which it is expected.
 */
export type Submitter =
  | string
  | {
      readonly unit?: string;
      readonly level?: 'district' | 'commune';
      readonly from?: string;
      readonly to?: string;
    };

/** How a derived dataset consolidates its source: sums of its integer fields per group. */
export interface AggregateDeclaration {
  readonly groupBy: readonly string[];
  /** Field that receives the number of contributing units. */
  readonly count?: string;
  /** Field that receives the number of units expected to submit the source. */
  readonly expected?: string;
}

/** Dataset-level metadata carried in the schema under `x-dataset`. */
export interface DatasetMeta {
  readonly id: string;
  /**
   * `submission`: agencies upload it; `derived`: consolidated from a
   * submitted dataset; `ledger`: who submitted what, when.
   */
  readonly kind: 'submission' | 'derived' | 'ledger';
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly rules?: readonly RuleDeclaration[];
  /** A totals row agencies add at the bottom: skipped when this field reads as one of the labels. */
  readonly totalRow?: {
    readonly field: string;
    readonly labels: readonly string[];
  };
  readonly derivedFrom?: readonly string[];
  readonly aggregate?: AggregateDeclaration;
  /** Who submits: agency codes, `district` / `commune` for local committees, optionally bounded in time. */
  readonly submitters?: readonly Submitter[];
}

/** A dataset's Table Schema as stored in `schemas/<dataset_id>.json`. */
export interface DatasetSchema {
  readonly $schema?: string;
  readonly fields: readonly FieldSchema[];
  readonly primaryKey: readonly string[];
  readonly missingValues?: readonly string[];
  readonly 'x-dataset': DatasetMeta;
}

/** A row after normalization: canonical strings per schema field, '' when missing. */
export type NormalizedRow = Readonly<Record<string, string>>;
