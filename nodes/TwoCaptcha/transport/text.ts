/**
 * The one rule for text that travels (every field, the Reference, a pingback's reference): no control characters,
 * no invisible format characters (U+200B, U+202E, U+FEFF …) and no lone surrogates (no URL or form can carry
 * them). Multi-line fields may hold tabs and line breaks.
 */
export const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]/u;
export const CONTROL_BUT_LINES = /(?![\t\n\r])[\p{Cc}\p{Cf}\p{Cs}]/u;
