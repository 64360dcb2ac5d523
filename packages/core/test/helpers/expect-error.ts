import assert from 'node:assert/strict';
import type { ClawportError } from '../../src/errors.js';

type ErrorClass = abstract new (...args: never[]) => ClawportError;

/**
 * Asserts that fn throws an instance of `type` whose one user-facing line (message + suggestion) is
 * exactly `line`. Messages are part of the product, so tests pin them verbatim.
 */
export function throwsLine(fn: () => unknown, type: ErrorClass, line: string): ClawportError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  return assertCaughtLine(caught, type, line);
}

/** Same as throwsLine for async functions. */
export async function rejectsLine(fn: () => Promise<unknown>, type: ErrorClass, line: string): Promise<ClawportError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  return assertCaughtLine(caught, type, line);
}

/** The checks both share: something was thrown, of `type`, and its toLine() is exactly `line`. */
function assertCaughtLine(caught: unknown, type: ErrorClass, line: string): ClawportError {
  assert.ok(caught !== undefined, `expected ${type.name} "${line}", nothing was thrown`);
  assert.ok(caught instanceof type, `expected ${type.name}, got ${describeError(caught)}`);
  assert.equal(caught.toLine(), line);
  return caught;
}

function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : JSON.stringify(e);
}
