// DescribeCluster (key 60), versions 0-1.
//
// Behaviour:
// - One broker, this node, at the advertised host and port (rack null); it is
//   also the controller. cluster_id is the data directory's stable id.
// - cluster_authorized_operations: with no authorizer every operation on the
//   cluster resource is allowed, so when asked we report all of them (the
//   same set Kafka lists for CLUSTER); otherwise -2147483648, "not requested".
// - v1 endpoint_type: 1 (brokers) is answered; 2 (controllers) gets
//   MISMATCHED_ENDPOINT_TYPE, since clients reach us as a broker; anything
//   else UNSUPPORTED_ENDPOINT_TYPE.
//
// Version notes: v0 is the first version and already flexible; v1 adds
// endpoint_type to the request and the response.
import { ErrorCode } from '../protocol/error-codes.js';
import type { DescribeClusterRequest, DescribeClusterResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const FIRST_VERSION_WITH_ENDPOINT_TYPE = 1;
const BROKER_ENDPOINTS = 1;
const CONTROLLER_ENDPOINTS = 2;
const AUTHORIZED_OPERATIONS_NOT_REQUESTED = -2147483648;

/** Kafka's AclOperation codes for what can be done to the CLUSTER resource. */
const CLUSTER_OPERATIONS = {
  CREATE: 5,
  ALTER: 7,
  DESCRIBE: 8,
  CLUSTER_ACTION: 9,
  DESCRIBE_CONFIGS: 10,
  ALTER_CONFIGS: 11,
  IDEMPOTENT_WRITE: 12,
} as const;
const ALL_CLUSTER_OPERATIONS = Object.values(CLUSTER_OPERATIONS).reduce((bits, operation) => bits | (1 << operation), 0);

function endpointTypeError(endpointType: number): { errorCode: number; errorMessage: string } | null {
  if (endpointType === BROKER_ENDPOINTS) return null;
  if (endpointType === CONTROLLER_ENDPOINTS) {
    return { errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE, errorMessage: 'This is a broker endpoint; it describes brokers (endpoint_type 1), not controllers.' };
  }
  return { errorCode: ErrorCode.UNSUPPORTED_ENDPOINT_TYPE, errorMessage: `Unknown endpoint_type ${endpointType}; expected 1 (brokers).` };
}

export const describeClusterHandler: ApiHandler<DescribeClusterRequest, DescribeClusterResponse, BrokerCore> = {
  apiKey: 60,
  name: 'DescribeCluster',
  minVersion: 0,
  maxVersion: 1,
  handle(request: DescribeClusterRequest, ctx: RequestContext<BrokerCore>): DescribeClusterResponse {
    const { core, apiVersion } = ctx;
    const endpointType = apiVersion >= FIRST_VERSION_WITH_ENDPOINT_TYPE ? request.endpointType ?? BROKER_ENDPOINTS : BROKER_ENDPOINTS;
    const nodeId = core.config.nodeId;
    const response: DescribeClusterResponse = {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      clusterId: core.logs.clusterId,
      controllerId: nodeId,
      brokers: [{ brokerId: nodeId, host: core.advertised.host, port: core.advertised.port, rack: null }],
      clusterAuthorizedOperations: request.includeClusterAuthorizedOperations ? ALL_CLUSTER_OPERATIONS : AUTHORIZED_OPERATIONS_NOT_REQUESTED,
    };
    if (apiVersion >= FIRST_VERSION_WITH_ENDPOINT_TYPE) response.endpointType = endpointType;
    const problem = endpointTypeError(endpointType);
    return problem ? { ...response, ...problem, brokers: [] } : response;
  },
};
