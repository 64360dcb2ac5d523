// The host read model: every instance on this host with what the CLI, the editor and the gateway read about it.
export { otherFootprints, readHost, refreshFacets, usableInstances, type ReadHostOptions } from './read-host.js';
export { configProblem, declaredFootprint, withLoadedPlugins } from './footprint.js';
export { doctorFacts, doctorInstances, footprintFindings, gatewayConfigFindings, pluginsNotLoadedLine } from './doctor.js';
export type { Host, HostFacet, HostInstance, InstanceOwners, PluginClaims, PortHolder } from './types.js';
