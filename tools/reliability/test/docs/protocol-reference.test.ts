import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { makeHome, type LiveProcess } from '../helpers/cli.js';
import { setupProfile, startGatewayCli } from '../helpers/instance.js';
import { PORTS } from '../helpers/ports.js';
import { RawPeer } from '../helpers/raw-ws.js';

// docs/reference/protocol.md lists the methods a real gateway advertises: no more, no fewer.
const page = readFileSync(fileURLToPath(new URL('../../../../docs/reference/protocol.md', import.meta.url)), 'utf8');
const methodsSection = page.slice(page.indexOf('## Methods'), page.indexOf('## Events'));
const documented = [...methodsSection.matchAll(/^\| `([A-Za-z][\w.-]*)` \|/gm)].map((m) => m[1]).sort();

describe('docs/reference/protocol.md against a real gateway', function () {
  this.timeout(120_000);
  let home = '';
  let gateway: LiveProcess | undefined;
  after(async () => {
    await gateway?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('documents exactly the methods hello-ok advertises', async () => {
    home = await makeHome();
    const token = await setupProfile(home, 'ref', PORTS.protocolReference);
    gateway = await startGatewayCli(home, 'ref', PORTS.protocolReference);
    const peer = await RawPeer.open(PORTS.protocolReference);
    try {
      const hello = (await peer.handshake(token)) as { payload?: { features?: { methods?: string[] } } } | undefined;
      const advertised = [...(hello?.payload?.features?.methods ?? [])].sort();
      assert.ok(advertised.length > 0, `no methods in hello-ok: ${JSON.stringify(hello)}`);
      assert.deepEqual(documented, advertised);
    } finally {
      await peer.end();
    }
  });
});
