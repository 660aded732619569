import { describe, expect, it } from 'vitest';
import { integerVar, requireVar } from '../../../functions/shared/config.js';

describe('function settings', () => {
  it.each([
    [{}, 15],
    [{ DEADLINE_DAY: '' }, 15],
    [{ DEADLINE_DAY: '20' }, 20],
  ])('reads %j as %i', (env, expected) => {
    expect(integerVar(env, 'DEADLINE_DAY', 15, [1, 28])).toBe(expected);
  });

  it.each(['0', '29', '1.5', 'abc'])(
    'refuses DEADLINE_DAY=%s naming the variable',
    (value) => {
      expect(() =>
        integerVar({ DEADLINE_DAY: value }, 'DEADLINE_DAY', 15, [1, 28]),
      ).toThrow('DEADLINE_DAY must be a whole number from 1 to 28');
    },
  );

  it('names a missing required variable', () => {
    expect(() => requireVar({}, 'TABLE_NAME')).toThrow(
      'Missing environment variable TABLE_NAME',
    );
  });
});
