import { describe, expect, it } from 'vitest';
import { renderReminders } from '../../../cli/commands/reminderLines.js';

describe('opendata status: reminders sent', () => {
  it('says what went to whom and when, Vietnamese first', () => {
    const text = renderReminders([
      {
        id: 'after-deadline/2023-Q3/VNPT',
        period: '2023-Q3',
        kind: 'after-deadline',
        unitCode: 'VNPT',
        to: ['vanthu.vnpt@thanhhoa.gov.vn'],
        cc: ['vanthu.stttt@thanhhoa.gov.vn'],
        subject: '…',
        state: 'sent',
        at: '2023-09-16T01:00:02.000Z',
      },
      {
        id: 'rejected/v7',
        period: '2023-Q3',
        kind: 'rejected',
        unitCode: '380',
        to: ['vanthu.380@thanhhoa.gov.vn'],
        cc: [],
        subject: '…',
        state: 'sending',
        at: '2023-09-10T02:05:00.000Z',
      },
    ]);

    expect(text.split('\n')).toEqual([
      '',
      'Thư nhắc đã gửi / Reminders sent: 1',
      '  2023-09-16T01:00:02.000Z  VNPT      quá hạn / overdue → vanthu.vnpt@thanhhoa.gov.vn (cc vanthu.stttt@thanhhoa.gov.vn)',
      '  2023-09-10T02:05:00.000Z  380       tệp bị từ chối / file rejected → vanthu.380@thanhhoa.gov.vn — đang gửi / sending',
      '',
    ]);
  });
});
