import {
	InvalidServerConfigError,
	getServerConfig,
	serverConfigFromCredentials,
} from '../../nodes/TwoCaptcha/transport/serverConfig';

const apiKey = '0123456789abcdef0123456789abcdef';

describe('serverConfigFromCredentials', () => {
	it.each([
		[{ apiKey, server: 'https://2captcha.com' }, { apiKey, baseUrl: 'https://2captcha.com' }],
		[{ apiKey, server: 'https://rucaptcha.com', softId: ' 123 ' }, { apiKey, baseUrl: 'https://rucaptcha.com', softId: '123' }],
		[{ apiKey, server: 'custom', customUrl: 'http://127.0.0.1:8080/' }, { apiKey, baseUrl: 'http://127.0.0.1:8080' }],
		[{ apiKey, server: 'custom', customUrl: 'https://solver.test/api//' }, { apiKey, baseUrl: 'https://solver.test/api' }],
		[{ apiKey: ` ${apiKey}\n`, server: 'https://2captcha.com', softId: '' }, { apiKey, baseUrl: 'https://2captcha.com' }],
	])('reads %j', (creds, expected) => {
		expect(serverConfigFromCredentials(creds)).toEqual(expected);
	});

	it.each([
		[{ server: 'https://2captcha.com' }, /no API key/],
		[{ apiKey, server: 'custom', customUrl: '' }, /no server URL/],
		[{ apiKey, server: 'custom', customUrl: 'not a url' }, /must not contain spaces/],
		[{ apiKey, server: 'custom', customUrl: 'notaurl' }, /full URL starting with http/],
		[{ apiKey, server: 'custom', customUrl: 'https://[::1' }, /not a valid URL|no host/],
		[{ apiKey, server: 'custom', customUrl: 'https://solver.test:99999' }, /port outside 1–65535/],
		[{ apiKey, server: 'custom', customUrl: 'https://solver\n.test' }, /line breaks/],
		[{ apiKey, server: 'custom', customUrl: 'ftp://solver.test' }, /http:\/\/ or https:\/\//],
		[{ apiKey, server: 'custom', customUrl: 'https://solver.test/?key=1' }, /query string/],
		[{ apiKey, server: 'custom', customUrl: 'https://user:pw@solver.test' }, /user name or password/],
	])('rejects %j', (creds, message) => {
		const build = () => serverConfigFromCredentials(creds);
		expect(build).toThrow(InvalidServerConfigError);
		expect(build).toThrow(message);
		try {
			build();
		} catch (error) {
			expect((error as Error).message).not.toContain(apiKey);
		}
	});
});

describe('getServerConfig', () => {
	it('reads the twoCaptchaSolverApi credential of the running node', async () => {
		const getCredentials = jest.fn().mockResolvedValue({ apiKey, server: 'https://2captcha.com' });
		await expect(getServerConfig({ getCredentials })).resolves.toEqual({ apiKey, baseUrl: 'https://2captcha.com' });
		expect(getCredentials).toHaveBeenCalledWith('twoCaptchaSolverApi');
	});
});
