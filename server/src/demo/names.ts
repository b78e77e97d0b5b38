// Chinese personal names for the demo county: surnames by frequency, given names by gender and birth era.
import type { Gender } from '@yanzhen/domain';
import type { Rng } from './random';

// Surnames with their approximate share (per mille) of the population; a few weighted up for Shaanxi (雷 党 惠 屈 寇).
const SURNAME_TABLE: readonly (readonly [string, number])[] = (
  [
    ['王', 71], ['李', 70], ['张', 68], ['刘', 54], ['陈', 46], ['杨', 31], ['赵', 22], ['黄', 21], ['周', 19], ['吴', 20],
    ['徐', 13], ['孙', 15], ['胡', 13], ['朱', 12], ['高', 11], ['林', 9], ['何', 12], ['郭', 11], ['马', 12], ['罗', 8],
    ['梁', 8], ['宋', 6], ['郑', 8], ['谢', 6], ['韩', 5], ['唐', 6], ['冯', 5], ['于', 4], ['董', 4], ['萧', 1],
    ['程', 3], ['曹', 5], ['袁', 4], ['邓', 5], ['许', 5], ['傅', 2], ['沈', 2], ['曾', 4], ['彭', 4], ['吕', 3],
    ['苏', 3], ['卢', 2], ['蒋', 3], ['蔡', 3], ['贾', 2], ['丁', 3], ['魏', 3], ['薛', 2], ['叶', 3], ['阎', 1],
    ['余', 3], ['潘', 3], ['杜', 3], ['戴', 1], ['夏', 2], ['钟', 2], ['汪', 2], ['田', 4], ['任', 3], ['姜', 2],
    ['范', 2], ['方', 2], ['石', 2], ['姚', 2], ['谭', 2], ['廖', 2], ['邹', 1], ['熊', 1], ['金', 2], ['陆', 2],
    ['郝', 1], ['孔', 1], ['白', 2], ['崔', 2], ['康', 1], ['毛', 1], ['邱', 1], ['秦', 1], ['江', 1], ['史', 1],
    ['顾', 1], ['侯', 1], ['邵', 1], ['孟', 1], ['龙', 1], ['万', 1], ['段', 1], ['雷', 4], ['钱', 1], ['汤', 1],
    ['尹', 1], ['黎', 1], ['易', 1], ['常', 1], ['武', 1], ['乔', 1], ['贺', 1], ['赖', 1], ['龚', 1], ['文', 1],
    ['党', 3], ['惠', 2], ['屈', 2], ['寇', 1], ['樊', 1], ['闫', 1], ['牛', 1], ['姬', 1], ['仇', 1], ['拓', 1],
    ['路', 1], ['房', 1], ['井', 1], ['南', 1], ['师', 1], ['权', 1], ['强', 1], ['来', 1], ['呼', 1], ['欧阳', 1],
  ] as const
).map(([s, w]) => [s, w] as const);

// Given-name characters by gender and birth era: the names of people born in the 1940s differ from those born in the 2000s.
const GIVEN: Record<Gender, Record<'old' | 'middle' | 'young', { single: string; double: readonly string[] }>> = {
  male: {
    old: {
      single: '忠贵富发福财顺德厚林山海才全明荣胜生有成',
      double: ['建国', '国庆', '卫东', '振华', '保国', '爱国', '国华', '志刚', '建民', '新民', '长寿', '有才', '宝山', '福林', '德明', '春生', '玉林', '满仓', '金贵', '双喜', '永福', '世昌', '秉义', '存良'],
    },
    middle: {
      single: '伟强军磊勇刚涛斌辉峰鹏杰明华平波亮超俊健',
      double: ['建军', '建华', '晓东', '志强', '海涛', '小龙', '红兵', '卫国', '利民', '永强', '新华', '文斌', '振宇', '晓军', '立新', '光明', '国强', '宏伟', '建平', '军锋', '拴劳', '战胜', '满仓', '世杰'],
    },
    young: {
      single: '浩宇轩博睿哲昊鑫磊凯杰航晨阳帆豪毅',
      double: ['浩然', '子轩', '宇航', '一鸣', '思远', '俊杰', '博文', '子豪', '家乐', '嘉豪', '梓豪', '天宇', '明轩', '皓轩', '晨阳', '泽宇', '铭哲', '鹏飞', '文博', '志远', '佳乐', '昊天', '文轩', '宇泽'],
    },
  },
  female: {
    old: {
      single: '英兰秀珍芳桂凤玉梅琴翠香莲花娥荣',
      double: ['秀英', '桂兰', '秀兰', '玉兰', '凤英', '桂英', '淑珍', '秀珍', '玉珍', '桂芳', '翠兰', '月娥', '金花', '素芳', '爱莲', '彩霞', '淑芬', '玉梅', '春花', '粉娥', '秀梅', '淑英', '桂香', '巧云'],
    },
    middle: {
      single: '芳娟敏静丽艳霞燕玲红梅丹萍洁莉华琳娜',
      double: ['丽娟', '海燕', '晓燕', '红霞', '亚妮', '小红', '丽华', '艳梅', '雪梅', '晓丽', '彩霞', '晓红', '春燕', '玉洁', '丽萍', '秀丽', '爱玲', '文静', '晓霞', '美玲', '红梅', '晓娟', '丽君', '凤霞'],
    },
    young: {
      single: '婷琳雪慧颖倩佳欣悦萱怡瑶妍琪蕾璐',
      double: ['梓涵', '欣怡', '佳琪', '思涵', '雨欣', '诗琪', '婉婷', '雅琪', '心怡', '梦瑶', '可欣', '子涵', '晓彤', '佳怡', '雨婷', '一诺', '紫萱', '语嫣', '梦琪', '雅静', '若曦', '嘉欣', '静怡', '舒婷'],
    },
  },
};

export function pickSurname(rng: Rng): string {
  return rng.weighted(SURNAME_TABLE);
}

/** A full name for a person of this gender born in this year (about a third have a one-character given name). */
export function personName(rng: Rng, gender: Gender, birthYear: number): string {
  const era = birthYear < 1960 ? 'old' : birthYear < 1985 ? 'middle' : 'young';
  const pool = GIVEN[gender][era];
  const surname = pickSurname(rng);
  if (rng.chance(0.32)) return surname + rng.pick([...pool.single]);
  // Half of the two-character names are common whole names, the rest combine two characters of the era.
  if (rng.chance(0.5)) return surname + rng.pick(pool.double);
  const chars = [...pool.single];
  const a = rng.pick(chars);
  let b = rng.pick(chars);
  if (b === a) b = rng.pick(chars);
  return surname + a + b;
}
