// A group's total lag over the samples taken since the app started; green
// when it shrank over the window, red when it grew.
import { Sparkline } from '@mantine/charts';
import { Text } from '@mantine/core';
import { useLagSamples } from './lag-history-store';

export function LagSparkline({ connectionId, groupId }: { connectionId: string; groupId: string }) {
  const samples = useLagSamples(connectionId, groupId);
  if (samples.length < 2) {
    return (
      <Text size="xs" c="dimmed">
        sampling…
      </Text>
    );
  }
  return (
    <Sparkline
      w={120}
      h={28}
      data={samples.map((sample) => sample.lag)}
      curveType="linear"
      trendColors={{ positive: 'red', negative: 'teal', neutral: 'gray' }}
      fillOpacity={0.3}
      aria-label={`Lag of ${groupId} over the last ${samples.length} samples`}
      data-testid="lag-sparkline"
    />
  );
}
