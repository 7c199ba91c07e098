import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};
/** Text compresses; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.txt', '.svg']);
/** Below this, the headers of a compressed answer cost more than they save. */
const MIN_COMPRESS_BYTES = 512;
/** `app.3f9c2a1b.js`: the build names a file after its content, so its URL never serves other bytes. */
export const HASHED = /\.[0-9a-f]{8,}\.[a-z0-9]+$/;

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (`accept-encoding`, q-values honoured): brotli, then gzip, else none. */
export function negotiate(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const quality = (name: string) => accepted.get(name) ?? (accepted.has('*') ? accepted.get('*')! : 0);
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return 'identity';
}

interface Entry {
  mtimeMs: number;
  size: number;
  etag: string;
  bodies: Partial<Record<Encoding, Promise<Buffer>>>;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Serves the built H5 app as a real host would: gzip or brotli as the browser asks (compressed once per file
 * and kept while the file is unchanged), `vary: accept-encoding`, a year's cache for content-hashed assets and
 * revalidation (ETag) for everything else, above all index.html. Paths without a file extension get
 * index.html (the app routes by hash); a missing asset is a 404, not HTML under a script's name.
 */
export function serveStatic(root: string, port: number, host = '127.0.0.1'): Promise<Server> {
  const cache = new Map<string, Entry>();

  const entryFor = (file: string): Entry => {
    const stat = statSync(file);
    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      const raw = readFileSync(file);
      entry = {
        mtimeMs: stat.mtimeMs,
        size: stat.size,
        etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 16)}"`,
        bodies: { identity: Promise.resolve(raw) },
      };
      cache.set(file, entry);
    }
    return entry;
  };

  const body = (entry: Entry, encoding: Encoding): Promise<Buffer> => {
    const cached = entry.bodies[encoding];
    if (cached) return cached;
    const compressed = entry.bodies.identity!.then((raw) =>
      encoding === 'br'
        ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipAsync(raw, { level: 9 }),
    );
    entry.bodies[encoding] = compressed;
    return compressed;
  };

  const resolveFile = (req: IncomingMessage): string | null => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return null;
    }
    const file = path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    if (file.startsWith(root) && existsSync(file) && !statSync(file).isDirectory()) return file;
    if (path.extname(pathname)) return null;
    return path.join(root, 'index.html');
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const file = resolveFile(req);
      if (!file || !existsSync(file)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' });
        res.end(file ? 'The H5 app is not built: run npm run build:h5' : 'Not found');
        return;
      }
      const ext = path.extname(file);
      const entry = entryFor(file);
      const compressible = COMPRESSIBLE.has(ext);
      const encoding: Encoding = compressible && entry.size >= MIN_COMPRESS_BYTES ? negotiate(req.headers['accept-encoding']) : 'identity';
      const headers: Record<string, string | number> = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag: encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`,
        ...(compressible ? { vary: 'accept-encoding' } : {}),
      };
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304, headers).end();
        return;
      }
      const bytes = await body(entry, encoding);
      res.writeHead(200, {
        ...headers,
        'content-length': bytes.length,
        ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
