import { describe, expect, it } from 'vitest';
import { isPinyinQuery, pinyinKeys } from './pinyin';

describe('pinyinKeys', () => {
  it('gives initials and the full spelling, lower case, without tones', () => {
    expect(pinyinKeys('张宏伟')).toEqual({ initials: 'zhw', full: 'zhanghongwei' });
    expect(pinyinKeys('李建国')).toEqual({ initials: 'ljg', full: 'lijianguo' });
  });

  it('reads polyphonic surnames as surnames', () => {
    expect(pinyinKeys('单雄信')).toEqual({ initials: 'sxx', full: 'shanxiongxin' });
    expect(pinyinKeys('曾国藩')).toEqual({ initials: 'zgf', full: 'zengguofan' });
    expect(pinyinKeys('解缙')).toEqual({ initials: 'xj', full: 'xiejin' });
    expect(pinyinKeys('仇英').full).toBe('qiuying');
    expect(pinyinKeys('覃辉').full).toBe('qinhui');
    expect(pinyinKeys('区志强').full).toBe('ouzhiqiang');
  });

  it('reads a polyphonic character in the given name as an ordinary character', () => {
    expect(pinyinKeys('李曾').full).toBe('liceng');
  });

  it('spells ü as v', () => {
    expect(pinyinKeys('吕明').full).toBe('lvming');
  });

  it('drops the middle dot of transliterated names', () => {
    expect(pinyinKeys('阿依古丽·买买提')).toEqual({ initials: 'ayglmmt', full: 'ayigulimaimaiti' });
    expect(pinyinKeys('阿依古丽•买买提').full).toBe('ayigulimaimaiti');
  });
});

describe('isPinyinQuery', () => {
  it('is true for letters only, any case', () => {
    expect(isPinyinQuery('zhw')).toBe(true);
    expect(isPinyinQuery(' ZhangHW ')).toBe(true);
  });
  it('is false for Chinese, digits or mixed text', () => {
    expect(isPinyinQuery('张')).toBe(false);
    expect(isPinyinQuery('002X')).toBe(false);
    expect(isPinyinQuery('zh1')).toBe(false);
    expect(isPinyinQuery('')).toBe(false);
  });
});
