"""confluent-kafka (librdkafka) AdminClient against the local broker.

Usage: confluent_admin.py BOOTSTRAP PREFIX
Runs create / describe / alter / create-partitions / delete in turn and prints
one JSON object describing every outcome, for the vitest suite to assert on.
"""
import json
import sys

from confluent_kafka import KafkaException
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

TIMEOUT_S = 10


def outcome(future):
    try:
        future.result(timeout=TIMEOUT_S)
        return {"ok": True}
    except KafkaException as exc:
        error = exc.args[0]
        return {"ok": False, "error": error.name(), "message": error.str()}


def outcomes(futures):
    return {str(key): outcome(future) for key, future in futures.items()}


def describe(admin, resource):
    entries = admin.describe_configs([resource])[resource].result(timeout=TIMEOUT_S)
    return {
        name: {"value": entry.value, "source": getattr(entry.source, "value", entry.source), "is_default": entry.is_default, "read_only": entry.is_read_only}
        for name, entry in entries.items()
    }


def main():
    bootstrap, prefix = sys.argv[1], sys.argv[2]
    admin = AdminClient({"bootstrap.servers": bootstrap, "socket.timeout.ms": 5000})
    created = f"{prefix}-created"
    report = {}

    report["create"] = outcomes(admin.create_topics(
        [
            NewTopic(created, num_partitions=2, replication_factor=1, config={"retention.ms": "3600000", "cleanup.policy": "compact"}),
            NewTopic(f"{prefix}-bad name", num_partitions=1, replication_factor=1),
            NewTopic(f"{prefix}-three-replicas", num_partitions=1, replication_factor=3),
            NewTopic(f"{prefix}-bad-config", num_partitions=1, replication_factor=1, config={"retention.ms": "soon"}),
        ],
        operation_timeout=5, request_timeout=TIMEOUT_S,
    ))
    report["create_again"] = outcomes(admin.create_topics(
        [NewTopic(created, num_partitions=1, replication_factor=1)], request_timeout=TIMEOUT_S))
    report["validate_only"] = outcomes(admin.create_topics(
        [NewTopic(f"{prefix}-validate-only", num_partitions=1, replication_factor=1)], validate_only=True, request_timeout=TIMEOUT_S))

    topic_configs = describe(admin, ConfigResource("topic", created))
    report["describe_topic"] = {name: topic_configs[name] for name in ("retention.ms", "cleanup.policy", "segment.bytes")}
    broker_configs = describe(admin, ConfigResource("broker", "1"))
    report["describe_broker"] = {name: broker_configs[name] for name in ("num.partitions", "log.segment.bytes")}

    report["alter"] = outcomes(admin.alter_configs([ConfigResource("topic", created, set_config={"retention.ms": "1000"})], request_timeout=TIMEOUT_S))
    altered = describe(admin, ConfigResource("topic", created))
    report["after_alter"] = {name: altered[name] for name in ("retention.ms", "cleanup.policy")}

    report["grow"] = outcomes(admin.create_partitions([NewPartitions(created, 4)], request_timeout=TIMEOUT_S))
    report["shrink"] = outcomes(admin.create_partitions([NewPartitions(created, 3)], request_timeout=TIMEOUT_S))
    metadata = admin.list_topics(timeout=TIMEOUT_S)
    report["partitions_after_grow"] = len(metadata.topics[created].partitions)
    report["validate_only_created"] = f"{prefix}-validate-only" in metadata.topics

    report["delete"] = outcomes(admin.delete_topics([created, f"{prefix}-never-existed"], operation_timeout=5, request_timeout=TIMEOUT_S))
    report["exists_after_delete"] = created in admin.list_topics(timeout=TIMEOUT_S).topics

    print(json.dumps(report))


if __name__ == "__main__":
    main()
