// The branch assembly's vote (支部大会表决, 细则第二十一条): quorum and majority both count against the voting full
// members due (应到), not those present; absentees' written votes count; probationary members do not vote.
import type { Vote } from './step-fields';

export type VoteCheck = { ok: true; totalYes: number } | { ok: false; code: string; message: string };

export function checkVote(vote: Vote, minFullMembers: number): VoteCheck {
  const due = vote.dueFullMembers;
  if (due < minFullMembers) {
    return { ok: false, code: 'DEV_ASSEMBLY_TOO_SMALL', message: `有表决权的正式党员不足${minFullMembers}人（应到${due}人）的党支部不能召开支部大会讨论接收预备党员，应由上级党组织派人帮助（细则第二十一条）` };
  }
  if (vote.presentFullMembers > due) {
    return { ok: false, code: 'DEV_VOTE_INCONSISTENT', message: `实到会正式党员（${vote.presentFullMembers}人）不能多于应到会人数（${due}人）` };
  }
  if (vote.yes + vote.no + vote.abstain > vote.presentFullMembers) {
    return { ok: false, code: 'DEV_VOTE_INCONSISTENT', message: `到会赞成、反对、弃权票合计（${vote.yes + vote.no + vote.abstain}）不能多于实到会人数（${vote.presentFullMembers}人）` };
  }
  if (vote.writtenYes > due - vote.presentFullMembers) {
    return { ok: false, code: 'DEV_VOTE_INCONSISTENT', message: `书面表决赞成票（${vote.writtenYes}）不能多于未到会的正式党员人数（${due - vote.presentFullMembers}人）` };
  }
  if (vote.presentFullMembers * 2 <= due) {
    return { ok: false, code: 'DEV_NO_QUORUM', message: `到会有表决权的正式党员${vote.presentFullMembers}人，未超过应到会${due}人的半数，会议无效（细则第二十一条）` };
  }
  const totalYes = vote.yes + vote.writtenYes;
  if (totalYes * 2 <= due) {
    return { ok: false, code: 'DEV_VOTE_NOT_PASSED', message: `赞成票${totalYes}票（含书面表决${vote.writtenYes}票），未超过应到会有表决权正式党员${due}人的半数，决议未通过（细则第二十一条）` };
  }
  return { ok: true, totalYes };
}
