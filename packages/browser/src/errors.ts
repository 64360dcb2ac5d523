import { AllocationError, ClawportError, PortConflictError } from '@clawport/core';

/** Chromium could not be launched, attached to, or driven. */
export class BrowserError extends ClawportError {
  override readonly code: string = 'BROWSER';
}

/** A route needs a running browser profile. */
export class BrowserNotRunningError extends BrowserError {
  override readonly code: string = 'BROWSER_NOT_RUNNING';
}

/** An unknown browser profile, tab or route. */
export class NotFoundError extends ClawportError {
  override readonly code: string = 'NOT_FOUND';
}

/** Every port of the CDP band is claimed in config or bound by someone. */
export class CdpBandExhaustedError extends AllocationError {
  override readonly code: string = 'CDP_BAND_EXHAUSTED';
}

/**
 * A CDP endpoint we must not drive: inside another instance's footprint, or inside our band but not
 * launched by us. `owner` names the instance (or `unknown process`).
 */
export class ForeignCdpError extends PortConflictError {
  override readonly code: string = 'FOREIGN_CDP';
}

/** A profile that already exists, or another state clash a retry with other input fixes. */
export class ConflictError extends ClawportError {
  override readonly code: string = 'CONFLICT';
}
