import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { GatewayClient, type GatewayCallError } from '../../src/client/index.js';
import { gatewayOptions, gatewaysInTempHome, setupProfile, started } from '../helpers.js';

const MAIN = 24000;
const RESCUE = MAIN + 300;

describe('every gateway method refuses params it does not take (issue 12)', () => {
  const env = gatewaysInTempHome();

  it('config.patch {name} (not its param) is refused, not applied to the own instance; every method refuses an unknown key', async () => {
    const main = await setupProfile(env.home, 'main', { gateway: { port: MAIN } });
    const rescue = await setupProfile(env.home, 'rescue', { gateway: { port: RESCUE }, watch: { targets: ['main'] } });
    await started(env.running, gatewayOptions(main));
    await started(env.running, gatewayOptions(rescue));
    const before = { main: await readFile(main.instance.configPath, 'utf8'), rescue: await readFile(rescue.instance.configPath, 'utf8') };
    const rc = await GatewayClient.connect({ url: `ws://127.0.0.1:${RESCUE}/`, token: rescue.token });

    const refusal = async (method: string, params: unknown) =>
      (await rc.call(method, params).then(
        () => assert.fail(`${method} accepted ${JSON.stringify(params)}`),
        (e: unknown) => e,
      )) as GatewayCallError;
    const e = await refusal('config.patch', { name: 'main', patch: { logging: { level: 'debug' } } });
    assert.equal(e.code, 'INVALID_PARAMS');
    assert.equal(e.message, 'config.patch: unknown param "name" (it takes patch, instance); nothing was done');
    assert.deepEqual({ main: await readFile(main.instance.configPath, 'utf8'), rescue: await readFile(rescue.instance.configPath, 'utf8') }, before);

    // every method the gateway announces (built-ins and the plugin's), with one key none of them takes
    for (const method of rc.hello.features.methods) {
      const err = await refusal(method, { nosuchparam: 1 });
      assert.equal(err.code, 'INVALID_PARAMS', `${method}: ${err.message}`);
      assert.match(err.message, new RegExp(`^${method.replace(/\./g, '\\.')}: unknown param "nosuchparam" \\((it takes .+|it takes no params)\\); nothing was done$`));
    }
    assert.deepEqual({ main: await readFile(main.instance.configPath, 'utf8'), rescue: await readFile(rescue.instance.configPath, 'utf8') }, before);
    // declared params still work
    assert.equal((await rc.call<{ instance: string }>('config.get', { instance: 'main' })).instance, 'main');
    await rc.close();
  });
});
