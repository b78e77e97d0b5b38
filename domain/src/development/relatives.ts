// Near-relative checks (防止近亲属违规入党): a candidate related to a sponsor, the branch secretary or an approving
// committee member is flagged; going ahead needs a recorded reason.
export const NEAR_RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'inLaw', 'other'] as const;
export type NearRelation = (typeof NEAR_RELATIONS)[number];
export const NEAR_RELATION_LABELS: Record<NearRelation, string> = {
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  grandparent: '祖父母、外祖父母',
  grandchild: '孙子女、外孙子女',
  inLaw: '姻亲',
  other: '其他近亲属',
};

export type FamilyEntry = { name: string; relation: NearRelation; memberId: string | null };
export type Official = { memberId: string; name: string; role: string };
export type RelativeFlag = { relative: string; relation: NearRelation; role: string; message: string };

/** Matches declared relatives against the officials involved: by roster id when linked, else by name. */
export function nearRelativeFlags(family: readonly FamilyEntry[], officials: readonly Official[]): RelativeFlag[] {
  const flags: RelativeFlag[] = [];
  for (const f of family) {
    for (const o of officials) {
      const same = f.memberId ? f.memberId === o.memberId : f.name.trim() === o.name.trim();
      if (!same) continue;
      flags.push({ relative: o.name, relation: f.relation, role: o.role, message: `${o.role}${o.name}是申请人的${NEAR_RELATION_LABELS[f.relation]}` });
    }
  }
  return flags;
}
