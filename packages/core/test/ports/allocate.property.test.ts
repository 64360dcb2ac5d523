import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AllocationError } from '../../src/errors.js';
import { allocateBase, type AllocateOptions, type PortRange } from '../../src/ports/allocate.js';
import { EPHEMERAL_RANGE, MAX_PORT, MIN_PORT } from '../../src/ports/port-value.js';

/** The obvious scan: try every base from the start, check every port of the shape. */
function bruteForce(o: AllocateOptions): number | undefined {
  const busy = new Set(o.busy ?? []);
  const blocked = (p: number) =>
    busy.has(p) ||
    o.taken.some((r) => p >= r.start && p <= r.end) ||
    ((o.avoidEphemeral ?? true) && p >= EPHEMERAL_RANGE.start && p <= EPHEMERAL_RANGE.end);
  const minOffset = Math.min(...o.shape.map((r) => r.start));
  const maxOffset = Math.max(...o.shape.map((r) => r.end));
  for (let base = Math.max(o.start ?? MIN_PORT, MIN_PORT - minOffset); base + maxOffset <= MAX_PORT; base++) {
    let free = true;
    for (const r of o.shape) for (let p = base + r.start; free && p <= base + r.end; p++) if (blocked(p)) free = false;
    if (free) return base;
  }
  return undefined;
}

function allocateOrUndefined(o: AllocateOptions): number | undefined {
  try {
    return allocateBase(o);
  } catch (e) {
    assert.ok(e instanceof AllocationError, String(e));
    return undefined;
  }
}

const shapeArb = fc.array(fc.record({ start: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 }).map((rs) => rs.map((r): PortRange => ({ start: r.start, end: r.start + r.length - 1 })));

/** A small port space: the top of the port range, or straddling an edge of the ephemeral range. */
const spaceArb = fc.constantFrom(MAX_PORT - 300, EPHEMERAL_RANGE.start - 150, EPHEMERAL_RANGE.end - 150, MIN_PORT);

const optionsArb = spaceArb.chain((lo) =>
  fc.record({
    shape: shapeArb,
    taken: fc.array(fc.record({ start: fc.integer({ min: lo, max: lo + 300 }), length: fc.integer({ min: 1, max: 40 }) }), { maxLength: 10 }).map((rs) => rs.map((r) => ({ start: r.start, end: Math.min(r.start + r.length - 1, MAX_PORT) }))),
    busy: fc.array(fc.integer({ min: lo, max: Math.min(lo + 300, MAX_PORT) }), { maxLength: 20 }),
    start: fc.integer({ min: lo, max: Math.min(lo + 300, MAX_PORT) }),
    avoidEphemeral: fc.boolean(),
  }),
);

describe('ports/allocate (property): allocateBase equals a brute-force scan', () => {
  it('lowest free base ≥ start, or AllocationError when the oracle finds none', () => {
    fc.assert(fc.property(optionsArb, (o) => assert.equal(allocateOrUndefined(o), bruteForce(o))), { numRuns: 400 });
  });

  it('a dense space near 65535 that is often full', () => {
    const dense = fc.record({
      shape: shapeArb,
      taken: fc.array(fc.record({ start: fc.integer({ min: MAX_PORT - 60, max: MAX_PORT }), length: fc.integer({ min: 1, max: 8 }) }), { maxLength: 12 }).map((rs) => rs.map((r) => ({ start: r.start, end: Math.min(r.start + r.length - 1, MAX_PORT) }))),
      start: fc.integer({ min: MAX_PORT - 60, max: MAX_PORT }),
    });
    fc.assert(fc.property(dense, (o) => assert.equal(allocateOrUndefined(o), bruteForce(o))), { numRuns: 400 });
  });
});
