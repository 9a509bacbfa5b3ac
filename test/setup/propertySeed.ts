/**
 * fast-check's seed: random on a developer's machine, so every run explores new inputs (a failure
 * prints its `seed` and `path` to replay it), and fixed under `CI`, so a run that must land is
 * reproducible and a new counterexample cannot turn it red by chance. `FC_SEED=<n>` fixes it
 * anywhere, e.g. to replay a failure: `FC_SEED=-774394614 npx vitest run test/unit/lineAnswers.test.ts`.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261207' : undefined);
if (seed !== undefined && Number.isSafeInteger(Number(seed)))
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: Number(seed) });
