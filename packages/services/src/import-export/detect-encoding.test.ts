import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding } from './detect-encoding.ts';

const text = 'id,name\n1,株式会社テスト①\n2,㈱北陸精工\n';

describe('detectEncoding', () => {
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8'), 'utf-8'],
    [
      'UTF-8 with BOM',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'utf-8',
    ],
    ['ASCII', Buffer.from('id,name\n1,abc\n'), 'utf-8'],
    ['Shift_JIS (CP932, Excel)', iconv.encode(text.repeat(5), 'cp932'), 'cp932'],
    [
      'EUC-JP',
      iconv.encode(
        'id,name\n1,北海道の工業技術センターと大学の共同研究について\n'.repeat(5),
        'euc-jp',
      ),
      'euc-jp',
    ],
  ])('%s', (_name, bytes, expected) => {
    expect(detectEncoding(bytes)).toBe(expected);
  });

  it('keeps UTF-8 when a few stray bytes are broken, so they are reported per row', () => {
    const good = Buffer.from('id,name\n' + '1,北海道大学\n'.repeat(200));
    const broken = Buffer.concat([good, Buffer.from([0x32, 0x2c, 0xff, 0xfe, 0x0a])]);
    expect(detectEncoding(broken)).toBe('utf-8');
  });

  it('tolerates a character cut off at the end of the sample', () => {
    const bytes = Buffer.from('大学大学');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toBe('utf-8');
  });
});
