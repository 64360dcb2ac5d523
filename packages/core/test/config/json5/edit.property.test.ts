import assert from 'node:assert/strict';
import fc from 'fast-check';
import JSON5 from 'json5';
import { UsageError } from '../../../src/errors.js';
import { getKey, setKey } from '../../../src/config/key-path.js';
import { jsonEqual, rewriteJson5, setJson5, unsetJson5 } from '../../../src/config/json5/index.js';
import { findMember, parseDoc } from '../../../src/config/json5/tree.js';
import { SAMPLES } from './samples.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Every key path of a value (objects only), so edits land on real keys as often as on new ones. */
function keyPaths(v: unknown, prefix: string[] = []): string[][] {
  if (!isObj(v)) return [];
  return Object.entries(v).flatMap(([k, child]) => [[...prefix, k], ...keyPaths(child, [...prefix, k])]);
}

/** Existing paths, new keys below existing objects, and new top-level keys. */
function pathArb(root: Obj): fc.Arbitrary<string[]> {
  const existing = keyPaths(root);
  const fresh = [['newTop'], ['newTop', 'deep'], ['quoted key'], ...existing.filter((p) => isObj(getKey(root, p.join('.')))).map((p) => [...p, 'added'])];
  return fc.constantFrom(...existing, ...fresh);
}

/** True when `small` can be made from `big` by deleting characters only. */
function isSubsequence(small: string, big: string): boolean {
  let i = 0;
  for (let j = 0; j < big.length && i < small.length; j++) if (big[j] === small[i]) i++;
  return i === small.length;
}

function valueSpan(text: string, path: string[]): { start: number; end: number } | undefined {
  let node = parseDoc(text).root;
  for (const key of path) {
    if (node.kind !== 'object') return undefined;
    const m = findMember(node, key);
    if (m === undefined) return undefined;
    node = m.value;
  }
  return node;
}

const unset = (root: Obj, path: string[]): Obj => {
  const copy = structuredClone(root);
  let cur: unknown = copy;
  for (const k of path.slice(0, -1)) cur = isObj(cur) ? cur[k] : undefined;
  if (isObj(cur)) delete cur[path[path.length - 1]];
  return copy;
};

// fc.jsonValue() without -0 (JSON has no -0; JSON5.parse('-0') is -0 but JSON.stringify writes 0).
const valueArb = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

describe('config/json5 editor (property)', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    const before = JSON5.parse<Obj>(text);
    const strictJson = (() => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    })();

    it(`${name}: set parses to the expected object and keeps every byte outside the edited span`, () => {
      fc.assert(
        fc.property(pathArb(before), valueArb, (path, value) => {
          let expected: Obj;
          try {
            expected = setKey(before, path.join('.'), value);
          } catch (e) {
            assert.ok(e instanceof UsageError);
            assert.throws(() => setJson5(text, path, value), UsageError);
            return;
          }
          const out = setJson5(text, path, value);
          assert.ok(jsonEqual(JSON5.parse(out), expected), out);
          if (strictJson) JSON.parse(out); // a JSON file stays JSON
          const span = valueSpan(text, path);
          if (span === undefined) {
            assert.ok(isSubsequence(text, out), `an insertion only adds text:\n${out}`);
          } else {
            // The span really is the old value, and the new text is the old one with just that span replaced.
            assert.ok(jsonEqual(JSON5.parse(text.slice(span.start, span.end)), getKey(before, path.join('.'))));
            assert.equal(out.slice(0, span.start), text.slice(0, span.start));
            const tail = text.slice(span.end);
            assert.equal(out.slice(out.length - tail.length), tail);
            assert.ok(jsonEqual(JSON5.parse(out.slice(span.start, out.length - tail.length)), value));
          }
        }),
        { numRuns: 300 },
      );
    });

    it(`${name}: unset removes only that key (deletions only) and parses to the expected object`, () => {
      fc.assert(
        fc.property(pathArb(before), (path) => {
          const out = unsetJson5(text, path);
          assert.ok(jsonEqual(JSON5.parse(out), unset(before, path)), out);
          assert.ok(isSubsequence(out, text), `an unset only deletes text:\n${out}`);
          if (strictJson) JSON.parse(out);
        }),
        { numRuns: 200 },
      );
    });

    it(`${name}: rewriteJson5 applies any sequence of sets and unsets`, () => {
      const op = fc.tuple(pathArb(before), fc.option(valueArb, { nil: undefined }));
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), (ops) => {
          let after = before;
          for (const [path, value] of ops) {
            try {
              after = value === undefined ? unset(after, path) : setKey(after, path.join('.'), value);
            } catch {
              // a key below a scalar: setKey refuses it, so the config edit would too
            }
          }
          const out = rewriteJson5(text, before, after);
          assert.ok(out !== undefined, 'rewrite failed');
          assert.ok(jsonEqual(JSON5.parse(out), after), out);
          if (strictJson) JSON.parse(out);
        }),
        { numRuns: 200 },
      );
    });
  }
});
