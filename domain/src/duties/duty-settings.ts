// County settings of the duty lists: star thresholds and warning rules, with the defaults a county starts from.
import { z } from 'zod';

export const ZStarThreshold = z.object({ minRate: z.number().min(0).max(100), stars: z.number().int().min(1).max(5) });

export const ZDutySettings = z.object({
  /** Stars for a month by its weighted on-time completion rate (%), highest first; below the lowest: no star. */
  starThresholds: z.array(ZStarThreshold).min(1).max(5),
  /** A missed key item (重点事项) caps the month at this many stars. */
  keyMissedMaxStars: z.number().int().min(0).max(5),
  /** A returned item resubmitted within this many days of its return keeps its first, on-time submission date. */
  resubmitGraceDays: z.number().int().min(0).max(60),
  /** Yellow below this rate (%), red below the next. */
  yellowBelowRate: z.number().min(0).max(100),
  redBelowRate: z.number().min(0).max(100),
  /** Yellow for an item still not done when its month closes. */
  yellowOnOverdue: z.boolean(),
  /** Red when a key item of the month was missed. */
  redOnKeyMissed: z.boolean(),
  /** Red when the month before also had a warning (黄牌连续两个月). */
  redOnConsecutive: z.boolean(),
  /** A warning clears when a later month closes at or above this rate with nothing late. */
  clearAtRate: z.number().min(0).max(100),
});
export type DutySettings = z.infer<typeof ZDutySettings>;

export const DEFAULT_DUTY_SETTINGS: DutySettings = {
  starThresholds: [
    { minRate: 100, stars: 3 },
    { minRate: 80, stars: 2 },
    { minRate: 60, stars: 1 },
  ],
  keyMissedMaxStars: 1,
  resubmitGraceDays: 7,
  yellowBelowRate: 80,
  redBelowRate: 60,
  yellowOnOverdue: true,
  redOnKeyMissed: true,
  redOnConsecutive: true,
  clearAtRate: 100,
};

export const DUTY_SETTINGS_KEY = 'duties';
