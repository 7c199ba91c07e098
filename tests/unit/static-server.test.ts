import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { negotiate, serveStatic } from '../../scripts/static-server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

/** A raw request: no client-side decompression, so the test sees exactly what went over the wire. */
const get = (port: number, urlPath: string, headers: Record<string, string> = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });

const decode = (a: Answer): Buffer =>
  a.headers['content-encoding'] === 'br'
    ? brotliDecompressSync(a.bytes)
    : a.headers['content-encoding'] === 'gzip'
      ? gunzipSync(a.bytes)
      : a.bytes;

/** The static server `npm start`, the browser tests and `npm run lighthouse` serve the H5 build with. */
describe('the H5 static server', () => {
  let root: string;
  let server: Server;
  let port: number;
  // Big and repetitive enough to be worth compressing, as the real bundles are.
  const script = Buffer.from(`/* app */\n${'export function render(wish){return wish.description+"\\u5fc3\\u613f";}\n'.repeat(400)}`);
  const html = Buffer.from(
    `<!doctype html><html lang="zh-CN"><head><title>邻里</title><script defer src="/js/app.3f9c2a1b.js"></script></head><body><div id="app"></div>${' '.repeat(600)}</body></html>`,
  );
  const png = Buffer.alloc(4096, 7);

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'linli-static-'));
    mkdirSync(path.join(root, 'js'));
    writeFileSync(path.join(root, 'index.html'), html);
    writeFileSync(path.join(root, 'js', 'app.3f9c2a1b.js'), script);
    writeFileSync(path.join(root, 'js', 'plain.js'), script);
    writeFileSync(path.join(root, 'logo.png'), png);
    server = await serveStatic(root, 0);
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    rmSync(root, { recursive: true, force: true });
  });

  test.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['*', 'br'],
  ])('answers accept-encoding "%s" with %s, and the bytes decompress to the file', async (accept, expected) => {
    const answer = await get(port, '/js/app.3f9c2a1b.js', { 'accept-encoding': accept });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(expected);
    expect(answer.headers.vary).toBe('accept-encoding');
    expect(answer.bytes.length).toBeLessThan(script.length / 4);
    expect(Number(answer.headers['content-length'])).toBe(answer.bytes.length);
    expect(decode(answer).equals(script)).toBe(true);
  });

  test('sends the file as it is to a client that asks for no compression, still varying on accept-encoding', async () => {
    for (const headers of [{} as Record<string, string>, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }]) {
      const answer = await get(port, '/js/app.3f9c2a1b.js', headers);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.headers.vary).toBe('accept-encoding');
      expect(answer.bytes.equals(script)).toBe(true);
    }
  });

  test('caches content-hashed assets for a year, and makes the browser revalidate index.html and unhashed files', async () => {
    expect((await get(port, '/js/app.3f9c2a1b.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(port, '/js/plain.js')).headers['cache-control']).toBe('no-cache');
    const index = await get(port, '/', { 'accept-encoding': 'gzip, br' });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(decode(index).equals(html)).toBe(true);
    // Revalidation costs no body when nothing changed.
    const again = await get(port, '/', { 'accept-encoding': 'gzip, br', 'if-none-match': String(index.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  test('serves index.html for app routes, 404 for a missing asset, and nothing outside the build', async () => {
    expect(decode(await get(port, '/pages/home/index')).equals(html)).toBe(true);
    const missing = await get(port, '/js/app.00000000.js');
    expect(missing.status).toBe(404);
    expect((await get(port, '/../../etc/passwd')).bytes.toString()).not.toContain('root:');
  });

  test('does not compress what is compressed already (images)', async () => {
    const answer = await get(port, '/logo.png', { 'accept-encoding': 'gzip, br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.bytes.equals(png)).toBe(true);
  });

  test('negotiates as browsers and curl ask', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate(undefined)).toBe('identity');
    expect(negotiate('deflate')).toBe('identity');
    expect(negotiate('*;q=0')).toBe('identity');
  });
});
