/**
 * The dependency rule: docs/ARCHITECTURE.md's layer table, read from the document itself, held against every import
 * of nodes/ and credentials/ (static imports, re-exports, require() and import() calls).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const SOURCES = ['nodes', 'credentials'];

interface Layer {
	name: string;
	/** Folders (ending in /) and files, relative to the root. */
	paths: string[];
	mayImport: string[];
}

/** The table under "| layer | folder | may import |" in docs/ARCHITECTURE.md. */
function layersOf(markdown: string): Layer[] {
	const lines = markdown.split('\n');
	const header = lines.findIndex((line) => /^\|\s*layer\s*\|\s*folder\s*\|\s*may import\s*\|/.test(line));
	if (header < 0) throw new Error('docs/ARCHITECTURE.md has no "| layer | folder | may import |" table');
	const layers: Layer[] = [];
	for (const line of lines.slice(header + 2)) {
		if (!line.startsWith('|')) break;
		const [name, folders, mayImport] = line.split('|').slice(1, 4).map((cell) => cell.trim());
		layers.push({
			name,
			paths: [...folders.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
			mayImport: mayImport === '—' ? [] : mayImport.split(',').map((n) => n.trim()),
		});
	}
	return layers;
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** Relative module specifiers of a file: import/export … from, side-effect imports, require() and import(). */
function importsOf(source: string): string[] {
	const specifiers = [
		...source.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g),
		...source.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
		...source.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
	].map((m) => m[1]);
	return specifiers.filter((s) => s.startsWith('.'));
}

/** The file a relative specifier names (x.ts, x/index.ts, or a JSON/other file as written). */
function resolveImport(fromFile: string, specifier: string): string {
	const base = resolve(dirname(fromFile), specifier);
	for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
	}
	return base;
}

function layerOf(layers: Layer[], file: string): Layer | undefined {
	const path = relative(ROOT, file).split('\\').join('/');
	let best: { layer: Layer; length: number } | undefined;
	for (const layer of layers) {
		for (const p of layer.paths) {
			const matches = p.endsWith('/') ? path.startsWith(p) : path === p;
			if (matches && (!best || p.length > best.length)) best = { layer, length: p.length };
		}
	}
	return best?.layer;
}

/** Every import that breaks the table, as "from → to (layer → layer)". */
export function violations(layers: Layer[], files: Array<{ file: string; source: string }>): string[] {
	const found: string[] = [];
	for (const { file, source } of files) {
		const from = layerOf(layers, file);
		if (!from) {
			found.push(`${relative(ROOT, file)} belongs to no layer`);
			continue;
		}
		for (const specifier of importsOf(source)) {
			const target = resolveImport(file, specifier);
			const to = layerOf(layers, target);
			if (to === from || (to && from.mayImport.includes(to.name))) continue;
			found.push(`${relative(ROOT, file)} → ${relative(ROOT, target)} (${from.name} → ${to?.name ?? 'outside every layer'})`);
		}
	}
	return found;
}

const layers = layersOf(readFileSync(join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8'));
const files = SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => ({ file, source: readFileSync(file, 'utf8') }));

describe('Layers (docs/ARCHITECTURE.md is the dependency rule)', () => {
	it('the table names real folders, and layers that exist', () => {
		const names = layers.map((l) => l.name);
		expect(names).toEqual(expect.arrayContaining(['transport', 'engine', 'catalogue', 'shared', 'node', 'trigger', 'credential']));
		for (const layer of layers) {
			for (const path of layer.paths) expect({ layer: layer.name, path, exists: existsSync(join(ROOT, path)) }).toEqual({ layer: layer.name, path, exists: true });
			for (const name of layer.mayImport) expect(names).toContain(name);
		}
	});

	it('every file of nodes/ and credentials/ is in a layer and imports only what its layer may', () => {
		expect(files.length).toBeGreaterThan(50);
		expect(violations(layers, files)).toEqual([]);
	});

	it('the two nodes never import each other', () => {
		const node = layers.find((l) => l.name === 'node')!;
		const trigger = layers.find((l) => l.name === 'trigger')!;
		expect(node.mayImport).not.toContain('trigger');
		expect(trigger.mayImport).not.toContain('node');
	});

	it('catches an import that breaks the table, in every form an import takes', () => {
		const at = (path: string) => join(ROOT, path);
		const fake = [
			{ file: at('nodes/TwoCaptcha/engine/x.ts'), source: "import type { CaptchaMethod } from '../catalogue/types';" },
			{ file: at('nodes/TwoCaptcha/transport/x.ts'), source: "export { claimOnce } from '../shared/claims';" },
			{ file: at('nodes/TwoCaptcha/lib/x.ts'), source: "const e = require('../engine/registry');" },
			{ file: at('nodes/TwoCaptcha/actions/x.ts'), source: "void import('../../TwoCaptchaTrigger/secret');" },
			{ file: at('nodes/TwoCaptchaTrigger/x.ts'), source: "import {\n\tTWO\n} from '../TwoCaptcha/actions/resources';" },
			{ file: at('nodes/TwoCaptcha/shared/x.ts'), source: "import '../../../test/helpers/n8nContext';" },
			{ file: at('nodes/Elsewhere/x.ts'), source: '' },
			// allowed: its own layer, and a layer it may import
			{ file: at('nodes/TwoCaptcha/shared/y.ts'), source: "import { getEngine } from '../engine/registry';\nimport { isRecord } from './isRecord';" },
		];
		expect(violations(layers, fake).map((v) => v.replace(/ → .*\(/, ' ('))).toEqual([
			'nodes/TwoCaptcha/engine/x.ts (engine → catalogue)',
			'nodes/TwoCaptcha/transport/x.ts (transport → shared)',
			'nodes/TwoCaptcha/lib/x.ts (lib → engine)',
			'nodes/TwoCaptcha/actions/x.ts (node → trigger)',
			'nodes/TwoCaptchaTrigger/x.ts (trigger → node)',
			'nodes/TwoCaptcha/shared/x.ts (shared → outside every layer)',
			'nodes/Elsewhere/x.ts belongs to no layer',
		]);
	});
});
