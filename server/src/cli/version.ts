/** The package's version, set by the build (esbuild.mjs's `define`); `dev` when run unbundled. */
declare const SOURCE_ANCHORS_VERSION: string | undefined;

export const VERSION = typeof SOURCE_ANCHORS_VERSION === 'string' ? SOURCE_ANCHORS_VERSION : 'dev';
