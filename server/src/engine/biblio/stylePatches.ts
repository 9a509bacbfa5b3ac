/**
 * Corrections applied to the built-in styles as they are loaded (the shipped files stay as the
 * CSL project publishes them). Each one fixes a visible slip of the style file, not a rule of the
 * standard.
 */

/**
 * GB/T 7714-2015 (note): the style prints a repeated citation at another page as `同上56.` — the
 * term and the page run together. Its own "subsequent" form separates them with `: `
 * (`同1: 56.`); the ibid form gets the same separator: `同上: 56.`.
 */
function gbNoteIbidWithLocator(xml: string): string {
  return xml.replace(
    /(<if position="ibid-with-locator">\s*)<text term="ibid"\/>\s*<label variable="locator" form="short"\/>\s*<text variable="locator"\/>/,
    '$1<group delimiter=": "><text term="ibid"/><group><label variable="locator" form="short"/><text variable="locator"/></group></group>',
  );
}

export function patchStyle(id: string, xml: string): string {
  if (id === 'china-national-standard-gb-t-7714-2015-note') return gbNoteIbidWithLocator(xml);
  return xml;
}
