"""confluent-kafka (librdkafka) idempotent Producer: sends COUNT messages over a topic's partitions.

Usage: confluent_idempotent_produce.py BOOTSTRAP TOPIC COUNT PARTITIONS
Message i goes to partition i % PARTITIONS with value "m<i>". Several
requests are kept in flight (librdkafka's default of 5 with idempotence), so
ordering and exactly-once rest on the broker's sequence checks.
Prints {"delivered": [{partition, offset, value, error}], "undelivered": n, "fatal": str|null}.
"""
import sys

from confluent_kafka import Producer

from hex_records import emit


def main():
    bootstrap, topic, count, partitions = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fatal = []

    def on_error(error):
        if error.fatal():
            fatal.append(error.str())

    producer = Producer({
        "bootstrap.servers": bootstrap,
        "enable.idempotence": True,
        "linger.ms": 2,
        "batch.num.messages": 7,
        "socket.timeout.ms": 5000,
        "message.timeout.ms": 15000,
        "error_cb": on_error,
    })
    delivered = []

    def on_delivery(error, message):
        delivered.append({
            "partition": message.partition(),
            "offset": message.offset(),
            "value": message.value().decode(),
            "error": None if error is None else error.name(),
        })

    for i in range(count):
        while True:
            try:
                producer.produce(topic, value=f"m{i}", partition=i % partitions, on_delivery=on_delivery)
                break
            except BufferError:
                producer.poll(0.05)
        producer.poll(0)
    remaining = producer.flush(20)
    emit({"delivered": delivered, "undelivered": remaining, "fatal": fatal[0] if fatal else None})


if __name__ == "__main__":
    main()
