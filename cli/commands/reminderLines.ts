import type { ReminderRecord } from '../../functions/shared/aws/table/reminders.js';

const KIND: Record<string, string> = {
  'before-deadline': 'nhắc trước hạn / before the deadline',
  'after-deadline': 'quá hạn / overdue',
  rejected: 'tệp bị từ chối / file rejected',
};

/** The reminder e-mails of a period, for `opendata status`: what went to whom and when. */
const renderReminders = (reminders: readonly ReminderRecord[]): string => {
  const lines = [
    '',
    `Thư nhắc đã gửi / Reminders sent: ${reminders.filter((r) => r.state === 'sent').length}`,
  ];
  for (const r of reminders) {
    lines.push(
      `  ${r.at}  ${r.unitCode.padEnd(9)} ${KIND[r.kind] ?? r.kind} → ${r.to.join(', ')}${r.cc.length > 0 ? ` (cc ${r.cc.join(', ')})` : ''}${r.state === 'sent' ? '' : ' — đang gửi / sending'}`,
    );
  }
  return `${lines.join('\n')}\n`;
};

export { renderReminders };
