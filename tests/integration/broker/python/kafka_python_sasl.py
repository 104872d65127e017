"""kafka-python 2.0.2 over SASL_PLAINTEXT: produces the given values to partition 0, then reads them back.

Usage: kafka_python_sasl.py BOOTSTRAP MECHANISM USER PASSWORD TOPIC VALUE...
kafka-python 2.0.2 sends SaslHandshake v0 and then bare SASL tokens (the legacy framing).
Prints {"offsets": [...], "values": [...]}; exits non-zero when login or I/O fails.
"""
import json
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition


def main():
    bootstrap, mechanism, user, password, topic = sys.argv[1:6]
    values = sys.argv[6:]
    security = dict(
        bootstrap_servers=bootstrap,
        security_protocol="SASL_PLAINTEXT",
        sasl_mechanism=mechanism,
        sasl_plain_username=user,
        sasl_plain_password=password,
        request_timeout_ms=5000,
    )
    producer = KafkaProducer(max_block_ms=5000, **security)
    futures = [producer.send(topic, value=value.encode("utf-8"), partition=0) for value in values]
    producer.flush(10)
    offsets = [future.get(timeout=5).offset for future in futures]
    producer.close(5)

    consumer = KafkaConsumer(consumer_timeout_ms=5000, enable_auto_commit=False, **security)
    partition = TopicPartition(topic, 0)
    consumer.assign([partition])
    consumer.seek_to_beginning(partition)
    received = []
    for message in consumer:
        received.append(message.value.decode("utf-8"))
        if len(received) == len(values):
            break
    consumer.close()
    print(json.dumps({"offsets": offsets, "values": received}))


if __name__ == "__main__":
    main()
