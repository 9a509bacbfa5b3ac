/**
 * Runs once before the real-editor suites: checks that `setup.sh` ran (failing loudly if not),
 * then builds `dist/` and the `.vsix`, which both suites use.
 */
import { packageExtension } from './packageExtension';
import { readSetup } from './paths';

export default function globalSetup(): void {
  readSetup();
  packageExtension();
}
