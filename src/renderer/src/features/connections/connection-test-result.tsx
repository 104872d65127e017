// What "Test" found: the cluster and its brokers, or the cause of failure in
// words (unreachable, TLS, authentication, not Kafka, timeout).
import { Alert, Text } from '@mantine/core';
import type { z } from 'zod';
import type { connectionTestResult } from '../../../../shared/contract/connections';

type TestResult = z.infer<typeof connectionTestResult>;

const CAUSES: Record<Extract<TestResult, { ok: false }>['cause'], string> = {
  unreachable: 'Nothing answered at the bootstrap servers. Check host, port and that the cluster is up.',
  tls: 'The TLS handshake failed. Check whether the cluster expects TLS and that the certificates match.',
  auth: 'The cluster refused the credentials. Check the SASL mechanism, user name and password.',
  'not-kafka': 'Something answered, but not Kafka. Check the port.',
  timeout: 'The cluster did not answer within 10 seconds.',
  other: 'The connection failed.',
};

export function ConnectionTestResult({ result }: { result: TestResult }) {
  if (result.ok) {
    return (
      <Alert color="green" variant="light" title="Connected" data-testid="connection-test-result" data-ok="true">
        <Text size="sm">
          {result.brokers} broker{result.brokers === 1 ? '' : 's'}
          {result.clusterId ? `, cluster ${result.clusterId}` : ''}, in {Math.round(result.elapsedMs)} ms.
        </Text>
      </Alert>
    );
  }
  return (
    <Alert color="red" variant="light" title={`Could not connect (${result.cause})`} data-testid="connection-test-result" data-ok="false">
      <Text size="sm">{CAUSES[result.cause]}</Text>
      <Text size="xs" c="dimmed">
        {result.message}
      </Text>
    </Alert>
  );
}
