// Who may do what to a development file: the branch records its own people's steps, committees approve and file,
// the county organization department pre-reviews and issues form numbers — all within the actor's subtree.
import { stepDef, type FileDetail, type Permission, type StepActor } from '@yanzhen/domain';
import { can, orgInScope, type Actor } from '../../core/actor';

export const STEP_PERMISSION: Record<StepActor, Permission> = {
  branch: 'development.record',
  committee: 'development.approve',
  orgDepartment: 'development.preReview',
};

export const fileInScope = (actor: Actor, file: { orgPath: string }): boolean => orgInScope(actor, file.orgPath);

export const mayRecordStep = (actor: Actor, step: number): boolean => can(actor, STEP_PERMISSION[stepDef(step).actor]);

export function fileAbilities(actor: Actor, file: { orgPath: string; status: string; currentStep: number; formNumber: string | null }, next: number[]): FileDetail['can'] {
  const inScope = fileInScope(actor, file);
  const active = inScope && file.status === 'active';
  return {
    record: active ? next.filter((s) => mayRecordStep(actor, s)) : [],
    // Before admission a file can be closed; afterwards only the conversion vote can end probation.
    close: active && file.currentStep < 15 && can(actor, 'development.record'),
    voidFormNumber: active && file.currentStep === 13 && !!file.formNumber && can(actor, 'development.preReview'),
    // A branch assembly vote that did not pass is recorded by the branch when the vote is the next step.
    failedVote: active && (next.includes(15) || next.includes(23)) && can(actor, 'development.record'),
  };
}

/** A form number can be voided (and reissued) by the organization department only before the form is filled in. */
export const mayVoidFormNumber = (actor: Actor, n: { status: string; number: string }, file: { status: string; currentStep: number; formNumber: string | null }): boolean =>
  can(actor, 'development.preReview') && n.status === 'issued' && file.status === 'active' && file.currentStep === 13 && file.formNumber === n.number;
