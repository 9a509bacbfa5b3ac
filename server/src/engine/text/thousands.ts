/**
 * An integer with a comma between thousands, as `toLocaleString('en-US')` writes it, without
 * ICU: the first `toLocaleString` of a process loads ICU's number formatting (15–30 ms, far more
 * on a loaded machine), which would fall on a writer's first hover.
 *
 * Example: thousands(1234567) is "1,234,567"; thousands(-980) is "-980".
 */
export function thousands(n: number): string {
  const digits = String(Math.trunc(Math.abs(n)));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    out = (end - 3 > 0 ? ',' : '') + digits.slice(Math.max(0, end - 3), end) + out;
  }
  return (n < 0 && digits !== '0' ? '-' : '') + out;
}
