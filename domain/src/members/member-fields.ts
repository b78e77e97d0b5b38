// Chinese labels of the member fields: error summaries, change-history timelines and Excel column titles use the same words.
import type { MemberFields } from './member.schemas';

export const MEMBER_FIELD_LABELS: Record<keyof MemberFields, string> = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  idNumber: '身份证号',
  education: '学历',
  occupation: '职业类别',
  job: '工作单位及职务',
  phone: '联系电话',
  address: '家庭住址',
  joinDate: '入党日期',
  fullMembershipDate: '转正日期',
  status: '党员状态',
  categories: '党员类别',
  mobileDestination: '外出地点',
  mobileSince: '外出时间',
  mobileContact: '外出联系方式',
  orgId: '所属支部',
  groupId: '党小组',
};
