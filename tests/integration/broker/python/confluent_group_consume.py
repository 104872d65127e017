"""confluent-kafka group consumer: subscribe, report what happens, close cleanly.

Usage: confluent_group_consume.py BOOTSTRAP GROUP TOPIC RESET [--max N] [--idle-s S] [--exit-at-eof]
                                 [--instance-id ID]

Prints one JSON object per line, flushed at once so a test can react while the
consumer runs:
  {"event": "assigned", "partitions": [...]}    after each rebalance
  {"event": "revoked", "partitions": [...]}
  {"event": "eof", "partition": P, "offset": O} a partition was read to its end
  {"event": "message", "partition": P, "offset": O, "value": "..."}
  {"event": "closed", "reason": "..."}          after close() returned
It stops after N messages, after S seconds without a message, when every
assigned partition is at its end (--exit-at-eof, like kcat -e), or on SIGTERM
/ SIGINT. Auto-commit stays on, so close() commits what was consumed and then
leaves the group; a static member (--instance-id, group.instance.id) does not
leave: its partitions wait for it until its session times out.
"""
import argparse
import json
import signal
import sys
import time

from confluent_kafka import Consumer, KafkaError


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bootstrap")
    parser.add_argument("group")
    parser.add_argument("topic")
    parser.add_argument("reset", choices=["earliest", "latest"])
    parser.add_argument("--max", type=int, default=0)
    parser.add_argument("--idle-s", type=float, default=0)
    parser.add_argument("--exit-at-eof", action="store_true")
    parser.add_argument("--instance-id")
    args = parser.parse_args()

    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append("signal"))
    signal.signal(signal.SIGINT, lambda *_: stopping.append("signal"))

    config = {
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "auto.offset.reset": args.reset,
        "enable.auto.commit": True,
        "auto.commit.interval.ms": 200,
        "enable.partition.eof": True,
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 500,
        "fetch.wait.max.ms": 100,
        "socket.timeout.ms": 5000,
    }
    if args.instance_id:
        config["group.instance.id"] = args.instance_id
    consumer = Consumer(config)
    assigned, at_end = set(), set()

    def on_assign(_consumer, partitions):
        assigned.clear()
        at_end.clear()
        assigned.update(p.partition for p in partitions)
        emit({"event": "assigned", "partitions": sorted(assigned)})

    def on_revoke(_consumer, partitions):
        emit({"event": "revoked", "partitions": sorted(p.partition for p in partitions)})

    consumer.subscribe([args.topic], on_assign=on_assign, on_revoke=on_revoke)
    received = 0
    last_activity = time.monotonic()
    reason = None
    while reason is None:
        if stopping:
            reason = "signal"
            break
        message = consumer.poll(0.1)
        if message is None:
            if args.idle_s and assigned and time.monotonic() - last_activity > args.idle_s:
                reason = "idle"
            continue
        error = message.error()
        if error is not None:
            if error.code() != KafkaError._PARTITION_EOF:
                raise SystemExit(f"consume failed: {error}")
            at_end.add(message.partition())
            emit({"event": "eof", "partition": message.partition(), "offset": message.offset()})
            if args.exit_at_eof and assigned and assigned <= at_end:
                reason = "eof"
            continue
        last_activity = time.monotonic()
        at_end.discard(message.partition())
        received += 1
        emit({"event": "message", "partition": message.partition(), "offset": message.offset(), "value": message.value().decode()})
        if args.max and received >= args.max:
            reason = "max"
    consumer.close()
    emit({"event": "closed", "reason": reason})


if __name__ == "__main__":
    main()
