import { ConflictError, type Sealed, ValidationError } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { wellbeingDecider } from './wellbeing.decider.js';

const answers = 'pd1.p1.iv.tag.answers' as Sealed;

describe('a wellbeing check-in', () => {
  it('given nothing, when the person checks in on WEMWBS, then the total is the score', () => {
    given(wellbeingDecider)
      .when({ kind: 'check_in', checkInId: 'w1', scale: 'wemwbs', checkedInOn: '2026-01-10', rawScore: 41, answers })
      .then([{ type: 'wellbeing.checked_in', data: { checkInId: 'w1', scale: 'wemwbs', checkedInOn: '2026-01-10', rawScore: 41, score: 41, answers } }]);
  });

  it('given nothing, when the person checks in on SWEMWBS, then the score is the metric score from the table', () => {
    given(wellbeingDecider)
      .when({ kind: 'check_in', checkInId: 'w1', scale: 'swemwbs', checkedInOn: '2026-01-10', rawScore: 23, answers })
      .then([{ type: 'wellbeing.checked_in', data: { checkInId: 'w1', scale: 'swemwbs', checkedInOn: '2026-01-10', rawScore: 23, score: 20.73, answers } }]);
  });

  it('given a check-in, when the same check-in id is recorded again, then it is refused', () => {
    given(wellbeingDecider, {
      type: 'wellbeing.checked_in',
      data: { checkInId: 'w1', scale: 'swemwbs', checkedInOn: '2026-01-10', rawScore: 23, score: 20.73, answers },
    })
      .when({ kind: 'check_in', checkInId: 'w1', scale: 'swemwbs', checkedInOn: '2026-02-10', rawScore: 25, answers })
      .thenThrows(ConflictError, 'already recorded');
  });

  it('given nothing, when a raw score is outside its scale, then it is refused', () => {
    given(wellbeingDecider)
      .when({ kind: 'check_in', checkInId: 'w1', scale: 'swemwbs', checkedInOn: '2026-01-10', rawScore: 36, answers })
      .thenThrows(ValidationError, 'rawScore: must be a whole number from 7 to 35');
    given(wellbeingDecider)
      .when({ kind: 'check_in', checkInId: 'w1', scale: 'wemwbs', checkedInOn: '2026-01-10', rawScore: 13, answers })
      .thenThrows(ValidationError, 'from 14 to 70');
  });
});
