/**
 * Reads one header from a RawRequest's lower-cased header map.
 *
 * Why a helper: callers write the header as documented (`X-Telegram-Bot-Api-Secret-Token`) and cannot
 * forget that the receiver lower-cases names; an empty value counts as missing.
 */
export function readHeader(headers: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}
