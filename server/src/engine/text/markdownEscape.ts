/**
 * Makes untrusted text (corpus passages, titles) safe to embed in Markdown shown by an editor:
 * every ASCII punctuation character is backslash-escaped (CommonMark allows it for all of them),
 * so no link, image, HTML tag, emphasis or `command:` URI can be formed from the text.
 *
 * Example: escapeMarkdown('<img src=x> [a](command:x)') === '\\<img src\\=x\\> \\[a\\]\\(command\\:x\\)'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Escapes text for a Markdown table cell or inline code-free label: as above, on one line. */
export function escapeInline(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim());
}
