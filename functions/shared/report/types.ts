import type { Bilingual } from '../schema/types.js';

/** The Steering Committee's approval of a quarter's figures (issue #14's contract). */
export interface SignOff {
  /** `YYYY-Qn`. */
  readonly period: string;
  readonly by: string;
  /** ISO 8601 timestamp. */
  readonly at: string;
  readonly note?: string;
}

/** Finds the sign-off of a quarter, if it has one. */
export type SignOffLookup = (period: string) => Promise<SignOff | undefined>;

/** One consolidated indicator row (`tong-hop-chi-tieu-cds`) and the units whose figures it holds. */
export interface ConsolidatedIndicator {
  readonly values: Readonly<Record<string, string>>;
  /** Codes of the units whose submissions were consolidated (the row's lineage). */
  readonly units?: readonly string[];
}

/** How an indicator moved since the previous quarter. */
export interface AppendixChange {
  readonly kind: 'first' | 'unchanged' | 'status' | 'value';
  readonly text: Bilingual;
}

/** One indicator row of the appendix. */
export interface AppendixRow {
  readonly code: string;
  readonly stt: string;
  readonly name: string;
  /** Deadline quarter, `YYYY-Qn`, and as the plan writes it (`Quý IV`). */
  readonly deadline: { readonly period: string; readonly text: string };
  /** `Đã hoàn thành`, `Đang thực hiện`, `Chưa thực hiện` or `Chưa có báo cáo`. */
  readonly status: string;
  readonly completed: boolean;
  /** The result sentence (figures in Vietnamese notation) or the units' notes. */
  readonly detail: string;
  readonly figures?: {
    readonly numerator?: string;
    readonly denominator?: string;
    readonly value?: string;
    readonly countUnit?: string;
  };
  readonly units: readonly string[];
  readonly marks: {
    /** Deadline reached or past and not completed. */
    readonly overdue: boolean;
    /** Responsible units reported / expected, when not all have reported. */
    readonly coverage?: {
      readonly reported: number;
      readonly expected: number;
    };
    readonly change: AppendixChange;
  };
  /** The marks as short Vietnamese labels, in a fixed order. */
  readonly markText: string;
}

/** One pillar group (I, II, …) of a plan. */
export interface AppendixPillar {
  readonly numeral: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly rows: readonly AppendixRow[];
}

/** The summary line of a plan: completed / total. */
export interface AppendixSummary {
  readonly total: number;
  readonly completed: number;
  readonly inProgress: number;
  readonly notStarted: number;
  readonly notReported: number;
  readonly overdue: number;
  readonly incomplete: number;
  /** `Đã hoàn thành 21/43 chỉ tiêu; 22 chỉ tiêu đang thực hiện`. */
  readonly text: string;
  readonly textEn: string;
}

/** One plan's table of the appendix. */
export interface AppendixPlan {
  readonly plan: string;
  /** `Kết quả thực hiện các chỉ tiêu chuyển đổi số theo Kế hoạch số 100/KH-BCĐ ngày 26/4/2023 của …`. */
  readonly heading: Bilingual;
  readonly pillars: readonly AppendixPillar[];
  readonly summary: AppendixSummary;
}

/** The quarterly appendix of indicator results, ready for any renderer. */
export interface AppendixModel {
  readonly period: string;
  /** `Quý III/2023`. */
  readonly periodText: string;
  readonly title: Bilingual;
  readonly plans: readonly AppendixPlan[];
  /** `tam_tinh` (provisional) until the quarter is signed off, then `chinh_thuc`. */
  readonly status: 'tam_tinh' | 'chinh_thuc';
  readonly signOff?: SignOff;
  readonly footer: Bilingual;
  /** The data's own date (end of the quarter): documents are dated with it, never with the clock. */
  readonly dataDate: string;
}
