"""confluent-kafka 1.7 group administration, as far as that version reaches.

Usage:
  confluent_group_admin.py list BOOTSTRAP [GROUP]
      AdminClient.list_groups (ListGroups + DescribeGroups): every group, or one,
      with its members and their assignments decoded.
  confluent_group_admin.py committed BOOTSTRAP GROUP TOPIC PARTITIONS
      Consumer.committed (OffsetFetch) for partitions 0..PARTITIONS-1.
  confluent_group_admin.py commit BOOTSTRAP GROUP TOPIC PARTITION=OFFSET...
      Consumer.commit from a consumer that never joins (OffsetCommit with no
      member id and generation -1): what the Java admin's alterConsumerGroupOffsets
      sends, which confluent-kafka 1.7's AdminClient lacks.
Prints one JSON object. Errors a request answers with are reported by name.
"""
import json
import struct
import sys

from confluent_kafka import Consumer, KafkaException, TopicPartition
from confluent_kafka.admin import AdminClient

TIMEOUT_S = 10


def decode_assignment(data):
    """The consumer protocol's Assignment: version, [topic, [partition]], user data."""
    if not data:
        return {}
    pos = 2
    (topic_count,) = struct.unpack_from(">i", data, pos)
    pos += 4
    topics = {}
    for _ in range(topic_count):
        (name_length,) = struct.unpack_from(">h", data, pos)
        pos += 2
        name = data[pos:pos + name_length].decode()
        pos += name_length
        (partition_count,) = struct.unpack_from(">i", data, pos)
        pos += 4
        topics[name] = sorted(struct.unpack_from(f">{partition_count}i", data, pos))
        pos += 4 * partition_count
    return topics


def list_groups(bootstrap, group=None):
    admin = AdminClient({"bootstrap.servers": bootstrap, "socket.timeout.ms": 5000})
    groups = admin.list_groups(group, timeout=TIMEOUT_S) if group else admin.list_groups(timeout=TIMEOUT_S)
    return {"groups": sorted(({
        "id": g.id,
        "error": g.error.name() if g.error else None,
        "state": g.state,
        "protocol_type": g.protocol_type,
        "protocol": g.protocol,
        "members": sorted(({"client_id": m.client_id, "assignment": decode_assignment(m.assignment)} for m in g.members),
                          key=lambda m: json.dumps(m["assignment"], sort_keys=True)),
    } for g in groups), key=lambda g: g["id"])}


def offline_consumer(bootstrap, group):
    return Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False, "socket.timeout.ms": 5000})


def committed(bootstrap, group, topic, partitions):
    consumer = offline_consumer(bootstrap, group)
    try:
        answers = consumer.committed([TopicPartition(topic, p) for p in range(int(partitions))], timeout=TIMEOUT_S)
        return {"offsets": {str(tp.partition): (tp.error.name() if tp.error else tp.offset) for tp in answers}}
    finally:
        consumer.close()


def commit(bootstrap, group, topic, *assignments):
    offsets = [TopicPartition(topic, int(p), int(o)) for p, o in (a.split("=") for a in assignments)]
    consumer = offline_consumer(bootstrap, group)
    try:
        answers = consumer.commit(offsets=offsets, asynchronous=False)
        return {"committed": {str(tp.partition): (tp.error.name() if tp.error else tp.offset) for tp in answers}}
    except KafkaException as exc:
        return {"error": exc.args[0].name()}
    finally:
        consumer.close()


def main():
    command, args = sys.argv[1], sys.argv[2:]
    handlers = {"list": list_groups, "committed": committed, "commit": commit}
    print(json.dumps(handlers[command](*args)))


if __name__ == "__main__":
    main()
