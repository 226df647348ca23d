import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { getEngine, setEngineClock } from '../../nodes/TwoCaptcha/engine/registry';

describe('getEngine', () => {
	afterEach(() => setEngineClock(realClock));

	it('shares one engine (limiter, gate, poller) per key and server', () => {
		const key = 'abcdefabcdefabcdefabcdefabcdef12';
		const engine = getEngine({ apiKey: key, baseUrl: 'https://2captcha.com' });
		expect(getEngine({ apiKey: key, baseUrl: 'https://2captcha.com' })).toBe(engine);
		expect(getEngine({ apiKey: key, baseUrl: 'https://rucaptcha.com' }).poller).not.toBe(engine.poller);
		expect(getEngine({ apiKey: `${key}x`, baseUrl: 'https://2captcha.com' }).limiter).not.toBe(engine.limiter);
	});

	it('starts afresh on a new clock', () => {
		const server = { apiKey: 'abcdefabcdefabcdefabcdefabcdef12', baseUrl: 'https://2captcha.com' };
		const before = getEngine(server);
		setEngineClock(realClock);
		expect(getEngine(server)).not.toBe(before);
	});
});
