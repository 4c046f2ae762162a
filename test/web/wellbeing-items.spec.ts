import { ITEMS as WEB_ITEMS } from '../../apps/web/src/screens/coach/wellbeing-items.js';
import { ITEMS as SCORED_ITEMS } from '../../libs/capture/src/wellbeing/wellbeing.scales.js';

/**
 * The web app keeps its own copy of the wellbeing scales' items (it imports nothing from libs),
 * and the API takes one answer per item in the scales' order: the two must not drift apart.
 */
describe('the wellbeing check-in asks what the server scores', () => {
  // The one label the web words differently, so that its question reads as a sentence.
  const asScored = (label: string) => (label === 'having energy to spare' ? 'energy to spare' : label);

  it('asks every WEMWBS and SWEMWBS item, in the scales’ order', () => {
    expect(WEB_ITEMS.WEMWBS.map(asScored)).toEqual([...SCORED_ITEMS.wemwbs]);
    expect(WEB_ITEMS.SWEMWBS.map(asScored)).toEqual([...SCORED_ITEMS.swemwbs]);
  });
});
