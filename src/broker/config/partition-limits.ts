// Kafka itself sets no per-topic partition limit, but every partition here is
// a directory with open segment files on the user's machine. A typo such as
// 100000 would exhaust file handles and take the broker down, so CreateTopics
// and CreatePartitions refuse it with INVALID_PARTITIONS and a message instead.
export const MAX_PARTITIONS_PER_TOPIC = 10_000;
