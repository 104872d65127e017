// One key factory per domain. Keys nest from general to specific, so a
// mutation invalidates exactly what it changed: every topic query of one
// connection is under topicKeys.all(connectionId).
export const connectionKeys = {
  all: ['connections'] as const,
  list: () => [...connectionKeys.all, 'list'] as const,
};

export const localBrokerKeys = {
  all: ['localBroker'] as const,
  status: () => [...localBrokerKeys.all, 'status'] as const,
};

export const topicKeys = {
  all: (connectionId: string) => ['topics', connectionId] as const,
  list: (connectionId: string, includeInternal: boolean) => [...topicKeys.all(connectionId), 'list', { includeInternal }] as const,
  detail: (connectionId: string, topic: string) => [...topicKeys.all(connectionId), 'detail', topic] as const,
  describe: (connectionId: string, topic: string) => [...topicKeys.detail(connectionId, topic), 'describe'] as const,
  configs: (connectionId: string, topic: string) => [...topicKeys.detail(connectionId, topic), 'configs'] as const,
};

export const groupKeys = {
  all: (connectionId: string) => ['groups', connectionId] as const,
  list: (connectionId: string) => [...groupKeys.all(connectionId), 'list'] as const,
  describe: (connectionId: string, groupId: string) => [...groupKeys.all(connectionId), 'describe', groupId] as const,
};

export const browseKeys = {
  all: (connectionId: string) => ['browse', connectionId] as const,
  value: (connectionId: string, topic: string, partition: number, offset: string, part: 'key' | 'value') =>
    [...browseKeys.all(connectionId), 'value', topic, partition, offset, part] as const,
};

export const laneKeys = {
  all: ['lanes'] as const,
  list: () => [...laneKeys.all, 'list'] as const,
};

/** Every key holding one connection's cluster data: what goes stale when the connection changes where it points. */
export const connectionDataKeys = (connectionId: string) => [topicKeys.all(connectionId), groupKeys.all(connectionId), browseKeys.all(connectionId)];
