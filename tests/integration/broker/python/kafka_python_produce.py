"""kafka-python 2.0.2 KafkaProducer: sends the messages given on stdin and reports deliveries.

Usage: kafka_python_produce.py BOOTSTRAP < spec.json
Prints {"delivered": [{partition, offset, timestamp}]} in send order.
"""
import sys

from kafka import KafkaProducer

from hex_records import emit, read_batch

CODECS = {"none": None, "gzip": "gzip"}


def main():
    spec = read_batch()
    producer = KafkaProducer(
        bootstrap_servers=sys.argv[1],
        compression_type=CODECS[spec.get("compression", "none")],
        linger_ms=20,
        request_timeout_ms=5000,
        max_block_ms=5000,
    )
    futures = [
        producer.send(spec["topic"], key=m["key"], value=m["value"], headers=m["headers"],
                      partition=m.get("partition"), timestamp_ms=m.get("timestamp"))
        for m in spec["messages"]
    ]
    producer.flush(10)
    delivered = [
        {"partition": meta.partition, "offset": meta.offset, "timestamp": meta.timestamp}
        for meta in (future.get(timeout=5) for future in futures)
    ]
    producer.close(5)
    emit({"delivered": delivered})


if __name__ == "__main__":
    main()
