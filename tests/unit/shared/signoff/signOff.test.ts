import { describe, expect, it } from 'vitest';
import {
  type ApprovalEvent,
  approvalInForce,
  dataStatusOf,
} from '../../../../functions/shared/signoff/periodApproval.js';
import { signOff } from '../../../../functions/shared/signoff/signOff.js';

const memory = (events: ApprovalEvent[] = []) => ({
  events,
  listSignOffs: async () => [...events],
  recordSignOff: async (e: ApprovalEvent) => {
    events.push(e);
  },
  now: () => new Date('2023-10-20T02:00:00Z'),
});

const approval: ApprovalEvent = {
  period: '2023-Q3',
  action: 'approve',
  by: 'Ban Chỉ đạo CĐS tỉnh',
  at: '2023-10-20T02:00:00.000Z',
};

describe('sign-off of a quarter', () => {
  it('records an approval that makes the quarter official', async () => {
    const deps = memory();

    const outcome = await signOff(
      {
        action: 'approve',
        period: '2023-Q3',
        by: ' Ban Chỉ đạo CĐS tỉnh ',
        note: 'BC 9 tháng',
      },
      deps,
    );

    expect(outcome).toEqual({
      ok: true,
      event: { ...approval, note: 'BC 9 tháng' },
    });
    expect(dataStatusOf(approvalInForce(deps.events))).toBe('chinh_thuc');
  });

  it('refuses a second approval, a reopening without reason or of an open quarter', async () => {
    expect(
      await signOff(
        { action: 'approve', period: '2023-Q3', by: 'X' },
        memory([approval]),
      ),
    ).toMatchObject({ ok: false, error: 'conflict' });
    expect(
      await signOff(
        { action: 'reopen', period: '2023-Q3', by: 'X', reason: ' ' },
        memory([approval]),
      ),
    ).toMatchObject({ ok: false, error: 'missing-reason' });
    expect(
      await signOff(
        { action: 'reopen', period: '2023-Q3', by: 'X', reason: 'sửa' },
        memory(),
      ),
    ).toMatchObject({ ok: false, error: 'conflict' });
    expect(
      await signOff(
        { action: 'approve', period: 'Q3/2023', by: 'X' },
        memory(),
      ),
    ).toMatchObject({ ok: false, error: 'invalid-period' });
  });

  it('keeps both events and unlocks the quarter after a reopening', async () => {
    const deps = memory([approval]);

    await signOff(
      {
        action: 'reopen',
        period: '2023-Q3',
        by: 'Sở TT&TT',
        reason: 'Viettel sửa số liệu',
      },
      { ...deps, now: () => new Date('2023-11-20T02:00:00Z') },
    );

    expect(deps.events.map((e) => e.action)).toEqual(['approve', 'reopen']);
    expect(approvalInForce(deps.events)).toBeUndefined();
    expect(dataStatusOf(approvalInForce(deps.events))).toBe('tam_tinh');
  });
});
