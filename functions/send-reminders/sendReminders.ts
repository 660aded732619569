import type { SubmissionRecord } from '../shared/ledger/submissionLedger.js';
import { buildLedger } from '../shared/ledger/submissionLedger.js';
import type { ContactBook } from '../shared/reference/contacts.js';
import {
  planDeadlineReminders,
  type ReminderMessage,
  rejectionNotice,
  reminderDue,
} from '../shared/reminders/reminderMessages.js';
import type { Catalogue } from '../shared/schema/loadSchemas.js';
import type { ValidationReport } from '../shared/validation/report.js';

/** What a run is about: the day's deadline reminders, or one rejected upload. */
export type ReminderRequest =
  | {
      readonly kind: 'daily';
      /** The date in Vietnam, `YYYY-MM-DD`. */
      readonly today: string;
    }
  | {
      readonly kind: 'rejected';
      readonly period: string;
      readonly datasetId: string;
      readonly unitCode: string;
      readonly submissionId: string;
    };

/** The ports the reminders work through. */
export interface ReminderDeps {
  readonly catalogue: Catalogue;
  readonly contacts: ContactBook;
  /** Day of a quarter's last month that submissions are due. */
  readonly deadlineDay: number;
  /** How many days before the deadline the first reminder goes out. */
  readonly daysBefore: number;
  listLedger(period: string): Promise<SubmissionRecord[]>;
  listUploads(
    period: string,
    datasetId: string,
    unitCode: string,
  ): Promise<SubmissionRecord[]>;
  readReport(reportKey: string): Promise<string>;
  /** Where the unit reads a submission's whole report. */
  reportLink(submission: SubmissionRecord): string;
  /** Claims a message; false when it was sent (or is being sent) already. */
  claim(message: ReminderMessage, at: Date): Promise<boolean>;
  markSent(message: ReminderMessage, at: Date): Promise<void>;
  release(message: ReminderMessage): Promise<void>;
  send(message: ReminderMessage): Promise<void>;
  now(): Date;
}

/** What one run did. */
export interface ReminderRun {
  /** Ids of the messages sent by this run. */
  readonly sent: string[];
  /** Ids of the messages a previous run had already sent. */
  readonly alreadySent: string[];
  /** Units that should have had a message but have no mailbox. */
  readonly unreachable: string[];
}

const messagesFor = async (
  request: ReminderRequest,
  deps: ReminderDeps,
): Promise<{ messages: ReminderMessage[]; unreachable: string[] }> => {
  if (request.kind === 'daily') {
    const due = reminderDue(request.today, deps.deadlineDay, deps.daysBefore);
    if (!due) return { messages: [], unreachable: [] };
    return planDeadlineReminders({
      ...due,
      deadlineDay: deps.deadlineDay,
      ledgers: buildLedger(
        deps.catalogue,
        due.period,
        await deps.listLedger(due.period),
        { deadlineDay: deps.deadlineDay },
      ),
      contacts: deps.contacts,
      datasetTitle: (id) => deps.catalogue.schemas.get(id)?.['x-dataset'].title,
    });
  }
  const upload = (
    await deps.listUploads(request.period, request.datasetId, request.unitCode)
  ).find((u) => u.submissionId === request.submissionId);
  if (upload?.status !== 'rejected') {
    return { messages: [], unreachable: [] };
  }
  const report = JSON.parse(
    await deps.readReport(upload.reportKey),
  ) as ValidationReport;
  const notice = rejectionNotice({
    report,
    contacts: deps.contacts,
    reportLink: deps.reportLink(upload),
  });
  return notice
    ? { messages: [notice], unreachable: [] }
    : { messages: [], unreachable: [request.unitCode] };
};

/**
 * Sends the reminders a request calls for, each at most once: a message is
 * claimed in the table before it is sent, so a schedule that fires twice
 * (or a redelivered event) finds it claimed and skips it. A failed send
 * gives the claim back and throws, so the run is retried.
 */
const sendReminders = async (
  request: ReminderRequest,
  deps: ReminderDeps,
): Promise<ReminderRun> => {
  const { messages, unreachable } = await messagesFor(request, deps);
  const sent: string[] = [];
  const alreadySent: string[] = [];
  for (const message of messages) {
    if (!(await deps.claim(message, deps.now()))) {
      alreadySent.push(message.id);
      continue;
    }
    try {
      await deps.send(message);
    } catch (error) {
      await deps.release(message);
      throw error;
    }
    await deps.markSent(message, deps.now());
    sent.push(message.id);
  }
  return { sent, alreadySent, unreachable };
};

export { sendReminders };
