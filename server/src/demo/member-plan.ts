// Demo members as pure data, one at a time (a 3-million-member county is streamed, never held in memory): age, gender,
// education, occupation and categories follow the branch's profile; every ID number is valid and unique.
import {
  addDays,
  addYears,
  composeIdNumber,
  nthBirthday,
  yearsBetween,
  type Education,
  type Gender,
  type IsoDate,
  type MemberCategory,
  type MemberFields,
  type Occupation,
} from '@yanzhen/domain';
import type { CountyPlan, MemberProfile, PlannedOrg } from './county-plan';
import { personName } from './names';
import { createRng, type Rng } from './random';

export type MemberDraft = {
  orgKey: number;
  groupKey: number | null;
  /** The branch's secretary (the first member of each branch). */
  isSecretary: boolean;
  fields: Omit<MemberFields, 'orgId' | 'groupId'>;
};

// The county's own region code first; people born elsewhere in the prefecture or in Xi'an carry other codes.
export const REGION_CODES = ['610526', '610502', '610503', '610522', '610523', '610524', '610525', '610527', '610528', '610581', '610582', '610113'] as const;
const REGION_WEIGHTS: readonly (readonly [number, number])[] = REGION_CODES.map((_, i) => [i, i === 0 ? 85 : 15 / (REGION_CODES.length - 1)] as const);

const MOBILE_DESTINATIONS = [
  '西安市雁塔区', '西安市未央区', '西安市长安区', '西安市高新区', '西安市碑林区', '渭南市临渭区', '咸阳市秦都区', '宝鸡市渭滨区', '延安市宝塔区',
  '北京市朝阳区', '上海市浦东新区', '广东省深圳市宝安区', '广东省广州市白云区', '广东省东莞市', '江苏省苏州市工业园区', '浙江省杭州市余杭区',
  '浙江省宁波市', '新疆维吾尔自治区乌鲁木齐市', '内蒙古自治区鄂尔多斯市', '山西省太原市', '河南省郑州市', '四川省成都市',
];
const PHONE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '193', '198', '199'];

type Band = readonly [readonly [number, number], number];
const AGE_BANDS: Record<MemberProfile, readonly Band[]> = {
  rural: [[[18, 29], 6], [[30, 39], 10], [[40, 49], 17], [[50, 59], 25], [[60, 69], 24], [[70, 79], 12], [[80, 89], 5], [[90, 95], 1]],
  community: [[[18, 29], 8], [[30, 39], 14], [[40, 49], 17], [[50, 59], 20], [[60, 69], 23], [[70, 79], 12], [[80, 89], 5], [[90, 95], 1]],
  agency: [[[22, 29], 18], [[30, 39], 30], [[40, 49], 28], [[50, 59], 24]],
  nonPublic: [[[20, 29], 30], [[30, 39], 35], [[40, 49], 22], [[50, 59], 13]],
  socialOrg: [[[20, 29], 30], [[30, 39], 35], [[40, 49], 22], [[50, 62], 13]],
  stateOwned: [[[22, 29], 22], [[30, 39], 32], [[40, 49], 26], [[50, 59], 20]],
  school: [[[22, 29], 20], [[30, 39], 32], [[40, 49], 28], [[50, 59], 20]],
  hospital: [[[22, 29], 20], [[30, 39], 32], [[40, 49], 28], [[50, 59], 20]],
};
const MALE_SHARE: Record<MemberProfile, number> = { rural: 0.74, community: 0.6, agency: 0.66, nonPublic: 0.68, socialOrg: 0.5, stateOwned: 0.7, school: 0.48, hospital: 0.42 };
const IN_SERVICE: ReadonlySet<MemberProfile> = new Set(['agency', 'nonPublic', 'socialOrg', 'stateOwned', 'school', 'hospital']);

type Table<T> = readonly (readonly [T, number])[];
function educationTable(profile: MemberProfile, birthYear: number): Table<Education> {
  const era = birthYear < 1960 ? 0 : birthYear < 1982 ? 1 : 2;
  switch (profile) {
    case 'rural':
      return ([
        [['juniorOrBelow', 85], ['highSchool', 13], ['secondaryVocational', 2]],
        [['juniorOrBelow', 58], ['highSchool', 26], ['secondaryVocational', 9], ['college', 5], ['bachelor', 2]],
        [['juniorOrBelow', 22], ['highSchool', 25], ['secondaryVocational', 15], ['college', 22], ['bachelor', 16]],
      ] as const)[era];
    case 'community':
      return ([
        [['juniorOrBelow', 55], ['highSchool', 30], ['secondaryVocational', 10], ['college', 5]],
        [['juniorOrBelow', 22], ['highSchool', 30], ['secondaryVocational', 15], ['college', 20], ['bachelor', 13]],
        [['highSchool', 10], ['secondaryVocational', 10], ['college', 35], ['bachelor', 40], ['postgraduate', 5]],
      ] as const)[era];
    case 'agency':
      return era === 2 ? [['bachelor', 70], ['postgraduate', 20], ['college', 10]] : [['bachelor', 55], ['college', 25], ['postgraduate', 8], ['secondaryVocational', 7], ['highSchool', 5]];
    case 'school':
    case 'hospital':
      return [['bachelor', 60], ['college', 25], ['postgraduate', 10], ['secondaryVocational', 5]];
    default:
      return [['juniorOrBelow', 15], ['highSchool', 25], ['secondaryVocational', 20], ['college', 25], ['bachelor', 15]];
  }
}

function occupationTable(profile: MemberProfile, age: number, mobile: boolean): Table<Occupation> {
  switch (profile) {
    case 'rural':
      if (mobile) return [['worker', 50], ['other', 30], ['farmer', 20]];
      if (age >= 60) return [['farmer', 85], ['other', 10], ['retired', 5]];
      return age < 24 ? [['student', 30], ['farmer', 40], ['worker', 20], ['other', 10]] : [['farmer', 60], ['worker', 15], ['other', 12], ['manager', 6], ['professional', 5], ['military', 2]];
    case 'community':
      if (age >= 60) return [['retired', 85], ['other', 15]];
      return [['worker', 30], ['manager', 15], ['professional', 20], ['other', 25], ['civilServant', 5], ['student', age < 24 ? 20 : 0]];
    case 'agency':
      return [['civilServant', 85], ['professional', 10], ['manager', 5]];
    case 'nonPublic':
      return [['worker', 40], ['manager', 30], ['professional', 25], ['other', 5]];
    case 'socialOrg':
      return [['professional', 40], ['other', 35], ['manager', 25]];
    case 'stateOwned':
      return [['manager', 35], ['worker', 35], ['professional', 30]];
    default:
      return [['professional', 90], ['manager', 10]];
  }
}

const JOB_TITLES: Record<MemberProfile, readonly string[]> = {
  rural: [],
  community: [],
  agency: ['一级科员', '四级主任科员', '二级主任科员', '股长', '办公室主任', '副局长', '综合股干部', '专业技术人员'],
  nonPublic: ['员工', '技术员', '车间主任', '副总经理', '财务主管', '销售经理', '总经理'],
  socialOrg: ['工作人员', '社工', '秘书长', '教师', '律师'],
  stateOwned: ['职员', '部门经理', '副总经理', '工程师', '会计'],
  school: ['教师', '教师', '教师', '教研组长', '副校长', '办公室主任'],
  hospital: ['医师', '主治医师', '护士', '护师', '副主任医师', '科主任'],
};

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1900, 0, 1);
const DAYS = 220 * 366;

/** Hands out ID-number sequence digits so no two members share a number: 100 per region, birth date and gender. */
export class IdNumberAllocator {
  private readonly used = new Uint8Array(REGION_CODES.length * 2 * DAYS);

  /** A unique ID number, preferring `regionIndex`; null when every region is full for that day (then try another day). */
  allocate(regionIndex: number, birthDate: IsoDate, gender: Gender): string | null {
    const [y, m, d] = birthDate.split('-').map(Number);
    const day = Math.round((Date.UTC(y, m - 1, d) - EPOCH_1900) / DAY_MS);
    for (let r = 0; r < REGION_CODES.length; r++) {
      const region = (regionIndex + r) % REGION_CODES.length;
      const slot = (region * 2 + (gender === 'male' ? 1 : 0)) * DAYS + day;
      const n = this.used[slot];
      if (n >= 100) continue;
      this.used[slot] = n + 1;
      // A scrambled but collision-free sequence (37 is coprime with 100), starting at a different number in each slot.
      return composeIdNumber(REGION_CODES[region], birthDate, (n * 37 + (Math.imul(slot, 2654435761) >>> 0)) % 100, gender);
    }
    return null;
  }
}

/** Every member of the plan, branch by branch, reproducible from the seed; `today` is the reference date. */
export function* generateMembers(plan: CountyPlan, opts: { seed: string | number; today: IsoDate }): Generator<MemberDraft> {
  const ids = new IdNumberAllocator();
  for (const org of plan.orgs) {
    if (org.memberCount === 0 || !org.profile) continue;
    const rng = createRng(`${opts.seed}/members/${org.key}`);
    for (let i = 0; i < org.memberCount; i++) {
      const groupKey = org.groupKeys.length > 0 ? org.groupKeys[Math.floor((i * org.groupKeys.length) / org.memberCount)] : null;
      yield { orgKey: org.key, groupKey, isSecretary: i === 0, fields: generateMember(rng, ids, plan, org, i === 0, opts.today) };
    }
  }
}

function generateMember(rng: Rng, ids: IdNumberAllocator, plan: CountyPlan, org: PlannedOrg, secretary: boolean, today: IsoDate): MemberDraft['fields'] {
  const profile = org.profile as MemberProfile;
  // A county of 17,000 admits ~300 a year, each probationary for a year; the development demo adds most of them (its
  // files past step 17 are on the roster), so the roster itself draws ~0.6%.
  const probationary = !secretary && rng.chance(0.006);
  const gender: Gender = rng.chance(secretary ? Math.min(0.9, MALE_SHARE[profile] + 0.1) : MALE_SHARE[profile]) ? 'male' : 'female';
  let age: number;
  if (secretary) age = rng.int(profile === 'rural' ? 40 : 35, 58);
  else if (probationary) age = rng.int(profile === 'agency' || profile === 'school' || profile === 'hospital' ? 23 : 19, 35);
  else {
    const [lo, hi] = rng.weighted(AGE_BANDS[profile]);
    age = rng.int(lo, hi);
  }
  // Born within the year that makes them `age` today.
  let birthDate = addDays(addYears(today, -(age + 1)), rng.int(1, 365));
  let idNumber = ids.allocate(rng.weighted(REGION_WEIGHTS), birthDate, gender);
  while (idNumber === null) {
    birthDate = addDays(birthDate, -1);
    idNumber = ids.allocate(0, birthDate, gender);
  }
  age = yearsBetween(birthDate, today);
  const birthYear = Number(birthDate.slice(0, 4));

  // Joined at 18–40 (most in their twenties); full members at least 13 months ago, probationary ones within the last year.
  const adult = nthBirthday(birthDate, 18);
  const latestFullJoin = addDays(today, -400);
  let joinDate: IsoDate;
  let fullMembershipDate: IsoDate | null = null;
  if (probationary || adult > latestFullJoin) {
    const earliest = adult > addDays(today, -360) ? adult : addDays(today, -360);
    const span = Math.max(0, Math.round((Date.parse(today) - Date.parse(earliest)) / DAY_MS));
    joinDate = addDays(earliest, rng.int(0, span));
  } else {
    const extraYears = rng.weighted<readonly [number, number]>([[[0, 4], 30], [[5, 11], 40], [[12, 24], 25], [[25, 40], 5]]);
    joinDate = addDays(addYears(adult, rng.int(extraYears[0], extraYears[1])), rng.int(0, 364));
    // Too late a draw for a young member: spread over the years they could have joined (clamping it to one date
    // piled ~1,600 joins into a single year of the 历年发展 chart against ~200 in the others).
    if (joinDate > latestFullJoin) joinDate = addDays(adult, rng.int(0, Math.max(0, Math.round((Date.parse(latestFullJoin) - Date.parse(adult)) / DAY_MS))));
    if (joinDate < adult) joinDate = adult;
    fullMembershipDate = addDays(addYears(joinDate, 1), rng.int(0, 30));
  }
  const status = fullMembershipDate ? 'full' : 'probationary';

  const rural = profile === 'rural' || profile === 'community';
  const categories: MemberCategory[] = [];
  if (IN_SERVICE.has(profile)) categories.push('inService');
  const hardship = !secretary && rng.chance(profile === 'rural' ? (age >= 70 ? 0.13 : 0.055) : profile === 'community' ? (age >= 70 ? 0.09 : 0.045) : 0.004);
  if (hardship) categories.push('hardship');
  const mobile = !secretary && rural && age >= 20 && age <= 55 && rng.chance(profile === 'rural' ? 0.2 : 0.1);
  if (mobile) categories.push('mobile');
  const elderly = age >= 70;
  if (elderly) categories.push('elderly');
  if (elderly && rng.chance(age >= 85 ? 0.6 : age >= 78 ? 0.3 : 0.08)) categories.push('frail');

  let education = rng.weighted(educationTable(profile, birthYear));
  if (secretary && (education === 'juniorOrBelow' || education === 'highSchool')) education = rng.weighted<Education>([['highSchool', 30], ['college', 40], ['bachelor', 30]]);
  const occupation = secretary && rural ? 'manager' : rng.weighted(occupationTable(profile, age, mobile));

  const phone = rng.chance(categories.includes('frail') ? 0.6 : 0.93) ? rng.pick(PHONE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0') : null;
  const town = org.townName ?? '城关街道';
  let job: string | null = null;
  let address: string;
  if (profile === 'rural') {
    job = secretary ? `${org.placeName}党组织书记` : occupation === 'worker' && mobile ? '外出务工' : null;
    address = `${plan.countyName}${town}${org.placeName}${rng.int(1, 12)}组`;
  } else if (profile === 'community') {
    job = secretary ? `${org.placeName}党组织书记` : occupation === 'retired' ? null : rng.chance(0.3) ? '个体经营' : null;
    address = `${plan.countyName}${town}${org.placeName}${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
  } else {
    job = `${org.placeName} ${secretary ? '党支部书记' : rng.pick(JOB_TITLES[profile])}`;
    address = `${plan.countyName}${rng.chance(0.7) ? '城关街道' : town}${rng.pick(['百合', '祥云', '胜利', '东风', '文化', '育才'])}社区${rng.int(1, 30)}号楼${rng.int(1, 6)}单元${rng.int(1, 18)}0${rng.int(1, 4)}室`;
  }

  const mobileSince = mobile ? maxDate(addDays(joinDate, 1), addDays(today, -rng.int(30, 3650))) : null;
  return {
    name: personName(rng, gender, birthYear),
    gender,
    ethnicity: rng.weighted([['汉族', 985], ['回族', 8], ['满族', 4], ['蒙古族', 3]] as const),
    birthDate,
    idNumber,
    education,
    occupation,
    job,
    phone,
    address,
    joinDate,
    fullMembershipDate,
    status,
    categories,
    mobileDestination: mobile ? rng.pick(MOBILE_DESTINATIONS) : null,
    mobileSince: mobileSince && mobileSince <= today ? mobileSince : mobile ? today : null,
    mobileContact: mobile ? phone : null,
  };
}

const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
