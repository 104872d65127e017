"""confluent-kafka Producer: sends the messages given on stdin and reports deliveries.

Usage: confluent_produce.py BOOTSTRAP < spec.json
Prints {"delivered": [{partition, offset, timestamp, error}]} in send order.
"""
import sys

from confluent_kafka import Producer

from hex_records import emit, read_batch


def main():
    spec = read_batch()
    producer = Producer({
        "bootstrap.servers": sys.argv[1],
        "compression.type": spec.get("compression", "none"),
        "linger.ms": 20,
        "socket.timeout.ms": 5000,
        "message.timeout.ms": 8000,
    })
    delivered = [None] * len(spec["messages"])

    def report(index):
        def on_delivery(error, message):
            delivered[index] = {
                "partition": message.partition(),
                "offset": message.offset(),
                "timestamp": message.timestamp()[1],
                "error": None if error is None else error.name(),
            }
        return on_delivery

    for index, message in enumerate(spec["messages"]):
        extra = {name: message[name] for name in ("partition", "timestamp") if name in message}
        producer.produce(spec["topic"], key=message["key"], value=message["value"], headers=message["headers"],
                         on_delivery=report(index), **extra)
    remaining = producer.flush(10)
    emit({"delivered": delivered, "undelivered": remaining})


if __name__ == "__main__":
    main()
