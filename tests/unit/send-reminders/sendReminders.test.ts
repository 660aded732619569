import { describe, expect, it } from 'vitest';
import {
  type ReminderDeps,
  sendReminders,
} from '../../../functions/send-reminders/sendReminders.js';
import type { SubmissionRecord } from '../../../functions/shared/ledger/submissionLedger.js';
import { createContactBook } from '../../../functions/shared/reference/contacts.js';
import { catalogue } from '../../helpers/catalogue.js';

const upload = (
  unitCode: string,
  status: SubmissionRecord['status'],
): SubmissionRecord => ({
  submissionId: `${unitCode}-1`,
  key: `submissions/${unitCode}/2023-Q3/ha-tang-vien-thong.csv`,
  unitCode,
  period: '2023-Q3',
  datasetId: 'ha-tang-vien-thong',
  status,
  receivedAt: '2023-09-01T01:00:00.000Z',
  order: '1',
  rows: 1,
  errors: status === 'rejected' ? 1 : 0,
  warnings: 0,
  reportKey: `reports/${unitCode}.json`,
});

/** In-memory ports: a claim table and a mailbox, with a mail service that can fail. */
const memoryDeps = (failFor: string[] = []) => {
  const claims = new Map<string, 'sending' | 'sent'>();
  const mailbox: string[] = [];
  const deps: ReminderDeps = {
    catalogue,
    contacts: createContactBook([
      { unitCode: 'VIETTEL', mailbox: 'vanthu.viettel@thanhhoa.gov.vn' },
      { unitCode: 'VNPT', mailbox: 'vanthu.vnpt@thanhhoa.gov.vn' },
      {
        unitCode: 'STTTT',
        mailbox: 'vanthu.stttt@thanhhoa.gov.vn',
        stewardFrom: '0000-01-01',
        stewardTo: '2025-02-28',
      },
    ]),
    deadlineDay: 15,
    daysBefore: 7,
    listLedger: async () => [upload('VNPT', 'rejected')],
    listUploads: async () => [],
    readReport: async () => '{}',
    reportLink: () => '-',
    claim: async (m) => {
      if (claims.has(m.id)) return false;
      claims.set(m.id, 'sending');
      return true;
    },
    markSent: async (m) => {
      claims.set(m.id, 'sent');
    },
    release: async (m) => {
      claims.delete(m.id);
    },
    send: async (m) => {
      if (failFor.includes(m.unitCode)) throw new Error('SES throttled');
      mailbox.push(`${m.id} → ${[...m.to, ...m.cc].join(', ')}`);
    },
    now: () => new Date('2023-09-16T01:00:00Z'),
  };
  return { deps, claims, mailbox };
};

describe('sendReminders', () => {
  it('writes, the day after the deadline, to the operators still owing ha-tang-vien-thong, copying the steward', async () => {
    const { deps, mailbox } = memoryDeps();

    const run = await sendReminders(
      { kind: 'daily', today: '2023-09-16' },
      deps,
    );

    expect(mailbox).toContain(
      'after-deadline/2023-Q3/VNPT → vanthu.vnpt@thanhhoa.gov.vn, vanthu.stttt@thanhhoa.gov.vn',
    );
    expect(mailbox).toContain(
      'after-deadline/2023-Q3/VIETTEL → vanthu.viettel@thanhhoa.gov.vn, vanthu.stttt@thanhhoa.gov.vn',
    );
    expect(run.unreachable).toContain('MOBIFONE');
  });

  it('sends each message once when the schedule fires twice', async () => {
    const { deps, mailbox } = memoryDeps();

    const first = await sendReminders(
      { kind: 'daily', today: '2023-09-16' },
      deps,
    );
    const second = await sendReminders(
      { kind: 'daily', today: '2023-09-16' },
      deps,
    );

    expect(second.sent).toEqual([]);
    expect(second.alreadySent).toEqual(first.sent);
    expect(mailbox).toHaveLength(first.sent.length);
  });

  it('gives the claim back when sending fails, so the next run sends it', async () => {
    const failing = memoryDeps(['VNPT']);

    await expect(
      sendReminders({ kind: 'daily', today: '2023-09-16' }, failing.deps),
    ).rejects.toThrow('SES throttled');
    expect(failing.claims.has('after-deadline/2023-Q3/VNPT')).toBe(false);
  });

  it('sends nothing on a day that is no reminder day', async () => {
    const { deps, mailbox } = memoryDeps();

    const run = await sendReminders(
      { kind: 'daily', today: '2023-09-12' },
      deps,
    );

    expect(run).toEqual({ sent: [], alreadySent: [], unreachable: [] });
    expect(mailbox).toEqual([]);
  });
});
