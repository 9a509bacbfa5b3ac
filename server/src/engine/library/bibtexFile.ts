/**
 * The attachments a BibTeX entry's `file` field names, as reference managers write it:
 *
 *     file = {/home/a/Zotero/storage/X/paper.pdf;/home/a/snap.html}   Better BibTeX: paths joined by `;`
 *     file = {:papers/lan2022.pdf:PDF;Snapshot:lan.html:text/html}   JabRef: description:path:type
 *     file = {Full Text PDF:C\:\\Users\\a\\paper.pdf:application/pdf} JabRef on Windows
 *
 * In JabRef's form `\:` and `\;` are an escaped colon and semicolon, and `\\` a backslash. The
 * paths are returned as written (absolute, or relative to the `.bib` file), empty ones dropped.
 */
export function attachmentPaths(field: string): string[] {
  const out: string[] = [];
  for (const item of splitUnescaped(field, ';')) {
    const parts = splitUnescaped(item, ':');
    // `desc:path:type`: the middle (a Windows path may hold unescaped colons); else the path whole.
    const path = parts.length >= 3 ? parts.slice(1, -1).join(':') : parts.join(':');
    const clean = unescape(path).trim();
    if (clean) out.push(clean);
  }
  return out;
}

/** `s` split at each `sep` not preceded by a backslash; the backslashes are kept. */
function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === sep) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** JabRef's escapes undone: `\:` → `:`, `\;` → `;`, `\\` → `\`. A lone backslash (a Windows path) stays. */
function unescape(s: string): string {
  return s.replace(/\\([:;\\])/g, '$1');
}
