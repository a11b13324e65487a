import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash.ts';
import { equalSecrets, hashSecret, randomSecret } from './secrets.ts';

const cheap = { log2N: 10, r: 8, p: 1 };

describe('hashPassword', () => {
  it('hashes with scrypt, salted, and verifies', async () => {
    const hash = await hashPassword('正しい馬のバッテリー', cheap);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(await hashPassword('正しい馬のバッテリー', cheap)).not.toBe(hash);
    expect(await verifyPassword('正しい馬のバッテリー', hash)).toBe(true);
    expect(await verifyPassword('正しい馬のバッテリ', hash)).toBe(false);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const hash of ['', 'plain', 'scrypt$99$8$1$a$b', 'scrypt$10$8$1$salt$short'])
      expect(await verifyPassword('x', hash)).toBe(false);
  });

  it('uses the default cost (2^15) when none is given', async () => {
    expect(await hashPassword('long enough pw')).toMatch(/^scrypt\$15\$8\$1\$/);
  });
});

describe('secrets', () => {
  it('makes random URL-safe secrets and compares hashes in constant time', () => {
    const secret = randomSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomSecret()).not.toBe(secret);
    expect(hashSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(equalSecrets('abc', 'abc')).toBe(true);
    expect(equalSecrets('abc', 'abd')).toBe(false);
    expect(equalSecrets('abc', 'abcd')).toBe(false);
  });
});
