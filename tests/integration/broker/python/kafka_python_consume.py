"""kafka-python 2.0.2 KafkaConsumer: reads every partition of a topic from the beginning.

Usage: kafka_python_consume.py BOOTSTRAP TOPIC PARTITIONS
group_id=None with assign() and seek_to_beginning(), so no group coordinator
is involved. Reads up to the end offsets taken before the first poll and
prints {"records": [...]} ordered by partition and offset.
"""
import sys
import time

from kafka import KafkaConsumer, TopicPartition

from hex_records import emit, record

TIMESTAMP_TYPES = {0: "create", 1: "log_append"}


def main():
    bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    consumer = KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=None,
        enable_auto_commit=False,
        request_timeout_ms=5000,
        fetch_max_wait_ms=100,
        consumer_timeout_ms=1000,
    )
    assigned = [TopicPartition(topic, p) for p in range(partitions)]
    consumer.assign(assigned)
    consumer.seek_to_beginning()
    ends = consumer.end_offsets(assigned)
    records = []
    deadline = time.monotonic() + 10
    while any(consumer.position(tp) < ends[tp] for tp in assigned) and time.monotonic() < deadline:
        for tp, messages in consumer.poll(timeout_ms=500).items():
            records.extend(
                record(m.partition, m.offset, m.key, m.value, m.headers, m.timestamp, TIMESTAMP_TYPES[m.timestamp_type])
                for m in messages
            )
    behind = [tp.partition for tp in assigned if consumer.position(tp) < ends[tp]]
    consumer.close()
    if behind:
        raise SystemExit(f"partitions {behind} not read to their end offsets {ends}")
    records.sort(key=lambda r: (r["partition"], r["offset"]))
    emit({"records": records, "end_offsets": {str(tp.partition): offset for tp, offset in ends.items()}})


if __name__ == "__main__":
    main()
