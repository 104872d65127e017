"""confluent-kafka Consumer.offsets_for_times over every partition of a topic.

Usage: confluent_offsets_for_times.py BOOTSTRAP TOPIC PARTITIONS TIMESTAMP...
Prints {"TIMESTAMP": {"PARTITION": offset}}; librdkafka reports -1 where no
record is that late.
"""
import json
import sys

from confluent_kafka import Consumer, TopicPartition


def main():
    bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "kafka-lanes-times", "socket.timeout.ms": 5000})
    answers = {}
    for timestamp in sys.argv[4:]:
        found = consumer.offsets_for_times([TopicPartition(topic, p, int(timestamp)) for p in range(partitions)], timeout=5)
        for tp in found:
            if tp.error is not None:
                raise SystemExit(f"offsets_for_times {topic}-{tp.partition} at {timestamp}: {tp.error}")
        answers[timestamp] = {str(tp.partition): tp.offset for tp in found}
    consumer.close()
    print(json.dumps(answers))


if __name__ == "__main__":
    main()
