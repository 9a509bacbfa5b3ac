/** The part of Citation.js (`@citation-js/core` with `@citation-js/plugin-bibtex`) the library reader uses. */
declare module '@citation-js/plugin-bibtex';
