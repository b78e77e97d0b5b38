// Whether a report carries the evidence its item asks for (照片、文件、文字、参加人员、数量).
import { isImageMime } from '../files/file.schemas';
import type { EvidenceSpec } from './default-templates';

export type EvidenceInput = { text: string; count: number | null; participants: readonly string[]; files: readonly { mime: string }[] };

/** Every missing piece of evidence, in Chinese; empty when the report is complete. */
export function evidenceProblems(spec: EvidenceSpec, input: EvidenceInput, countLabel = spec.countLabel ?? '数量'): string[] {
  const problems: string[] = [];
  const photos = input.files.filter((f) => isImageMime(f.mime)).length;
  for (const kind of spec.kinds) {
    if (kind === 'photo' && photos < Math.max(1, spec.minPhotos)) problems.push(`请上传至少${Math.max(1, spec.minPhotos)}张现场照片`);
    if (kind === 'file' && input.files.length === 0) problems.push('请上传相关文件（或文件照片）');
    if (kind === 'text' && input.text.trim().length < 5) problems.push('请填写不少于5个字的文字说明');
    if (kind === 'participants' && input.participants.length === 0) problems.push('请填写参加人员');
    if (kind === 'count' && (input.count === null || input.count <= 0)) problems.push(`请填写${countLabel}`);
  }
  return problems;
}
