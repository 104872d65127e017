"""A librdkafka (confluent-kafka) consumer with a static group.instance.id that
commits nothing: joins GROUP, reads TOPIC, prints {"event": "assigned", ...}
once it has partitions, and polls until stdin closes.

Usage: static_member.py BOOTSTRAP GROUP TOPIC INSTANCE_ID CLIENT_ID
"""
import json
import sys
import threading

from confluent_kafka import Consumer


def main():
    bootstrap, group, topic, instance_id, client_id = sys.argv[1:6]
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "group.instance.id": instance_id,
        "client.id": client_id,
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "session.timeout.ms": 10000,
    })

    def on_assign(_consumer, partitions):
        sys.stdout.write(json.dumps({"event": "assigned", "partitions": sorted(p.partition for p in partitions)}) + "\n")
        sys.stdout.flush()

    consumer.subscribe([topic], on_assign=on_assign)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    while not stop.is_set():
        consumer.poll(0.1)
    consumer.close()


if __name__ == "__main__":
    main()
