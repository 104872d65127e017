"""confluent-kafka Consumer: reads every partition of a topic from the beginning.

Usage: confluent_consume.py BOOTSTRAP TOPIC PARTITIONS
Uses assign() with explicit partitions and no commits, so no group
coordinator is involved. Stops at the end of every partition and prints
{"records": [...]} ordered by partition and offset.
"""
import ctypes
import sys
import time

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, TopicPartition

from hex_records import emit, record

TIMESTAMP_TYPES = {0: "none", 1: "create", 2: "log_append"}


def headers_of(message):
    """message.headers(), made safe to keep when a header value is null.

    confluent-kafka before 1.8.2 puts None into the header tuple without taking
    a reference (confluent-kafka-python issue #1191), so freeing the tuples
    later drops None's count below zero and aborts the interpreter at exit.
    Taking the missing reference here balances it.
    """
    headers = message.headers() or []
    for _name, value in headers:
        if value is None:
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return headers


def main():
    bootstrap, topic, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3])
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": "kafka-lanes-assign-only",
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "enable.partition.eof": True,
        "fetch.wait.max.ms": 100,
        "socket.timeout.ms": 5000,
    })
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in range(partitions)])
    records, at_end = [], set()
    deadline = time.monotonic() + 10
    while len(at_end) < partitions and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        error = message.error()
        if error is not None:
            if error.code() != KafkaError._PARTITION_EOF:
                raise SystemExit(f"consume failed: {error}")
            at_end.add(message.partition())
            continue
        timestamp_type, timestamp = message.timestamp()
        records.append(record(message.partition(), message.offset(), message.key(), message.value(), headers_of(message),
                              timestamp, TIMESTAMP_TYPES[timestamp_type]))
    consumer.close()
    if len(at_end) < partitions:
        raise SystemExit(f"reached the end of only {sorted(at_end)} of {partitions} partitions")
    records.sort(key=lambda r: (r["partition"], r["offset"]))
    emit({"records": records})


if __name__ == "__main__":
    main()
