import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime } from '../shared/aws/runtime.js';
import { createSesMailer } from '../shared/aws/sesMailer.js';
import { deadlineDayOf, integerVar, requireVar } from '../shared/config.js';
import { parseTable } from '../shared/csvTable.js';
import {
  contactsFromRows,
  createContactBook,
} from '../shared/reference/contacts.js';
import { ENV } from '../shared/resources.js';
import { createFileMailer } from './fileMailer.js';

const env = process.env;
const runtime = createRuntime(env);
const schemasDir =
  env[ENV.schemasDir] ??
  fileURLToPath(new URL('../../schemas', import.meta.url));
const sender = requireVar(env, ENV.reminderSender);
// Locally (MAIL_DIR set by the embedded AWS), messages become .eml files.
const mailDir = env[ENV.mailDir];
const ses = mailDir
  ? undefined
  : createSesMailer({
      region: requireVar(env, 'AWS_REGION'),
      from: sender,
      credentials: () => ({
        accessKeyId: requireVar(env, 'AWS_ACCESS_KEY_ID'),
        secretAccessKey: requireVar(env, 'AWS_SECRET_ACCESS_KEY'),
        ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
      }),
    });
const files = mailDir ? createFileMailer(mailDir) : undefined;

/** Resources of the reminder function, read once per cold start. */
const config = {
  catalogue: runtime.catalogue,
  table: runtime.table,
  curated: runtime.bucket(ENV.curatedBucket),
  reminders: runtime.reminders,
  /** `schemas/reference/contacts.csv`: organisational mailboxes only. */
  contacts: createContactBook(
    contactsFromRows(
      parseTable(
        readFileSync(join(schemasDir, 'reference', 'contacts.csv'), 'utf8'),
      ),
    ),
  ),
  sender,
  deadlineDay: deadlineDayOf(env),
  daysBefore: integerVar(env, ENV.reminderDaysBefore, 7, [1, 28]),
  /** Base URL of the upload API, whose `reports/…` route serves the reports. */
  reportsUrl: env[ENV.reportsUrl] || undefined,
  /** Delivers one message: Amazon SES when deployed, an .eml file locally. */
  async deliver(mime: string, id: string, period: string): Promise<void> {
    if (files) await files.send(mime, id, period);
    else await ses?.send(mime);
  },
};

export { config };
