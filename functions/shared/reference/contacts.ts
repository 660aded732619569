import { type Period, periodEnd } from '../period.js';

/** A unit's organisational mailbox (never a person's), from `schemas/reference/contacts.csv`. */
export interface Contact {
  readonly unitCode: string;
  readonly mailbox: string;
  /** When the unit is the programme's standing body (the steward), `from..to` inclusive, open ends allowed. */
  readonly stewardFrom?: string;
  readonly stewardTo?: string;
}

/** The contact book the reminders are addressed from. */
export interface ContactBook {
  /** The unit's mailbox, if the book has one. */
  mailboxOf(unitCode: string): string | undefined;
  /** The mailboxes of the standing body in charge on the period's last day. */
  stewardsFor(period: Period): string[];
}

const MAILBOX = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * Reads the rows of `contacts.csv` (`ma_don_vi, hop_thu, dau_moi, ghi_chu`;
 * `dau_moi` is `from..to` for the standing body, either end open). Throws on
 * a malformed mailbox or range, naming the unit.
 */
const contactsFromRows = (
  rows: readonly Readonly<Record<string, string>>[],
): Contact[] =>
  rows.map((row) => {
    const unitCode = row.ma_don_vi ?? '';
    const mailbox = row.hop_thu ?? '';
    if (!MAILBOX.test(mailbox)) {
      throw new Error(
        `contacts.csv: "${mailbox}" of ${unitCode} is not a mailbox`,
      );
    }
    const steward = row.dau_moi ?? '';
    if (steward === '') return { unitCode, mailbox };
    const range = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/.exec(
      steward,
    );
    if (!range) {
      throw new Error(
        `contacts.csv: dau_moi "${steward}" of ${unitCode} is not from..to`,
      );
    }
    return {
      unitCode,
      mailbox,
      ...(range[1] !== undefined
        ? { stewardFrom: range[1] }
        : { stewardFrom: '0000-01-01' }),
      ...(range[2] !== undefined
        ? { stewardTo: range[2] }
        : { stewardTo: '9999-12-31' }),
    };
  });

/** A contact book over the given contacts. */
const createContactBook = (contacts: readonly Contact[]): ContactBook => {
  const byUnit = new Map(contacts.map((c) => [c.unitCode, c.mailbox]));
  return {
    mailboxOf: (unitCode) => byUnit.get(unitCode),
    stewardsFor: (period) => {
      const day = periodEnd(period);
      return contacts
        .filter(
          (c) =>
            c.stewardFrom !== undefined &&
            c.stewardFrom <= day &&
            day <= (c.stewardTo ?? '9999-12-31'),
        )
        .map((c) => c.mailbox);
    },
  };
};

export { contactsFromRows, createContactBook };
