import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex } from '../../shared/domain/sha256';

/**
 * The ballot's hand-written SHA-256 (the mini-program has no crypto to call) against node:crypto. Its interface
 * is a JavaScript string, hashed as UTF-8, answered as lower-case hex: the same as
 * `createHash('sha256').update(text).digest('hex')`, which is what sha256sum over the published list gives.
 */
const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const utf8Length = (text: string) => Buffer.byteLength(text, 'utf8');

describe('sha256Hex is SHA-256 of the UTF-8 bytes, as node:crypto computes it', () => {
  it('the FIPS 180-4 examples and the empty string', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('古城社区')).toBe(reference('古城社区'));
  });

  it('any unicode string (every plane, astral characters included)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });

  it('Chinese text, mixed with ASCII and emoji', () => {
    const han = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCodePoint(c));
    const mixed = fc.oneof(
      han,
      han,
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
      fc.constantFrom('，', '。', '😀', '\n'),
    );
    fc.assert(
      fc.property(fc.string({ unit: mixed, maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 500 },
    );
  });

  it('every UTF-8 length from 0 to 200 bytes, across the 55/56/64-byte padding boundaries, in 1-, 2-, 3- and 4-byte characters', () => {
    // One message of each byte length: the padding takes one block up to 55 bytes, two from 56, and the
    // length field moves at every multiple of 64. The filler character sets how the bytes split into characters.
    for (const filler of ['a', 'é', '邻', '𠀀']) {
      for (let bytes = 0; bytes <= 200; bytes++) {
        const width = utf8Length(filler);
        const text = filler.repeat(Math.floor(bytes / width)) + 'x'.repeat(bytes % width);
        expect(utf8Length(text)).toBe(bytes);
        expect([bytes, sha256Hex(text)]).toEqual([bytes, reference(text)]);
      }
    }
  });

  it('random strings whose UTF-8 length lands near a block boundary', () => {
    const nearBoundary = fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -4, max: 4 }), fc.constantFrom(0, 55, 56, 64));
    fc.assert(
      fc.property(nearBoundary, fc.string({ unit: 'binary', maxLength: 40 }), ([blocks, delta, edge], prefix) => {
        const target = Math.max(0, blocks * 64 + edge + delta);
        const head = utf8Length(prefix) <= target ? prefix : '';
        const text = head + 'z'.repeat(target - utf8Length(head));
        expect(utf8Length(text)).toBe(target);
        expect(sha256Hex(text)).toBe(reference(text));
      }),
      { numRuns: 300 },
    );
  });

  it('long inputs: more than a megabyte of mixed text', () => {
    const unit = '邻里 linli 😀 微心愿\n';
    const text = unit.repeat(Math.ceil((1024 * 1024 + 1) / utf8Length(unit)));
    expect(utf8Length(text)).toBeGreaterThan(1024 * 1024);
    expect(sha256Hex(text)).toBe(reference(text));
    const random = fc.sample(fc.string({ unit: 'binary', minLength: 450_000, maxLength: 450_000 }), { numRuns: 1, seed: 42 })[0];
    expect(utf8Length(random)).toBeGreaterThan(1024 * 1024);
    expect(sha256Hex(random)).toBe(reference(random));
  });
});
