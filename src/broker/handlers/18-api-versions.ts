// ApiVersions (key 18), versions 0-4.
//
// Behaviour:
// - Lists every API in the handler registry with its version range, ascending
//   by key, so what we advertise is exactly what we implement.
// - v3+ carry the client's software name and version; Kafka rejects values
//   outside its pattern with INVALID_REQUEST and an empty list (librdkafka then
//   retries with v0).
// - A version above 4 never reaches this handler: the router answers it with
//   the KIP-511 v0 fallback body.
// - No feature flags (tagged fields 0-3) are sent, so clients stay on the
//   classic protocols.
//
// Version notes: v1 adds throttle_time_ms; v3 is the first flexible version
// (the response header stays v0 for every version); v4 is identical to v3.
import type { Decoded, ApiVersionsRequest, ApiVersionsResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_SOFTWARE_INFO = 3;
const SOFTWARE_NAME_OR_VERSION = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

function hasValidSoftwareInfo(request: Decoded<ApiVersionsRequest>): boolean {
  return SOFTWARE_NAME_OR_VERSION.test(request.clientSoftwareName) && SOFTWARE_NAME_OR_VERSION.test(request.clientSoftwareVersion);
}

export const apiVersionsHandler: ApiHandler<Decoded<ApiVersionsRequest>, ApiVersionsResponse, BrokerCore> = {
  apiKey: 18,
  name: 'ApiVersions',
  minVersion: 0,
  maxVersion: 4,
  handle(request: Decoded<ApiVersionsRequest>, ctx: RequestContext<BrokerCore>): ApiVersionsResponse {
    if (ctx.apiVersion >= FIRST_VERSION_WITH_SOFTWARE_INFO && !hasValidSoftwareInfo(request)) {
      ctx.core.logger.debug('ApiVersions with invalid client software name or version', {
        name: request.clientSoftwareName,
        version: request.clientSoftwareVersion,
      });
      return { errorCode: ErrorCode.INVALID_REQUEST, apiKeys: [], throttleTimeMs: 0 };
    }
    return {
      errorCode: ErrorCode.NONE,
      apiKeys: ctx.core.supportedApis.map(({ apiKey, minVersion, maxVersion }) => ({ apiKey, minVersion, maxVersion })),
      throttleTimeMs: 0,
    };
  },
};
