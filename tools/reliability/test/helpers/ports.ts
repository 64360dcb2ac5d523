/**
 * Fixed ports of this suite, from the 62000–63999 block reserved for it (outside the Linux ephemeral
 * range 32768–60999, so no outgoing connection can take one). One block per test file; each footprint
 * spans base..base+110, so a block of 250 holds one or two instances. tools/bench uses 63500 and up.
 */
export const PORTS = {
  wsFuzz: 62000,
  killMidPatch: 62250,
  concurrent: 62500,
  sigterm: 62750,
  portRace: 63000,
  loopbackMain: 63250,
  loopbackRescue: 63362,
  secrets: 62000, // after wsFuzz's file is done; files run one after another
  authGuards: 62250,
  configFuzz: 62100, // written into configs only, never bound
  readmeTourMain: 63750, // docs/readme-tour; bench is not run with the tests
  protocolReference: 63500, // docs/protocol-reference
  readmeTourManual: 63900,
} as const;
