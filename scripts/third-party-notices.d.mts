/** Types for scripts/third-party-notices.mjs, so tests can import it. */
export const ALLOWED_LICENSES: Set<string>;
export function licenseOf(pkg: unknown): string | undefined;
export function licenseProblem(expression: string | undefined): string | undefined;
export function bundledPackages(inputs: readonly string[], repoRoot: string): string[];
export function renderNotices(packageDirs: readonly string[]): {
  text: string;
  problems: string[];
  packages: string[];
};
