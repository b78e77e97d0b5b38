// The demo county's organization structure as pure data: towns and streets, villages and communities with their grids and
// groups, county agencies, schools and hospitals, 两新 enterprises with and without a party branch, and members per branch.
import type { EnterpriseKind, GridKind, IsoDate, OrgType, Sector } from '@yanzhen/domain';
import { createRng, type Rng } from './random';

/** Who a branch's members are: decides ages, occupations, education and categories. */
export type MemberProfile = 'rural' | 'community' | 'agency' | 'nonPublic' | 'socialOrg' | 'stateOwned' | 'school' | 'hospital';

export type PlannedOrg = {
  /** Index in `plan.orgs`; parents always come before their children. */
  key: number;
  /** null: a direct child of the county committee (the root). */
  parentKey: number | null;
  name: string;
  shortName: string | null;
  type: OrgType;
  sector: Sector;
  gridKind: GridKind | null;
  foundedOn: IsoDate | null;
  /** Members enrolled here (branches only); 0 for the others. */
  memberCount: number;
  profile: MemberProfile | null;
  /** The town or street it lies in, for addresses. */
  townName: string | null;
  /** The village, community or unit people live or work in (addresses and 工作单位). */
  placeName: string;
  /** Party groups (党小组) of this branch, as org keys. */
  groupKeys: number[];
};

export type PlannedEnterprise = {
  name: string;
  kind: EnterpriseKind;
  creditCode: string;
  industry: string;
  employeeCount: number;
  townKey: number;
  partyOrgKey: number | null;
  hasWorkCoverage: boolean;
};

export type CountyPlan = {
  countyName: string;
  orgs: PlannedOrg[];
  enterprises: PlannedEnterprise[];
  /** Where the demo accounts sit: a town committee and one of its village branches. */
  demoTownKey: number;
  demoBranchKey: number;
  memberTotal: number;
};

export type PlanOptions = { seed: string | number; members: number; countyName?: string };

// The first fifteen towns and streets; a bigger county gets generated names after them.
const TOWNS: readonly { name: string; street: boolean }[] = [
  { name: '城关街道', street: true },
  { name: '代字营镇', street: false },
  { name: '西官镇', street: false },
  { name: '黄甫镇', street: false },
  { name: '原峪镇', street: false },
  { name: '东风街道', street: true },
  { name: '孙镇', street: false },
  { name: '椿林镇', street: false },
  { name: '罕井镇', street: false },
  { name: '紫荆街道', street: true },
  { name: '高阳镇', street: false },
  { name: '兴镇', street: false },
  { name: '党睦镇', street: false },
  { name: '桥陵镇', street: false },
  { name: '龙阳镇', street: false },
];
const PLACE_FIRST = '东西南北前后上下大小新老高马王李张刘杨赵陈永兴安宁丰乐和平太白金石龙凤双三五八柳槐杏桃枣泉坡塬沟'.split('');
const PLACE_SECOND = '庄村堡寨营店坊河湾桥头坡塬沟洼城屯家园寺庙铺坪湾渠岭埝'.split('');
const FIRST_VILLAGES: Record<string, readonly string[]> = {
  代字营镇: ['鑫园村', '案板村', '双乐村'],
  西官镇: ['西官村'],
};
const COMMUNITIES = [
  '百合社区', '祥云社区', '胜利社区', '东风社区', '文化社区', '育才社区', '朝阳社区', '新华社区', '和平社区', '光明社区', '幸福社区',
  '金水社区', '解放社区', '建设社区', '北街社区', '南街社区', '紫荆社区', '振兴社区', '康乐社区', '翠苑社区', '滨河社区', '锦绣社区',
];
const COMMUNITY_SECOND = '苑园城街坊里湖苑庭岸'.split('');
const AGENCIES: readonly [string, number][] = [
  ['县委办公室', 30], ['县人大常委会机关', 25], ['县政府办公室', 35], ['县政协机关', 20], ['县纪委监委机关', 40], ['县委组织部', 25],
  ['县委宣传部', 20], ['县委统战部', 15], ['县委政法委', 15], ['县发展和改革局', 30], ['县教育局', 35], ['县工业和信息化局', 20],
  ['县公安局', 60], ['县民政局', 25], ['县司法局', 30], ['县财政局', 40], ['县人力资源和社会保障局', 35], ['县自然资源局', 40],
  ['县住房和城乡建设局', 35], ['县交通运输局', 30], ['县水务局', 30], ['县农业农村局', 50], ['县商务局', 15], ['县文化和旅游局', 25],
  ['县卫生健康局', 30], ['县退役军人事务局', 15], ['县应急管理局', 20], ['县审计局', 15], ['县市场监督管理局', 45], ['县统计局', 12],
  ['县医疗保障局', 15], ['县林业局', 20], ['县信访局', 10], ['县行政审批服务局', 20], ['县城市管理执法局', 40], ['县融媒体中心', 25],
  ['县总工会', 12], ['团县委', 10], ['县妇联', 10], ['县税务局', 45], ['县供销合作社', 15], ['县档案馆', 10],
];
const INDUSTRIES: Record<EnterpriseKind, readonly string[]> = {
  nonPublic: ['农业', '制造业', '批发和零售业', '建筑业', '交通运输业', '住宿和餐饮业', '信息技术服务业', '居民服务业', '食品加工业', '电子商务'],
  socialOrg: ['行业协会', '教育培训', '社会服务', '文化体育', '养老服务', '法律服务'],
  stateOwned: ['城市建设', '水务', '金融业', '交通运输业', '供电', '粮食储备'],
};
const FIRM_WORDS = ['鑫源', '秦川', '华泰', '恒通', '宏达', '金穗', '丰源', '瑞丰', '兴盛', '永盛', '新思路', '绿源', '润泽', '天成', '福星', '众诚', '康达', '嘉禾', '盛世', '远航', '果缘', '晨光', '蓝天', '北斗', '德润', '惠民', '鼎新', '汇通'];
const FIRM_SUFFIX: Record<EnterpriseKind, readonly string[]> = {
  nonPublic: ['农业科技有限公司', '果业专业合作社', '建材有限公司', '商贸有限公司', '建筑工程有限公司', '物流有限公司', '食品有限公司', '电子商务有限公司', '物业管理有限公司', '酒店管理有限公司', '机械制造有限公司', '网络科技有限公司'],
  socialOrg: ['果业协会', '志愿者协会', '民办幼儿园', '律师事务所', '养老服务中心', '职业培训学校', '商会', '社会工作服务中心'],
  stateOwned: ['城市投资开发有限公司', '供水有限公司', '农村商业银行', '交通建设投资有限公司', '供电分公司', '粮食储备有限公司'],
};
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinal = (i: number) => `第${CHINESE_NUMERALS[i] ?? String(i + 1)}`;

const pad2 = (n: number) => String(n).padStart(2, '0');
const randomDate = (rng: Rng, fromYear: number, toYear: number): IsoDate => `${rng.int(fromYear, toYear)}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;

// 统一社会信用代码 (GB 32100-2015) with its check character.
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function creditCode(rng: Rng, kind: EnterpriseKind): string {
  const prefix = kind === 'socialOrg' ? rng.pick(['51', '52']) : '91';
  let body = `${prefix}610526`;
  while (body.length < 17) body += CREDIT_CHARS[rng.int(0, 30)];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(body[i]) * CREDIT_WEIGHTS[i];
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31];
}

function uniqueName(rng: Rng, used: Set<string>, make: () => string): string {
  for (let i = 0; i < 50; i++) {
    const n = make();
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
  // Crowded name space (a huge county): number the name.
  let i = 2;
  const base = make();
  while (used.has(`${base}${i}`)) i++;
  used.add(`${base}${i}`);
  return `${base}${i}`;
}

/** Plans the county: the structure grows with the member count so branches keep a realistic size. */
export function planCounty(opts: PlanOptions): CountyPlan {
  const rng = createRng(`${opts.seed}/plan`);
  const countyName = opts.countyName ?? '示范县';
  const scale = Math.sqrt(Math.max(opts.members, 1) / 17000);
  const orgs: PlannedOrg[] = [];
  // Planned member weights of the member-holding branches, normalised to the requested total at the end.
  const weights = new Map<number, number>();
  const add = (o: Omit<PlannedOrg, 'key' | 'memberCount' | 'groupKeys'>, weight = 0): number => {
    const key = orgs.length;
    orgs.push({ ...o, key, memberCount: 0, groupKeys: [] });
    if (weight > 0) weights.set(key, weight);
    return key;
  };

  const communityNames = [...COMMUNITIES];
  let demoTownKey = -1;
  let demoBranchKey = -1;

  // Towns and streets with their villages and communities.
  const townCount = Math.max(3, Math.round(15 * scale));
  const usedTownNames = new Set(TOWNS.map((t) => t.name));
  // Village and community names are unique in the county: the Excel import names a branch by its name.
  const usedPlaces = new Set<string>([...Object.values(FIRST_VILLAGES).flat(), ...COMMUNITIES]);
  const villageName = () => (rng.chance(0.85) ? '' : rng.pick(PLACE_FIRST)) + rng.pick(PLACE_FIRST) + rng.pick(PLACE_SECOND) + '村';
  const communityName = () => rng.pick(PLACE_FIRST) + rng.pick(COMMUNITY_SECOND) + '社区';
  for (let t = 0; t < townCount; t++) {
    const town =
      TOWNS[t] ??
      (() => {
        const street = t % 5 === 0;
        return { name: uniqueName(rng, usedTownNames, () => rng.pick(PLACE_FIRST) + rng.pick(PLACE_FIRST) + (street ? '街道' : '镇')), street };
      })();
    const townKey = add({
      parentKey: null,
      name: town.street ? `${town.name}党工委` : `${town.name}党委`,
      shortName: town.name,
      type: town.street ? 'workingCommittee' : 'committee',
      sector: town.street ? 'street' : 'town',
      gridKind: null,
      foundedOn: town.street ? randomDate(rng, 2001, 2015) : randomDate(rng, 1958, 1984),
      profile: null,
      townName: town.name,
      placeName: town.name,
    });
    if (town.name === '代字营镇') demoTownKey = townKey;
    // The town's own offices.
    add(
      { parentKey: townKey, name: `${town.name}机关党支部`, shortName: null, type: 'branch', sector: 'agency', gridKind: null, foundedOn: randomDate(rng, 1980, 2005), profile: 'agency', townName: town.name, placeName: `${countyName}${town.name}人民政府`.replace('街道人民政府', '街道办事处') },
      rng.int(15, 35),
    );
    const villageCount = Math.max(2, Math.round(rng.int(town.street ? 2 : 13, town.street ? 4 : 21) * scale));
    const communityCount = Math.max(1, Math.round(rng.int(town.street ? 5 : 1, town.street ? 8 : 2) * scale));
    const firstVillages = FIRST_VILLAGES[town.name] ?? [];
    for (let v = 0; v < villageCount; v++) {
      const name = firstVillages[v] ?? uniqueName(rng, usedPlaces, villageName);
      const isDemoBranch = town.name === '代字营镇' && v === 0;
      const weight = isDemoBranch ? 68 : rng.int(30, 120);
      const founded = randomDate(rng, 1949, 1985);
      const base = { sector: 'rural' as const, profile: 'rural' as const, townName: town.name, placeName: name, shortName: name };
      // Big villages: a 党委 or 党总支 over grid branches; the others one branch.
      if (weight >= 95) {
        const grids = weight >= 112 ? rng.int(3, 4) : rng.int(2, 3);
        const vKey = add({ ...base, parentKey: townKey, name: `${name}${weight >= 112 ? '党委' : '党总支'}`, type: weight >= 112 ? 'committee' : 'generalBranch', gridKind: null, foundedOn: founded, profile: null });
        for (let g = 0; g < grids; g++) {
          add({ ...base, parentKey: vKey, name: `${name}${ordinal(g)}网格党支部`, shortName: null, type: 'branch', gridKind: 'rural', foundedOn: randomDate(rng, 2016, 2023) }, Math.round(weight / grids));
        }
      } else {
        const key = add({ ...base, parentKey: townKey, name: `${name}党支部`, type: 'branch', gridKind: null, foundedOn: founded }, weight);
        if (isDemoBranch) demoBranchKey = key;
      }
    }
    for (let c = 0; c < communityCount; c++) {
      // The city's own communities first (百合, 祥云, 胜利 in 城关街道), then composed names.
      const name = communityNames.shift() ?? uniqueName(rng, usedPlaces, communityName);
      const weight = rng.int(20, 80);
      const base = { sector: 'community' as const, profile: 'community' as const, townName: town.name, placeName: name, shortName: name };
      if (weight >= 60) {
        const grids = rng.int(3, 4);
        const cKey = add({ ...base, parentKey: townKey, name: `${name}党委`, type: 'committee', gridKind: null, foundedOn: randomDate(rng, 2000, 2018), profile: null });
        for (let g = 0; g < grids; g++) {
          add({ ...base, parentKey: cKey, name: `${name}${ordinal(g)}网格党支部`, shortName: null, type: 'branch', gridKind: 'urban', foundedOn: randomDate(rng, 2018, 2024) }, Math.round(weight / grids));
        }
      } else {
        add({ ...base, parentKey: townKey, name: `${name}党支部`, type: 'branch', gridKind: null, foundedOn: randomDate(rng, 2000, 2020) }, weight);
      }
    }
  }
  const towns = orgs.filter((o) => o.parentKey === null);

  // County agencies under the 县直机关工委, then schools and hospitals.
  const agencyKey = add({ parentKey: null, name: `中共${countyName}县直机关工作委员会`, shortName: '县直机关工委', type: 'workingCommittee', sector: 'agency', gridKind: null, foundedOn: '1984-06-01', profile: null, townName: '城关街道', placeName: `${countyName}县直机关` });
  const agencyCount = Math.min(AGENCIES.length, Math.max(5, Math.round(AGENCIES.length * Math.min(scale, 1))));
  for (const [name, weight] of AGENCIES.slice(0, agencyCount)) {
    add({ parentKey: agencyKey, name: `${name}党支部`, shortName: name, type: 'branch', sector: 'agency', gridKind: null, foundedOn: randomDate(rng, 1980, 2019), profile: 'agency', townName: '城关街道', placeName: `${countyName}${name.replace(/^县/, '')}`.replace(`${countyName}团县委`, `共青团${countyName}委员会`) }, weight);
  }
  const unit = (name: string, sector: 'school' | 'hospital', weight: number) =>
    add({ parentKey: null, name: `${name}党支部`, shortName: name, type: 'branch', sector, gridKind: null, foundedOn: randomDate(rng, 1985, 2010), profile: sector, townName: '城关街道', placeName: `${countyName}${name.replace(/^县/, '')}` }, weight);
  unit('县中学', 'school', 60);
  unit('县职业教育中心', 'school', 35);
  const hospitalKey = add({ parentKey: null, name: '县医院党总支', shortName: '县医院', type: 'generalBranch', sector: 'hospital', gridKind: null, foundedOn: '1988-07-01', profile: null, townName: '城关街道', placeName: `${countyName}医院` });
  for (const dept of ['内科', '外科', '医技行政']) {
    add({ parentKey: hospitalKey, name: `县医院${dept}党支部`, shortName: null, type: 'branch', sector: 'hospital', gridKind: null, foundedOn: randomDate(rng, 1995, 2015), profile: 'hospital', townName: '城关街道', placeName: `${countyName}医院` }, 30);
  }
  unit('县中医医院', 'hospital', 35);

  // 两新 organizations: about 60% with a branch of their own, under their town or under the 非公和社会组织工委.
  const nonPublicKey = add({ parentKey: null, name: `中共${countyName}非公有制经济组织和社会组织工作委员会`, shortName: '非公和社会组织工委', type: 'workingCommittee', sector: 'nonPublic', gridKind: null, foundedOn: '2012-07-01', profile: null, townName: '城关街道', placeName: countyName });
  const enterprises: PlannedEnterprise[] = [];
  const enterpriseCount = Math.max(5, Math.round(100 * scale * scale));
  const usedFirms = new Set<string>();
  for (let e = 0; e < enterpriseCount; e++) {
    const kind = rng.weighted<EnterpriseKind>([['nonPublic', 70], ['socialOrg', 20], ['stateOwned', 10]]);
    const name = uniqueName(rng, usedFirms, () => `${kind === 'nonPublic' && rng.chance(0.3) ? '陕西' : countyName}${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_SUFFIX[kind])}`);
    const employeeCount = kind === 'socialOrg' ? rng.int(5, 60) : kind === 'stateOwned' ? rng.int(30, 500) : rng.weighted([[rng.int(8, 50), 55], [rng.int(50, 200), 35], [rng.int(200, 800), 10]]);
    const town = rng.pick(towns);
    const hasOrg = kind === 'stateOwned' || rng.chance(employeeCount >= 50 ? 0.75 : 0.45);
    let partyOrgKey: number | null = null;
    if (hasOrg) {
      const underTown = kind !== 'stateOwned' && rng.chance(0.6);
      partyOrgKey = add(
        { parentKey: underTown ? town.key : nonPublicKey, name: `${name}党支部`, shortName: null, type: 'branch', sector: kind, gridKind: null, foundedOn: randomDate(rng, 2008, 2025), profile: kind, townName: town.shortName, placeName: name },
        Math.max(3, Math.min(rng.int(3, 25), Math.round(employeeCount * 0.3))),
      );
    }
    enterprises.push({ name, kind, creditCode: creditCode(rng, kind), industry: rng.pick(INDUSTRIES[kind]), employeeCount, townKey: town.key, partyOrgKey, hasWorkCoverage: hasOrg || rng.chance(0.7) });
  }

  distributeMembers(orgs, weights, opts.members);
  addGroups(orgs);
  return { countyName, orgs, enterprises, demoTownKey, demoBranchKey, memberTotal: opts.members };
}

// Largest-remainder apportionment: exactly `total` members, in proportion to the planned weights.
function distributeMembers(orgs: PlannedOrg[], weights: Map<number, number>, total: number): void {
  let sum = 0;
  for (const w of weights.values()) sum += w;
  const shares = [...weights].map(([key, w]) => {
    const exact = (w * total) / sum;
    return { key, base: Math.floor(exact), frac: exact - Math.floor(exact) };
  });
  let left = total - shares.reduce((n, s) => n + s.base, 0);
  const byFrac = [...shares].sort((a, b) => b.frac - a.frac || a.key - b.key);
  for (let i = 0; left > 0; i = (i + 1) % byFrac.length, left--) byFrac[i].base += 1;
  for (const s of shares) orgs[s.key].memberCount = s.base;
}

// Bigger branches get 2–4 party groups (党小组).
function addGroups(orgs: PlannedOrg[]): void {
  const branches = orgs.filter((o) => o.type === 'branch' && o.memberCount >= 45);
  for (const b of branches) {
    const count = Math.min(4, Math.max(2, Math.floor(b.memberCount / 22)));
    for (let g = 0; g < count; g++) {
      const key = orgs.length;
      orgs.push({ key, parentKey: b.key, name: `${ordinal(g)}党小组`, shortName: null, type: 'group', sector: b.sector, gridKind: null, foundedOn: b.foundedOn, memberCount: 0, profile: null, townName: b.townName, placeName: b.placeName, groupKeys: [] });
      b.groupKeys.push(key);
    }
  }
}
