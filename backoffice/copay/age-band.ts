// Which rate band a patient is in on the day of care (hospital-2026.md §6, kiosk-domain.md §3.5):
// - preschool (未就学, 2割): until the first 31 March after reaching 6 (健康保険法 §74(1)(i)-(ii));
// - working (就学後–69, 3割);
// - elderly (高齢受給者 70–74, 2割; 現役並み 3割): from the first day of the month AFTER the one in which
//   the patient reaches 70 (reaching = the day before the birthday, so one born on the 1st starts in
//   the birthday month itself) (健康保険法 §74(1)(iii), 施行令 §34);
// - late-elderly (後期高齢者 75+, 1/2/3割 as the insurer returns it): from the 75th birthday itself
//   (高齢者医療確保法 §52).
import { birthday, firstOfNextMonth, fromUtc, monthOf, nextMarch31, reachesAge, toUtc } from './dates';

export type AgeBand = 'preschool' | 'working' | 'elderly' | 'late-elderly';

export interface BandOnDay {
  band: AgeBand;
  /** The month of the 75th birthday (not on the 1st): 自己負担限度額 halved at each insurer (施行令 §41の2 特例). */
  seventyFiveBirthdayMonth: boolean;
}

export function ageBand(birthDate: string, careDate: string): BandOnDay {
  const day = toUtc(careDate, 'careDate');
  if (day < toUtc(birthDate, 'birthDate')) throw new RangeError('the care date is before the birth date');
  const lateElderlyFrom = birthday(birthDate, 75);
  const born1st = birthDate.endsWith('-01');
  const seventyFiveBirthdayMonth = !born1st && monthOf(careDate) === monthOf(fromUtc(lateElderlyFrom));
  if (day >= lateElderlyFrom) return { band: 'late-elderly', seventyFiveBirthdayMonth };
  if (day >= firstOfNextMonth(reachesAge(birthDate, 70))) return { band: 'elderly', seventyFiveBirthdayMonth };
  if (day <= nextMarch31(reachesAge(birthDate, 6))) return { band: 'preschool', seventyFiveBirthdayMonth: false };
  return { band: 'working', seventyFiveBirthdayMonth: false };
}
