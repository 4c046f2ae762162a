import { ValidationError } from '#libs/kernel';

/**
 * The smallest count that may leave the organisation (K). Anything from 1 to K − 1 is a small
 * number that could let a reader recognise a person, so it is suppressed. The organisation may
 * raise K; it may not lower it below 3, because a count of 1 or 2 next to what a partner
 * service already knows is enough to pick someone out.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const MIN_SUPPRESSION_THRESHOLD = 3;

export const SUPPRESSION_THRESHOLD_ENV = 'SUPPRESSION_THRESHOLD';

/**
 * K from its setting (an environment variable): the default when unset or blank.
 * @throws ValidationError on `SUPPRESSION_THRESHOLD` for anything but a whole number of at least 3.
 */
export function parseSuppressionThreshold(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (text === '') return DEFAULT_SUPPRESSION_THRESHOLD;
  if (!/^\d+$/.test(text)) {
    throw invalid(SUPPRESSION_THRESHOLD_ENV, `must be a whole number of at least ${MIN_SUPPRESSION_THRESHOLD}`);
  }
  return checkSuppressionThreshold(Number(text), SUPPRESSION_THRESHOLD_ENV);
}

/**
 * Guards K wherever it is handed in as a number, so no caller can suppress with a K that the
 * setting itself would refuse.
 * @throws ValidationError on `field` when `k` is not a whole number of at least 3.
 */
export function checkSuppressionThreshold(k: number, field = 'suppressionThreshold'): number {
  if (!Number.isSafeInteger(k)) {
    throw invalid(field, `must be a whole number of at least ${MIN_SUPPRESSION_THRESHOLD}`);
  }
  if (k < MIN_SUPPRESSION_THRESHOLD) {
    throw invalid(
      field,
      `must be at least ${MIN_SUPPRESSION_THRESHOLD}: smaller counts than that can identify a person`,
    );
  }
  return k;
}

function invalid(field: string, message: string): ValidationError {
  return new ValidationError([{ field, message }]);
}
