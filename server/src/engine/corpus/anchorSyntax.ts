/**
 * How anchors are written in sources. One place, so the parser, rename and the grammar agree.
 *
 * - Heading: `## 背景 {#background}` (Pandoc attributes; classes and key=value pairs are allowed
 *   beside the id: `{#background .unnumbered}`).
 * - Block: a paragraph whose last line ends in ` ^korea-briefing` (Obsidian block ids).
 * - Paragraph numbers: `p1`, `p2`, … are reserved for numbered paragraphs.
 */

/** An anchor id: starts with a letter, digit or `_`; then letters, digits, `_`, `-`, `.`, `:`. */
export const ANCHOR_ID_SOURCE = String.raw`[\p{L}\p{N}_][\p{L}\p{N}_.:-]*`;

const ANCHOR_ID = new RegExp(`^${ANCHOR_ID_SOURCE}$`, 'u');

/** `{...}` at the end of a heading's text; group 1 is the inside. (Blanks before it: trim them.) */
export const HEADING_ATTRIBUTES = /\{([^{}]*)\}[ \t]*$/;

/** `#id` inside heading attributes; group 1 is the id. */
const ID_IN_ATTRIBUTES = new RegExp(`(?:^|\\s)#(${ANCHOR_ID_SOURCE})(?=\\s|$)`, 'u');

/** ` ^id` ending a paragraph's text; group 1 is the id. */
export const BLOCK_ID_SUFFIX = new RegExp(`(?:^|[ \\t])\\^(${ANCHOR_ID_SOURCE})[ \\t]*$`, 'u');

/** `p12` → 12; anything else → undefined. */
export function paragraphNumber(id: string): number | undefined {
  const m = /^p([1-9]\d*)$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

export function isValidAnchorId(id: string): boolean {
  return ANCHOR_ID.test(id);
}

/** The id in a heading attribute block's inside (`#intro .x` → `intro`). */
export function idInAttributes(inside: string): string | undefined {
  return ID_IN_ATTRIBUTES.exec(inside)?.[1];
}
