import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DomainError } from '#core/domain-error.ts';

/**
 * Parses XML text into plain objects: attributes as `@name`, text of an element with attributes as
 * `#text`, every value a string (identifiers keep their leading zeros). A truncated or broken document
 * is refused with the line the parser stopped at.
 */
export function parseXml(text: string, fileName: string, arrays: readonly string[] = []): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new DomainError(
      'unsupported_format',
      `${fileName}: not well-formed XML at line ${valid.err.line} (${valid.err.msg}); the file may be truncated ／ XMLとして読めません（${valid.err.line}行目、途中で切れている可能性があります）`,
      { file: fileName, line: valid.err.line },
    );
  }
  const arraySet = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arraySet.has(name),
  });
  return parser.parse(text);
}
