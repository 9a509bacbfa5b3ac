/**
 * Which files are sources and which are drafts, and how loud each check is.
 *
 * Read from `source-anchors.json` at a workspace root; VS Code's `sourceAnchors.*` settings, when
 * set, override it key by key. Example file:
 *
 *     { "corpus": ["corpus/", "papers/**\/*.md"], "drafts": ["drafts/**\/*.md"],
 *       "severity": { "unknown-anchor": "warning" } }
 */
import picomatch from 'picomatch';
import { SOURCE_EXTENSIONS } from './corpus/parseSource.js';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

/** Every diagnostic code, with its default severity. Codes are stable names; never rename one. */
export const DEFAULT_SEVERITY = {
  'unknown-document': 'error',
  'unknown-anchor': 'error',
  'malformed-citation': 'error',
  'page-out-of-range': 'error',
  'duplicate-anchor': 'warning',
  'duplicate-document': 'warning',
  'invalid-front-matter': 'warning',
  'invalid-bytes': 'warning',
  'unreadable-source': 'warning',
  'quote-converted': 'information',
  'quote-elsewhere': 'error',
  'quote-not-found': 'error',
  /** A quotation of a metadata-only document (a library entry without an attachment): nothing to check it against. */
  'quote-no-text': 'information',
} as const satisfies Record<string, Severity>;

export type DiagnosticCode = keyof typeof DEFAULT_SEVERITY;

export interface Config {
  /** Folders (`corpus/`) or globs (`sources/**\/*.md`) of source files, relative to the root. */
  corpus: string[];
  /** Globs of drafts; a corpus file is never a draft. */
  drafts: string[];
  /** Globs of files that are neither. */
  exclude: string[];
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  /** The citation style for export, preview and inlay hints: a built-in id or alias, or a .csl path. */
  citationStyle?: string;
  /** Inlay hints after citations: what the paper prints, cut short, in full, or none. */
  inlayHints?: 'off' | 'short' | 'full';
  /**
   * Reference libraries (`library.bib`, `My Library.json`), relative to the root: imported into the
   * corpus folder, and imported again whenever they change (Better BibTeX's auto-export).
   */
  library?: string[];
}

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  corpus: ['corpus/'],
  drafts: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  severity: {},
});

export const CONFIG_FILE = 'source-anchors.json';

/** Parses `source-anchors.json`. Unknown keys and wrong types are reported, never thrown. */
export function parseConfigFile(text: string): { config: Partial<Config>; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: {}, errors: [`${CONFIG_FILE} is not valid JSON: ${(e as Error).message}`] };
  }
  return validateConfig(raw, CONFIG_FILE);
}

/** Checks a settings object (from the file or from the editor) key by key. */
export function validateConfig(raw: unknown, origin: string): { config: Partial<Config>; errors: string[] } {
  const errors: string[] = [];
  const config: Partial<Config> = {};
  if (raw == null) return { config, errors };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, errors: [`${origin}: expected an object`] };
  }
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'corpus' || key === 'drafts' || key === 'exclude') {
      const list = typeof value === 'string' ? [value] : value;
      if (Array.isArray(list) && list.every((v) => typeof v === 'string' && v.trim() !== '')) {
        const bad = (list as string[]).filter((g) => !isValidGlob(key === 'corpus' ? corpusGlob(g) : g));
        if (bad.length)
          errors.push(`${origin}: "${key}" has invalid globs: ${bad.map((g) => `"${g}"`).join(', ')}`);
        else if (list.length > 0 || key === 'exclude') config[key] = list as string[];
      } else errors.push(`${origin}: "${key}" must be a list of non-empty paths or globs`);
    } else if (key === 'severity') {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const severity: Config['severity'] = {};
        for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
          if (!(code in DEFAULT_SEVERITY))
            errors.push(`${origin}: unknown diagnostic code "${code}" in "severity"`);
          else if (!isSeveritySetting(level))
            errors.push(`${origin}: severity of "${code}" must be error, warning, information, hint or off`);
          else severity[code as DiagnosticCode] = level;
        }
        config.severity = severity;
      } else errors.push(`${origin}: "severity" must map diagnostic codes to levels`);
    } else if (key === 'inlayHints') {
      if (value === 'off' || value === 'short' || value === 'full') config.inlayHints = value;
      else errors.push(`${origin}: "inlayHints" must be off, short or full`);
    } else if (key === 'citationStyle') {
      if (typeof value === 'string' && value.trim()) config.citationStyle = value.trim();
      else
        errors.push(
          `${origin}: "citationStyle" must be a style id (gb-note, gb-author-date, chicago, apa) or a path to a .csl file`,
        );
    } else if (key === 'library') {
      const list = typeof value === 'string' ? [value] : value;
      if (
        Array.isArray(list) &&
        list.every((v) => typeof v === 'string' && /\.(?:bib|json|ya?ml)$/i.test(v.trim()))
      )
        config.library = (list as string[]).map((v) => v.trim());
      else errors.push(`${origin}: "library" must be a list of .bib, .json, .yaml or .yml files`);
    } else if (key !== '$schema') {
      errors.push(`${origin}: unknown setting "${key}"`);
    }
  }
  return { config, errors };
}

/** Later layers win, key by key; severities merge code by code. */
export function mergeConfig(...layers: Partial<Config>[]): Config {
  const out: Config = { ...DEFAULT_CONFIG, severity: {} };
  for (const layer of layers) {
    if (layer.corpus) out.corpus = layer.corpus;
    if (layer.drafts) out.drafts = layer.drafts;
    if (layer.exclude) out.exclude = layer.exclude;
    if (layer.severity) out.severity = { ...out.severity, ...layer.severity };
    if (layer.citationStyle) out.citationStyle = layer.citationStyle;
    if (layer.inlayHints) out.inlayHints = layer.inlayHints;
    if (layer.library) out.library = layer.library;
  }
  return out;
}

export function severityOf(config: Config, code: DiagnosticCode): SeveritySetting {
  return config.severity[code] ?? DEFAULT_SEVERITY[code];
}

function isValidGlob(glob: string): boolean {
  try {
    picomatch(glob);
    return true;
  } catch {
    return false;
  }
}

function isSeveritySetting(v: unknown): v is SeveritySetting {
  return v === 'error' || v === 'warning' || v === 'information' || v === 'hint' || v === 'off';
}

/**
 * Sorts paths (relative to a root, `/`-separated) into sources, drafts and neither.
 *
 * Example with the defaults: `corpus/002-x.md` → source; `examples/draft.md` → draft;
 * `node_modules/a/README.md` → neither; `corpus/notes.pdf` → neither.
 */
export class PathClassifier {
  readonly #isSource: (p: string) => boolean;
  readonly #isDraft: (p: string) => boolean;
  readonly #isExcluded: (p: string) => boolean;

  constructor(config: Config) {
    const sourceGlobs = config.corpus.map(corpusGlob);
    this.#isSource = picomatch(sourceGlobs, { dot: false });
    this.#isDraft = picomatch(config.drafts.length ? config.drafts : ['**/*.md'], { dot: false });
    this.#isExcluded = config.exclude.length ? picomatch(config.exclude, { dot: true }) : () => false;
  }

  isSource(path: string): boolean {
    return !this.#isExcluded(path) && hasSourceExtension(path) && this.#isSource(path);
  }

  isDraft(path: string): boolean {
    return !this.#isExcluded(path) && !this.isSource(path) && this.#isDraft(path);
  }
}

/** `corpus` or `corpus/` → `corpus/**`; a glob stays as written. */
export function corpusGlob(entry: string): string {
  const clean = entry.replace(/^\.\//, '');
  if (/[*?[\]{}!]/.test(clean)) return clean;
  return `${clean.replace(/(?<!\/)\/+$/, '')}/**`;
}

/**
 * For an untrusted workspace: the configuration without the corpus entries that reach outside
 * the workspace folder (`../../home/…`, `/etc`, `C:/…`), and those entries, to report.
 */
export function confineToRoot(config: Config): { config: Config; refused: string[] } {
  const refused = config.corpus.filter((entry) => leavesRoot(corpusFolder(entry)));
  if (!refused.length) return { config, refused };
  return { config: { ...config, corpus: config.corpus.filter((e) => !refused.includes(e)) }, refused };
}

/** True when a `/`-separated folder path is absolute or climbs above where it starts. */
export function leavesRoot(folder: string): boolean {
  if (/^(?:[/\\~]|[A-Za-z]:)/.test(folder)) return true;
  let depth = 0;
  for (const part of folder.split(/[/\\]/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** The folder part of a corpus entry, for watching and for telling the user where we looked. */
export function corpusFolder(entry: string): string {
  const clean = entry.replace(/^\.\//, '');
  const glob = clean.search(/[*?[\]{}!]/);
  if (glob === -1) return clean.replace(/(?<!\/)\/+$/, '') || '.';
  const slash = clean.lastIndexOf('/', glob);
  return slash <= 0 ? '.' : clean.slice(0, slash);
}

function hasSourceExtension(path: string): boolean {
  const lower = path.toLowerCase();
  return SOURCE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
