/**
 * Version of the host contract in `plugin/sdk` (semver). A host states the version it implements in
 * {@link HostContext.contractVersion}; `activate` refuses a host whose major version differs.
 */
export const HOST_CONTRACT_VERSION = '1.4.0';
