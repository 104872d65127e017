"""kafka-python 2.0.2 KafkaConsumer as a consumer-group member (subscribe API).

Usage: kafka_python_group_consume.py SPEC_JSON
SPEC_JSON: {bootstrap, topics, group_id, auto_offset_reset, enable_auto_commit,
max_messages?, idle_ms?}. Prints one JSON object per line as things happen:
  {"event": "assigned", "partitions": [...], "positions": {partition: offset}}
      once the positions of a new assignment are resolved (committed offset or
      the reset) and before anything is fetched, so a test may produce "after
      the assignment" from then on;
  {"event": "revoked", "partitions": [...]};
  {"event": "message", "topic", "partition", "offset", "value"};
  {"event": "error", "error": <KafkaError class>, "message"};
  {"event": "closed", "reason", "positions", "end_offsets", "sent"} last, where
      sent counts the requests kafka-python sent per "<Request class> v<version>"
      and api_version is the broker version it inferred from ApiVersions.
Stops after max_messages, after idle_ms without a message or assignment, or
when stdin reaches end of file; then commits (when auto-commit is off; close()
commits otherwise) and closes, which sends LeaveGroup.
"""
import json
import sys
import threading
import time

from kafka import ConsumerRebalanceListener, KafkaConsumer
from kafka.errors import KafkaError

from request_versions import count_sent_requests


def emit(event):
    print(json.dumps(event), flush=True)


class Assignments(ConsumerRebalanceListener):
    def __init__(self, consumer, enable_auto_commit):
        self.consumer = consumer
        self.enable_auto_commit = enable_auto_commit
        self.assigned_at = 0

    def on_partitions_revoked(self, revoked):
        # With auto-commit off, what this member read must be committed before
        # another member takes the partitions, or it is read twice.
        if revoked and not self.enable_auto_commit:
            self.consumer.commit()
        emit({"event": "revoked", "partitions": sorted(tp.partition for tp in revoked)})

    def on_partitions_assigned(self, assigned):
        # position() resolves the committed offset or applies the reset now,
        # before this poll fetches anything, so the report is the starting point.
        assigned = sorted(assigned)
        positions = {tp.partition: self.consumer.position(tp) for tp in assigned}
        emit({"event": "assigned", "partitions": [tp.partition for tp in assigned], "positions": positions})
        self.assigned_at = time.monotonic()


def watch_stdin(stop):
    sys.stdin.read()
    stop.set()


def main():
    spec = json.loads(sys.argv[1])
    versions = count_sent_requests()

    enable_auto_commit = spec["enable_auto_commit"]
    consumer = KafkaConsumer(
        bootstrap_servers=spec["bootstrap"],
        client_id=spec.get("client_id", "kafka-python-group"),
        group_id=spec["group_id"],
        auto_offset_reset=spec["auto_offset_reset"],
        enable_auto_commit=enable_auto_commit,
        auto_commit_interval_ms=500,
        session_timeout_ms=6000,
        heartbeat_interval_ms=1000,
        request_timeout_ms=7000,
        api_version_auto_timeout_ms=5000,
        fetch_max_wait_ms=100,
        metadata_max_age_ms=5000,
    )
    listener = Assignments(consumer, enable_auto_commit)
    consumer.subscribe(topics=spec["topics"], listener=listener)

    stop = threading.Event()
    threading.Thread(target=watch_stdin, args=(stop,), daemon=True).start()
    max_messages = spec.get("max_messages")
    idle_s = spec.get("idle_ms", 20000) / 1000
    received = 0
    last_activity = time.monotonic()
    reason = "stdin closed"
    code = 0
    try:
        while not stop.is_set():
            if max_messages is not None and received >= max_messages:
                reason = "max messages"
                break
            if time.monotonic() - last_activity > idle_s:
                reason = "idle"
                break
            batches = consumer.poll(timeout_ms=100, max_records=max_messages - received if max_messages else 500)
            last_activity = max(last_activity, listener.assigned_at)
            for messages in batches.values():
                for m in messages:
                    value = None if m.value is None else m.value.decode("utf-8", "replace")
                    emit({"event": "message", "topic": m.topic, "partition": m.partition, "offset": m.offset, "value": value})
                    received += 1
                    last_activity = time.monotonic()
    except KafkaError as error:
        emit({"event": "error", "error": type(error).__name__, "message": str(error)})
        reason = "error"
        code = 3
    assignment = sorted(consumer.assignment())
    report = {"event": "closed", "reason": reason, "positions": {}, "end_offsets": {}}
    if code == 0 and assignment:
        report["positions"] = {tp.partition: consumer.position(tp) for tp in assignment}
        report["end_offsets"] = {tp.partition: end for tp, end in consumer.end_offsets(assignment).items()}
        if not enable_auto_commit:
            consumer.commit()
    consumer.close()
    report["sent"] = versions.sent
    report["api_version"] = consumer.config["api_version"]
    emit(report)
    sys.exit(code)


if __name__ == "__main__":
    main()
