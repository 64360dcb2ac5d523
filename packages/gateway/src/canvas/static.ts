import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export const RELOAD_PATH = '/__clawport/livereload';

/** Injected before </body>: reconnects after a gateway restart, reloads on each change. */
export const RELOAD_SNIPPET = `<script>(()=>{const u=(location.protocol==='https:'?'wss://':'ws://')+location.host+'${RELOAD_PATH}';
let t=500;const c=()=>{const w=new WebSocket(u);w.onmessage=(m)=>{try{if(JSON.parse(m.data).type==='reload')location.reload()}catch{}};
w.onopen=()=>{t=500};w.onclose=()=>{setTimeout(c,t);t=Math.min(t*2,5000)}};c()})();</script>`;

/** Maps a URL path into root, or undefined when it would leave root (../, encoded or not). */
export function resolveInRoot(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = normalize(join(root, decoded));
  const rootNorm = normalize(root.endsWith(sep) ? root : root + sep);
  return full === normalize(root) || full.startsWith(rootNorm) ? full : undefined;
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${text}\n`);
}

/** A dot segment (`.env`, `.git/`) is never served: hidden files are not canvas content. */
const hasDotSegment = (path: string) => path.split(/[/\\]/).some((seg) => seg.startsWith('.'));

/**
 * The real file a path names, only when it stays under the real root: a symlink that leads out of
 * the root (to /, to a token file, to another instance's state dir) is not found.
 */
async function realInRoot(realRoot: string, path: string): Promise<string | undefined> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return undefined;
  return real === realRoot || real.startsWith(realRoot + sep) ? real : undefined;
}

/** Serves real files under root; HTML gets the live-reload snippet when enabled. */
export async function serveStatic(root: string, liveReload: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  const resolved = resolveInRoot(root, req.url ?? '/');
  if (!resolved) return send(res, 400, 'bad path');
  const realRoot = await realpath(root);
  if (hasDotSegment(relative(root, resolved))) return send(res, 404, 'not found');
  let path = await realInRoot(realRoot, resolved);
  let info = path === undefined ? undefined : await stat(path).catch(() => undefined);
  if (path !== undefined && info?.isDirectory()) {
    if (!(req.url ?? '/').split('?')[0].endsWith('/')) {
      // So relative links in the directory's index.html resolve inside it. Built from the path under
      // root, never from the request: `//evil.example/x` must not become a cross-origin Location.
      const rel = relative(realRoot, path).split(sep).filter(Boolean).map(encodeURIComponent);
      res.writeHead(301, { location: `/${rel.map((s) => `${s}/`).join('')}` });
      return void res.end();
    }
    path = await realInRoot(realRoot, join(path, 'index.html'));
    info = path === undefined ? undefined : await stat(path).catch(() => undefined);
  }
  if (path === undefined || !info?.isFile()) return send(res, 404, 'not found');
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (liveReload && type.startsWith('text/html')) {
    const html = await readFile(path, 'utf8');
    const body = html.includes('</body>') ? html.replace(/<\/body>(?![\s\S]*<\/body>)/, `${RELOAD_SNIPPET}</body>`) : html + RELOAD_SNIPPET;
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
    return void res.end(req.method === 'HEAD' ? undefined : body);
  }
  res.writeHead(200, { ...headers, 'content-length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path).on('error', () => res.destroy()).pipe(res);
}
