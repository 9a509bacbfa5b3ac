/**
 * Names for imported documents: the next free three-digit id and a slug of the title, so an
 * import of `paper.pdf` into a corpus holding 000–004 writes `corpus/005-<slug>.md`.
 */
import { idFromFileName } from '../corpus/parseSource.js';

/** The ids taken by the files of a corpus folder (`002-us-taliban.md` → `002`). */
export function takenIds(fileNames: readonly string[]): Set<string> {
  return new Set(fileNames.filter((n) => /\.(?:md|markdown|txt)$/i.test(n)).map(idFromFileName));
}

/** One past the highest three-digit id (`000`–`999`), else the first free one; `001` when none. */
export function nextFreeId(taken: ReadonlySet<string>): string | undefined {
  const numbers = [...taken].filter((id) => /^\d{3}$/.test(id)).map(Number);
  const pad = (n: number) => String(n).padStart(3, '0');
  const next = numbers.length ? Math.max(...numbers) + 1 : 1;
  if (next <= 999) return pad(next);
  for (let n = 0; n <= 999; n++) if (!taken.has(pad(n))) return pad(n);
  return undefined;
}

/**
 * A file-name slug: letters and digits of any script, lower-cased, everything else a single `-`,
 * at most 40 characters. `America’s Quasi Alliances` → `america-s-quasi-alliances`;
 * `美塔协议签署后的美阿塔三方内部博弈` stays as it is.
 */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-');
  return trimDashes([...trimDashes(slug)].slice(0, 40).join(''));
}

function trimDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

/** `005-<slug of the title, else of the input's name>.md`. */
export function documentFileName(id: string, title: string | undefined, inputName: string): string {
  const stem = inputName.replace(/\.[^.]*$/, '').replace(/^\d+[-_ ]?/, '');
  const slug = (title && slugOf(title)) || slugOf(stem) || 'source';
  return `${id}-${slug}.md`;
}

/**
 * Whether `id` can be a document id that `import` writes: letters, digits and `_`, then also
 * `-`, `.` and `:` (`lan2022`, `smith2020a`, `Smith:2020`), and not a paragraph number (`p5`).
 * Citations end an id at `#`, `@` and `|`, and a file name cannot hold `/`.
 */
export function isDocumentId(id: string): boolean {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u.test(id) && !/^p\d+$/.test(id);
}

/** The file name of a document whose id is a citation key: `lan2022.md`; `:` becomes `_` (`Smith_2020.md`). */
export function keyFileName(key: string): string {
  return `${key.replace(/:/g, '_')}.md`;
}
