"""confluent-kafka Producer for the group experiments: one message per stdin line.

Usage: confluent_group_produce.py BOOTSTRAP TOPIC < values
Each line is sent as the value with key "key-<value>", so the default
partitioner spreads the messages over the partitions the same way every run.
Prints {"delivered": [{"partition": P, "offset": O, "value": "..."}]} once
every message is acknowledged, and fails if any is not.
"""
import json
import sys

from confluent_kafka import Producer


def main():
    bootstrap, topic = sys.argv[1], sys.argv[2]
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, "socket.timeout.ms": 5000, "message.timeout.ms": 10000})
    delivered, failed = [], []

    def on_delivery(error, message):
        if error is not None:
            failed.append(str(error))
        else:
            delivered.append({"partition": message.partition(), "offset": message.offset(), "value": message.value().decode()})

    for line in sys.stdin.read().splitlines():
        producer.produce(topic, key=f"key-{line}".encode(), value=line.encode(), on_delivery=on_delivery)
    remaining = producer.flush(10)
    if remaining or failed:
        raise SystemExit(f"{remaining} undelivered, failures: {failed}")
    print(json.dumps({"delivered": delivered}))


if __name__ == "__main__":
    main()
