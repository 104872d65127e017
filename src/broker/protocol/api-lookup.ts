// Lookups over the generated API table, including which header versions a
// request and its response use. Kept by hand (not generated) because these
// are rules, not schema data.
import { ApiKey, apis, type ApiInfo } from './generated/api-table.js';
import { UnknownApiKeyError } from './errors.js';
import type { MessageDescriptor } from './descriptor.js';

export type { ApiInfo };

const apisByKey: ReadonlyMap<number, ApiInfo> = new Map(apis.map((api) => [api.apiKey, api]));

/** API key -> Kafka's API name, e.g. 0 -> "Produce". */
export const apiNames: ReadonlyMap<number, string> = new Map(apis.map((api) => [api.apiKey, api.name]));

export function apiInfo(apiKey: number): ApiInfo | undefined {
  return apisByKey.get(apiKey);
}

function requireApi(apiKey: number): ApiInfo {
  const api = apisByKey.get(apiKey);
  if (!api) throw new UnknownApiKeyError(apiKey);
  return api;
}

/** Throws UnknownApiKeyError for keys not in the schemas. */
export function requestDescriptor(apiKey: number): MessageDescriptor {
  return requireApi(apiKey).request;
}

/** Throws UnknownApiKeyError for keys not in the schemas. */
export function responseDescriptor(apiKey: number): MessageDescriptor {
  return requireApi(apiKey).response;
}

/** Whether this version uses compact encodings and tagged fields; also answers for versions above the schema max. */
export function isFlexibleVersion(apiKey: number, apiVersion: number): boolean {
  const first = requireApi(apiKey).firstFlexibleVersion;
  return first !== null && apiVersion >= first;
}

/** Valid above the schema maximum too, so a newer ApiVersions request can still be read. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ControlledShutdown && apiVersion === 0) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 2 : 1;
}

/** ApiVersions answers with header v0 at every version, so a client can read it before it knows what we speak. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === ApiKey.ApiVersions) return 0;
  return isFlexibleVersion(apiKey, apiVersion) ? 1 : 0;
}
