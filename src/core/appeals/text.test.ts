import { describe, expect, it } from 'vitest';
import { clusterTexts, hammingDistance, jaccard, proposeDispatch, seasonalMonths, simhash, tokenize } from './text.ts';

const item = (id: string, text: string) => {
  const tokens = tokenize(text);
  return { id, tokens, hash: simhash(tokens) };
};

describe('appeal text', () => {
  it('should tokenize with jieba and drop stopwords and punctuation', () => {
    expect(tokenize('我公司办理营业执照变更，一直没有办下来！')).toEqual(['办理', '营业执照', '变更', '下来']);
  });

  it('should give near-identical texts close simhashes and unrelated ones far', () => {
    const a = item('a', '园区道路积水严重，企业货车无法通行，希望尽快修复排水管网');
    const b = item('b', '园区道路积水很严重，货车无法通行，请修复排水管网');
    const c = item('c', '申请的稳岗补贴迟迟没有到账，请帮忙查询');
    expect(hammingDistance(a.hash, b.hash)).toBeLessThanOrEqual(3);
    expect(hammingDistance(a.hash, c.hash)).toBeGreaterThan(10);
    expect(simhash([])).toBe('0000000000000000');
    expect(jaccard(a.tokens, b.tokens)).toBeGreaterThan(0.8);
  });

  it('should cluster similar appeals with keywords, largest first', () => {
    const clusters = clusterTexts([
      item('1', '园区道路积水严重，货车无法通行'),
      item('2', '园区道路积水，货车通行困难'),
      item('3', '道路积水严重影响货车通行'),
      item('4', '稳岗补贴没有到账'),
      item('5', '稳岗补贴迟迟未到账'),
      item('6', '食堂许可证办理慢'),
    ]);
    expect(clusters.map((c) => c.ids)).toEqual([['1', '2', '3'], ['4', '5']]);
    expect(clusters[0].keywords).toEqual(expect.arrayContaining(['积水', '货车', '道路']));
  });

  it('should propose the catalogue entry whose keywords the text has', () => {
    const catalogue = [
      { id: 'e1', categoryCode: 'license', unitId: 'market', keywords: ['营业执照', '登记'] },
      { id: 'e2', categoryCode: 'labour', unitId: 'hr', keywords: ['稳岗补贴', '社保', '用工'] },
    ];
    const p = proposeDispatch('我公司申请的稳岗补贴和社保返还一直没到', catalogue);
    expect(p.map((x) => [x.entry.id, x.score])).toEqual([['e2', 2]]);
    expect(proposeDispatch('天气很好', catalogue)).toEqual([]);
  });

  it('should flag months that recur across years (未诉先办)', () => {
    expect(seasonalMonths(['2024-07-01', '2024-07-09', '2025-07-02', '2025-07-20', '2025-03-01', '2025-03-02'])).toEqual([7]);
  });
});
