import { beforeAll, describe, expect, it } from 'vitest';
import { detectStage, type LegalStage } from '../../../core/timeline/stage.ts';
import { loadSampleItems, sampleAvailable, SAMPLE_DIR, type SampleItem } from './sampleItems.ts';

if (!sampleAvailable) console.log(`skipping stage tagging on the sample: ${SAMPLE_DIR} is absent`);

/** Headline starts of sample items and the stage a reader of the case would give them. */
const EXPECTED: [string, LegalStage | null][] = [
  ['San Diego genomics firm sues', 'filed'],
  ['UPDATE 1-San Diego genomics firm sues', 'filed'],
  ['Danish blade maker Havørn Vind sues', 'filed'],
  ['Havørn Vind takes former engineer', 'filed'],
  ['星河云图起诉前实习生赵明轩', 'filed'],
  ['Court bars ex-Halcyon data scientist', 'ruling'],
  ['Gericht untersagt Nordwind', 'ruling'],
  ['Maritime and Commercial High Court awards', 'ruling'],
  ['Shenzhen court orders former intern', 'ruling'],
  ['Ex-intern ordered to pay', 'ruling'],
  ['南山法院一审判决', 'ruling'],
  ['深圳中院驳回赵明轩上诉', 'appeal'],
  ['Une PME bretonne poursuit', 'filed'],
  ['Copenhagen court rejects shipping firm', 'ruling'],
  ['Shenzhen court finds intern not liable', 'ruling'],
  ['Explainer: why ex parte seizures', 'other'],
  ['Corrupted HD-map tiles traced', 'other'],
  ['Navigation app withdraws map update', null],
  ['Teenage pianist Zhao Mingxuan', null],
  ['Start-up shrinks Raman spectrometer', null],
  ['Halcyon Ridge cabernet', null],
  ['区青少年活动中心推出', null],
  ['城市业余羽毛球联赛收官', null],
  ['Sea eagles thrive in Denmark', null],
];

describe.skipIf(!sampleAvailable)('detectStage on the labelled sample', () => {
  let items: SampleItem[] = [];
  beforeAll(async () => {
    items = await loadSampleItems();
  });

  it.each(EXPECTED)('%s… → %s', (start, expected) => {
    const matching = items.filter((it) => it.title.startsWith(start));
    expect(matching.length).toBeGreaterThan(0);
    for (const it of matching) expect(detectStage(it)).toBe(expected);
  });
});
