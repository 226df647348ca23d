import type { Clock } from '../../nodes/TwoCaptcha/engine/clock';

export declare const MIN_REAL_TIMEOUT_MS: number;
/** A clock whose every duration is multiplied by `scale` in real time (see scaledClock.js). */
export declare function scaledClock(scale: number): Clock;
