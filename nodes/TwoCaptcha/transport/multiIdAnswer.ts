import { ProtocolError, classifyStatus, isStatusText } from './errors';

/** One id's share of a multi-id answer (`res.php action=get&ids=a,b,c`). */
export type IdPart =
	| { status: 'notReady' }
	| { status: 'failed'; code: string }
	| { status: 'ready'; answer: string }
	/** Ready (or unreadable from the joined answer): ask for it alone with `action=get&id=`. */
	| { status: 'fetchAlone' };

/** A status part: not ready yet, or the code (kept as sent, also when the catalogue does not list it). */
function statusPart(part: string): IdPart {
	return classifyStatus(part).category === 'notReady' ? { status: 'notReady' } : { status: 'failed', code: part.trim() };
}

/**
 * The one splitter of multi-id answers, used by the poller and Task → Get Results. 2Captcha joins the answers of
 * `ids` with '|' in the order asked, without extras; an answer may itself contain '|'.
 *
 * - As many parts as ids: part i is id i's. A ready answer is taken from it when `answersArePipeFree`, else
 *   fetched alone (it may be only the start of an answer that contained '|').
 * - More parts: some answer contained '|'. Status words (which never contain '|') are matched from both ends;
 *   the ids left in the middle are fetched alone.
 * - Anything else (fewer parts than ids, an empty part, parts left over that belong to no id) does not match the
 *   ids asked: a ProtocolError (returned, not thrown), never a guess.
 */
export function splitMultiIdAnswer(text: string, ids: readonly string[], answersArePipeFree: boolean): IdPart[] | ProtocolError {
	const parts = text.split('|');
	const mismatch = (why: string) =>
		new ProtocolError(`The answer for ${ids.length} captcha IDs does not match the IDs asked (${why}): protocol error`);
	if (parts.length < ids.length) return mismatch(`${parts.length} parts`);
	if (parts.length === ids.length) {
		if (parts.some((part) => part.trim() === '')) return mismatch('an empty part');
		return parts.map((part) => {
			if (isStatusText(part)) return statusPart(part);
			return answersArePipeFree ? { status: 'ready', answer: part } : { status: 'fetchAlone' };
		});
	}
	const result: IdPart[] = ids.map(() => ({ status: 'fetchAlone' }));
	let left = 0;
	while (left < ids.length && isStatusText(parts[left])) {
		result[left] = statusPart(parts[left]);
		left++;
	}
	let right = 0;
	while (right < ids.length - left && isStatusText(parts[parts.length - 1 - right])) {
		result[ids.length - 1 - right] = statusPart(parts[parts.length - 1 - right]);
		right++;
	}
	if (left + right === ids.length) return mismatch(`${parts.length} parts, ${parts.length - ids.length} left over`);
	return result;
}
