/**
 * Spreadsheet formula injection (OWASP "CSV injection"): Excel, LibreOffice and Google Sheets run a
 * cell that starts with = + - @ (or their full-width forms, which Japanese input produces), a tab or
 * a carriage return as a formula. A line feed is treated alike, because XLSX (XML) turns a stored
 * carriage return into one. Exported text cells that start so get a leading apostrophe, the
 * spreadsheets' own "this is text" mark; the import takes exactly one off again.
 *
 * To keep the round trip lossless, text that already starts with apostrophes followed by such a
 * character gets one more: `'=x` is written `''=x` and read back as `'=x`. Numbers in numeric
 * columns are written as numbers and never escaped (-12.5 is a number, not a formula).
 */
const FORMULA_START = /^'*[=+\-@\t\r\n＝＋－＠]/;
const ESCAPED_FORMULA_START = /^'+[=+\-@\t\r\n＝＋－＠]/;

/** The cell text as written to a CSV or XLSX export. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The value of a cell read from a CSV or XLSX file: one escaping apostrophe taken off. */
export function unescapeFormula(text: string): string {
  return ESCAPED_FORMULA_START.test(text) ? text.slice(1) : text;
}
