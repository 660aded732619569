import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { toMime } from '../shared/reminders/mime.js';
import { config } from './config.js';
import {
  type ReminderRequest,
  type ReminderRun,
  sendReminders,
} from './sendReminders.js';

/** The daily schedule's event; `today` (`YYYY-MM-DD`) only for a manual rerun. */
export interface DailyReminderEvent {
  readonly today?: string;
}

const HOURS_7 = 7 * 3_600_000;

/** Today's date in Vietnam (UTC+7, no daylight saving). */
const vietnamDate = (now: Date) =>
  new Date(now.getTime() + HOURS_7).toISOString().slice(0, 10);

const LEDGER_SK = /^SUBMISSION#([^#]+)#([^#]+)#[^#]+#(.+)$/;

/** The rejected-upload checks a stream batch of new ledger entries asks for. */
const requestsOf = (
  event: DailyReminderEvent | DynamoDBStreamEvent,
): ReminderRequest[] => {
  if (!('Records' in event)) {
    return [{ kind: 'daily', today: event.today ?? vietnamDate(new Date()) }];
  }
  return event.Records.flatMap((record): ReminderRequest[] => {
    const pk = record.dynamodb?.Keys?.pk?.S ?? '';
    const match = LEDGER_SK.exec(record.dynamodb?.Keys?.sk?.S ?? '');
    if (!pk.startsWith('PERIOD#') || !match) return [];
    return [
      {
        kind: 'rejected',
        period: pk.slice('PERIOD#'.length),
        datasetId: match[1] ?? '',
        unitCode: match[2] ?? '',
        submissionId: match[3] ?? '',
      },
    ];
  });
};

const deps = {
  catalogue: config.catalogue,
  contacts: config.contacts,
  deadlineDay: config.deadlineDay,
  daysBefore: config.daysBefore,
  listLedger: config.table.listLedger,
  listUploads: config.table.listUploads,
  readReport: config.curated.getText,
  reportLink: (s: { key: string; reportKey: string }) => {
    const [, unit, period, file] = s.key.split('/');
    return config.reportsUrl
      ? `${config.reportsUrl}reports/${unit}/${period}/${file?.replace(/\.csv$/, '')}`
      : `s3://${config.curated.bucket}/${s.reportKey}`;
  },
  claim: config.reminders.claim,
  markSent: config.reminders.markSent,
  release: config.reminders.release,
  send: (message: Parameters<typeof toMime>[0]) =>
    config.deliver(
      toMime(message, { from: config.sender, date: new Date() }),
      message.id,
      message.period,
    ),
  now: () => new Date(),
};

/**
 * Sends reminder e-mails: daily, the deadline reminders due today; on new
 * ledger entries from the table stream, the notice of a rejected upload.
 */
export const handler = middy<
  DailyReminderEvent | DynamoDBStreamEvent,
  ReminderRun
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const run: ReminderRun = { sent: [], alreadySent: [], unreachable: [] };
    for (const request of requestsOf(event)) {
      const done = await sendReminders(request, deps);
      run.sent.push(...done.sent);
      run.alreadySent.push(...done.alreadySent);
      run.unreachable.push(...done.unreachable);
    }
    logger.info('reminders', { ...run });
    return run;
  });
