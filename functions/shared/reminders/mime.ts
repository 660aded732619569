import type { ReminderMessage } from './reminderMessages.js';

/** RFC 2047 encoded-word, so a Vietnamese subject survives any mail relay. */
const encodeHeader = (text: string): string =>
  /^[\x20-\x7e]*$/.test(text)
    ? text
    : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/** Base64 in lines of 76 characters, as RFC 2045 asks. */
const base64Lines = (text: string): string =>
  (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** A message id that is the same for the same reminder, on any run. */
const messageIdOf = (message: ReminderMessage, domain: string): string =>
  `<${message.id.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;

/**
 * The reminder as an RFC 5322 message (UTF-8 text, base64), the bytes
 * Amazon SES sends and the local `.eml` file holds. The same message, sender
 * and date give the same bytes.
 */
const toMime = (
  message: ReminderMessage,
  options: { readonly from: string; readonly date: Date },
): string => {
  const domain = options.from.split('@')[1] ?? 'localhost';
  const headers = [
    `From: ${options.from}`,
    `To: ${message.to.join(', ')}`,
    ...(message.cc.length > 0 ? [`Cc: ${message.cc.join(', ')}`] : []),
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${options.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageIdOf(message, domain)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    `X-Opendata-Reminder: ${message.kind}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(message.text)}\r\n`;
};

export { toMime };
