/**
 * What the panels say, against what the code does: every number in a description or hint of the solve node's
 * mode fields and Solver Settings, and of the trigger, is one the code uses; the 0-means-default hints name the
 * selected operation's own default; run-wide settings say so; documentation links land.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions, TriggerPanelDefinition } from 'n8n-workflow';

import { TwoCaptcha } from '../../nodes/TwoCaptcha/TwoCaptcha.node';
import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { captchaMethods } from '../../nodes/TwoCaptcha/catalogue';
import { resolveRunSettings, resolveSettings, settingNumber, SETTING_BOUNDS } from '../../nodes/TwoCaptcha/actions/captcha/solverSettings';
import { MAX_PINGBACK_ITEMS } from '../../nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/answers';
import { SECRET_PLACEHOLDER, SECRET_PLACEHOLDER_HTML } from '../../nodes/TwoCaptcha/shared/pingbackSecret';
import { MAX_REFERENCE_CHARS } from '../../nodes/TwoCaptcha/shared/reference';
import { SHOWN_PINGBACK_PATH } from '../../nodes/TwoCaptchaTrigger/webhookPath';
import { SECRET_PATTERN, SECRET_RULE } from '../../nodes/TwoCaptchaTrigger/secret';
import { MODE_NAMES, MODE_READS, shownFields } from '../helpers/editorPanel';

const solve = new TwoCaptcha().description;
const trigger = new TwoCaptchaTrigger().description;
const MODE_OWN = new Set(['mode', 'waitForPingbackNotice', 'solverSettings', ...MODE_NAMES.flatMap((m) => MODE_READS[m].parameters)]);
const modeProperties = solve.properties.filter((p) => MODE_OWN.has(p.name));
const settingOptions = (solve.properties.find((p) => p.name === 'solverSettings')!.options ?? []) as INodeProperties[];

/** Every text the editor shows for these properties (labels of notices, descriptions, hints, option texts). */
function texts(properties: INodeProperties[]): string[] {
	return properties.flatMap((p) => [
		...(p.type === 'notice' ? [p.displayName] : []),
		p.description ?? '',
		p.hint ?? '',
		...((p.options ?? []) as Array<INodeProperties | INodePropertyOptions>).flatMap((o) =>
			'type' in o ? texts([o as INodeProperties]) : [(o as INodePropertyOptions).description ?? ''],
		),
	]);
}

const numbersIn = (text: string) => (text.match(/(?<![\w.])\d+(?:\.\d+)?(?![\w.]*\w)/g) ?? []).map(Number);

describe('Numbers in the panels come from the constants the code uses', () => {
	const known = new Set<number>([
		...Object.values(SETTING_BOUNDS).flatMap((b) => [b.min, b.max]),
		...captchaMethods.flatMap((m) => Object.values(m.timings)),
		MAX_PINGBACK_ITEMS,
		MAX_REFERENCE_CHARS,
		0,
	]);

	it('the secret rule states the length the check enforces', () => {
		const [minLength] = numbersIn(SECRET_RULE);
		expect('a'.repeat(minLength)).toMatch(SECRET_PATTERN);
		expect('a'.repeat(minLength - 1)).not.toMatch(SECRET_PATTERN);
	});

	it('no number in a mode field, a Solver Setting or the trigger is typed by hand', () => {
		const secretLength = numbersIn(SECRET_RULE)[0];
		const all = [...texts(modeProperties), ...texts(trigger.properties), ...triggerPanelTexts()];
		const strays = all.flatMap((text) => numbersIn(text).filter((n) => !known.has(n) && n !== secretLength).map((n) => `${n} in "${text}"`));
		expect(strays).toEqual([]);
	});

	it.each(Object.entries(SETTING_BOUNDS))('%s: every option states and enforces the bounds the check accepts', (name, bounds) => {
		const options = settingOptions.filter((o) => o.name === name);
		expect(options.length).toBeGreaterThan(0);
		const b = bounds as { min: number; max: number; zeroIsDefault?: boolean };
		for (const option of options) {
			expect(option.typeOptions?.maxValue).toBe(b.max);
			expect(option.typeOptions?.minValue).toBe(b.zeroIsDefault ? 0 : b.min);
			expect(option.typeOptions?.numberPrecision).toBeUndefined(); // whole seconds show as whole numbers
			const stated = numbersIn(option.description ?? '');
			expect(stated).toContain(b.max);
			for (const n of stated) expect([b.min, b.max, 0]).toContain(n);
		}
		const raw = (value: number) => ({ [name]: value });
		expect(settingNumber(raw(b.max), name as keyof typeof SETTING_BOUNDS, -1)).toBe(b.max);
		expect(settingNumber(raw(b.min), name as keyof typeof SETTING_BOUNDS, -1)).toBe(b.min);
		expect(() => settingNumber(raw(b.max + 1), name as keyof typeof SETTING_BOUNDS, -1)).toThrow();
	});

	it('defaults shown are the defaults the code applies', () => {
		const maxInFlight = settingOptions.find((o) => o.name === 'maxInFlight')!;
		expect(maxInFlight.default).toBe(resolveRunSettings({}).maxInFlight);
		expect(maxInFlight.default).toBe(SETTING_BOUNDS.maxInFlight.max);
		expect(settingOptions.find((o) => o.name === 'unsolvableRetries')!.default).toBe(resolveRunSettings({}).unsolvableRetries);
		// Mode's default is the first mode, the one a run without a Mode value takes.
		expect(solve.properties.find((p) => p.name === 'mode')!.default).toBe(MODE_NAMES[0]);
	});

	const timed = { firstPollSeconds: 'firstPollMs', pollIntervalSeconds: 'pollIntervalMs', timeoutSeconds: 'timeoutMs' } as const;
	it.each(captchaMethods.map((m) => [m.value, m]))('%s: "0 = N s" is the default the code applies for it, in every mode', (operation, method) => {
		const applied = resolveSettings({}, method.timings);
		for (const mode of MODE_NAMES) {
			for (const [setting, ms] of Object.entries(timed)) {
				if (!(MODE_READS[mode].settings as readonly string[]).includes(setting)) continue;
				const shown = settingOptions.filter(
					(o) => o.name === setting && shownFields(solve, { resource: 'captcha', operation, mode }).has(`solverSettings.${setting}`) && showsFor(o, operation, mode),
				);
				expect(shown).toHaveLength(1);
				expect(shown[0].hint).toBe(`0 = ${applied[ms] / 1000} s, the default for this captcha type`);
			}
		}
	});

	it('run-wide settings say so in every mode that reads them once, from the first item', () => {
		const runWide: Record<string, string[]> = { maxInFlight: [...MODE_NAMES], unsolvableRetries: ['waitForResult'], includeRawAnswer: ['waitForPingback'] };
		for (const [name, modes] of Object.entries(runWide)) {
			for (const mode of modes) {
				const option = settingOptions.find((o) => o.name === name && showsFor(o, 'recaptchaV2', mode));
				expect(`${option?.hint} ${option?.description}`).toContain('whole run');
			}
		}
	});
});

/** Whether the option's own `/mode` and `/operation` rules admit the pair. */
function showsFor(option: INodeProperties, operation: string, mode: string): boolean {
	const show = option.displayOptions?.show ?? {};
	return (show['/mode'] ?? [mode]).includes(mode) && (show['/operation'] ?? [operation]).includes(operation);
}

describe('Links land', () => {
	const codex = (file: string) => JSON.parse(readFileSync(path.join(__dirname, '../../nodes', file), 'utf8'));
	it('codex documentation links have no fragment (n8n appends its tracking query to them)', () => {
		for (const file of ['TwoCaptcha/TwoCaptcha.node.json', 'TwoCaptchaTrigger/TwoCaptchaTrigger.node.json']) {
			const urls = Object.values(codex(file).resources as Record<string, Array<{ url: string }>>).flatMap((list) => list.map((r) => r.url));
			expect(urls.length).toBeGreaterThan(0);
			for (const url of urls) expect(new URL(url).hash).toBe('');
		}
	});

	it("the trigger's Docs link goes to the pingback section, taken as it is", () => {
		expect(trigger.documentationUrl).toBe('https://2captcha.com/2captcha-api#pingback');
	});
});

/** The texts of the trigger's left-hand panel (header, "When will this node trigger my flow?", the hint). */
function triggerPanelTexts(): string[] {
	const panel = trigger.triggerPanel as TriggerPanelDefinition;
	const both = (text?: string | { active: string; inactive: string }) => (typeof text === 'object' ? [text.active, text.inactive] : [text ?? '']);
	return [panel.header ?? '', ...both(panel.executionsHelp), ...both(panel.activationHint)];
}

describe('Where the Pingback URL comes from, in the words of both panels', () => {
	const notice = trigger.properties.find((p) => p.name === 'pingbackUrlNotice')!.displayName;
	const secretHint = trigger.properties.find((p) => p.name === 'secret')!.hint!;
	const submitOnlyHint = solve.properties.find((p) => p.name === 'pingbackUrl')!.hint!;

	it("name the placeholder the trigger's Webhook URLs show, as the editor renders it (HTML)", () => {
		expect(SHOWN_PINGBACK_PATH).toContain(SECRET_PLACEHOLDER);
		for (const text of [notice, secretHint, submitOnlyHint, ...triggerPanelTexts().slice(1, 3)]) {
			expect(text).toContain(SECRET_PLACEHOLDER_HTML);
			expect(text).not.toContain(SECRET_PLACEHOLDER); // raw "<your Secret>" would be taken for a tag
		}
	});

	it('send the user to Webhook URLs → Production URL, and say the Test URL only answers while listening', () => {
		expect(notice).toMatch(/Webhook URLs.*Production URL/);
		expect(notice).toMatch(/Test URL answers only while/);
		expect(submitOnlyHint).toMatch(/Webhook URLs → Production URL/);
	});
});

describe('The trigger in the node creator', () => {
	it('is named by what it does: its event option (what n8n lists as the trigger action)', () => {
		// n8n's node creator takes a trigger's actions from its "Trigger On" / "Event" options.
		const event = trigger.properties.find((p) => ['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()));
		expect(event?.type).toBe('hidden');
		expect((event?.options as INodePropertyOptions[]).map((o) => o.action)).toEqual(['On captcha answer (pingback)']);
	});
});
