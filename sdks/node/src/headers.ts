/** Request headers as Sentinel accepts them (at most 64 string values), secrets replaced by `[masked]`. */
export function maskHeaders(headers: Record<string, string | string[] | undefined>, masked: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  let count = 0;
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value === undefined) continue;
    if (count++ >= 64) break;
    const lower = name.toLowerCase();
    result[lower] = masked.includes(lower) ? '[masked]' : (Array.isArray(value) ? value.join(', ') : String(value)).slice(0, 1024);
  }
  return result;
}
