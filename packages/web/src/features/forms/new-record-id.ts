/** An id for a record made in the browser (`need-m4x2k9-a1b2c3`): readable, unique enough, no spaces. */
export function newRecordId(prefix: string, now = Date.now(), random = Math.random): string {
  const tail = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${prefix}-${now.toString(36)}-${tail}`;
}
