import { describe, expect, it } from 'vitest';
import { checkVote } from './votes';

const v = (dueFullMembers: number, presentFullMembers: number, yes: number, writtenYes = 0, no = 0, abstain = 0) => ({ dueFullMembers, presentFullMembers, yes, writtenYes, no, abstain });

describe('branch assembly vote (细则第二十一条)', () => {
  it('a branch with fewer than 3 voting full members cannot hold it', () => {
    expect(checkVote(v(2, 2, 2), 3)).toMatchObject({ ok: false, code: 'DEV_ASSEMBLY_TOO_SMALL' });
    expect(checkVote(v(3, 2, 2), 3)).toEqual({ ok: true, totalYes: 2 });
  });
  it('quorum: exactly half present is not enough, one more is', () => {
    expect(checkVote(v(10, 5, 5, 1), 3)).toMatchObject({ ok: false, code: 'DEV_NO_QUORUM' });
    expect(checkVote(v(10, 6, 6), 3)).toEqual({ ok: true, totalYes: 6 });
    expect(checkVote(v(9, 4, 4, 1), 3)).toMatchObject({ ok: false, code: 'DEV_NO_QUORUM' });
    expect(checkVote(v(9, 5, 5), 3).ok).toBe(true);
  });
  it('majority of those due, not of those present: exactly half the votes fails', () => {
    expect(checkVote(v(10, 8, 5, 0, 3), 3)).toMatchObject({ ok: false, code: 'DEV_VOTE_NOT_PASSED' });
    expect(checkVote(v(10, 8, 6, 0, 2), 3).ok).toBe(true);
  });
  it('absentees\' written votes count towards the yes votes', () => {
    expect(checkVote(v(10, 6, 5, 1, 1), 3)).toEqual({ ok: true, totalYes: 6 });
    expect(checkVote(v(10, 6, 4, 1, 2), 3)).toMatchObject({ ok: false, code: 'DEV_VOTE_NOT_PASSED' });
  });
  it('refuses inconsistent counts', () => {
    expect(checkVote(v(10, 11, 6), 3)).toMatchObject({ ok: false, code: 'DEV_VOTE_INCONSISTENT' });
    expect(checkVote(v(10, 6, 6, 0, 1), 3)).toMatchObject({ ok: false, code: 'DEV_VOTE_INCONSISTENT' });
    expect(checkVote(v(10, 6, 6, 5), 3)).toMatchObject({ ok: false, code: 'DEV_VOTE_INCONSISTENT' });
  });
});
