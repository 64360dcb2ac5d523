import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const SEED_INDEX = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Canvas</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px system-ui,sans-serif;margin:3rem;color:#222}code{background:#f2f2f2;padding:0 .3em}</style>
</head>
<body>
<h1>Canvas</h1>
<p>This page is served by the gateway's canvas host. Edit <code>index.html</code> in the canvas root and this
page reloads by itself.</p>
</body>
</html>
`;

/**
 * Creates the canvas root and, when it is empty, an index.html. A directory the user already filled
 * is left exactly as it is (no page is ever overwritten or added next to theirs).
 */
export async function seedCanvasRoot(root: string): Promise<void> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  if ((await readdir(root)).length > 0) return;
  await writeFile(join(root, 'index.html'), SEED_INDEX, { flag: 'wx', mode: 0o644 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
}
