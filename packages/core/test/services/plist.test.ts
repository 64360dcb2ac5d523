import assert from 'node:assert/strict';
import { ServiceError } from '../../src/errors.js';
import { renderLaunchdPlist } from '../../src/services/launchd.js';
import { parsePlist, renderPlist } from '../../src/services/plist.js';
import { serviceSpec } from '../../src/services/spec.js';
import { COMMAND, instanceFor, PROFILES } from './fixtures.js';

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n';

describe('services/plist strict XML plist reader', () => {
  for (const { label, profile, port } of PROFILES) {
    it(`${label}: the launchd agent parses as an XML plist with the keys launchd needs`, () => {
      const spec = serviceSpec(instanceFor(profile, port), COMMAND);
      const root = parsePlist(renderLaunchdPlist(spec)) as Record<string, unknown>;
      assert.equal(root.Label, spec.names.launchd);
      assert.deepEqual((root.ProgramArguments as string[]).slice(4), spec.argv);
      assert.deepEqual(root.EnvironmentVariables, spec.env);
      assert.deepEqual(root.KeepAlive, { SuccessfulExit: false });
      assert.equal(root.RunAtLoad, true);
      assert.equal(root.StandardOutPath, `${spec.stateDir}/logs/gateway.service.log`);
    });
  }

  it('round-trips markup characters, quotes and unicode', () => {
    const value = { a: '<tag> & "q" \'s\' ü', n: -12, list: ['x', true, false, []], d: {} };
    assert.deepEqual(parsePlist(renderPlist(value)), value);
  });

  it('decodes numeric character references', () => {
    assert.deepEqual(parsePlist(`${HEAD}<plist version="1.0">\n<string>&#65;&#x42;</string>\n</plist>\n`), 'AB');
  });

  const bad: Array<[string, string]> = [
    ['no XML declaration', '<plist version="1.0"><dict/></plist>'],
    ['no DOCTYPE', '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>'],
    ['unclosed dict', `${HEAD}<plist version="1.0"><dict><key>a</key><string>b</string></plist>`],
    ['value without key', `${HEAD}<plist version="1.0"><dict><string>b</string></dict></plist>`],
    ['key without value', `${HEAD}<plist version="1.0"><dict><key>a</key></dict></plist>`],
    ['duplicate key', `${HEAD}<plist version="1.0"><dict><key>a</key><true/><key>a</key><false/></dict></plist>`],
    ['unknown element', `${HEAD}<plist version="1.0"><dict><key>a</key><foo>1</foo></dict></plist>`],
    ['bad integer', `${HEAD}<plist version="1.0"><integer>1.5x</integer></plist>`],
    ['bare ampersand', `${HEAD}<plist version="1.0"><string>a & b</string></plist>`],
    ['markup in a string', `${HEAD}<plist version="1.0"><string>a <b>x</b></string></plist>`],
    ['text after the end', `${HEAD}<plist version="1.0"><true/></plist>junk`],
    ['unknown entity', `${HEAD}<plist version="1.0"><string>&nbsp;</string></plist>`],
  ];
  for (const [what, text] of bad) {
    it(`refuses a plist with ${what}`, () => {
      assert.throws(() => parsePlist(text), (e: unknown) => e instanceof ServiceError && /not a valid XML plist at offset \d+/.test(e.message));
    });
  }
});
