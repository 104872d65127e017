"""kafka-python 2.0.2 KafkaConsumer.offsets_for_times over every partition of a topic.

Usage: kafka_python_offsets_for_times.py BOOTSTRAP TOPIC PARTITIONS TIMESTAMP...
Prints {"TIMESTAMP": {"PARTITION": [offset, timestamp] or null}}.
"""
import json
import sys

from kafka import KafkaConsumer, TopicPartition


def main():
    bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, request_timeout_ms=5000)
    answers = {}
    for timestamp in sys.argv[4:]:
        found = consumer.offsets_for_times({TopicPartition(topic, p): int(timestamp) for p in range(partitions)})
        answers[timestamp] = {
            str(tp.partition): None if hit is None else [hit.offset, hit.timestamp] for tp, hit in found.items()
        }
    consumer.close()
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
