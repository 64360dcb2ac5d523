#!/usr/bin/env node
// Writes oclif.manifest.json from the compiled commands (part of `npm run build`), so a start does not
// import every command file to list them. Never committed (.gitignore); src/manifest.ts drops it when
// dist/commands is newer, so a plain `tsc -b` can never hide a new command behind a stale manifest.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = fileURLToPath(new URL('..', import.meta.url));
const plugin = new Plugin({ root, isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
await plugin.load();
await writeFile(new URL('../oclif.manifest.json', import.meta.url), `${JSON.stringify(plugin.manifest, null, 2)}\n`);
console.log(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
