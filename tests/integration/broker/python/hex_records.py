"""Shared JSON shapes for the client round-trip scripts.

Bytes travel as lowercase hex (null stays null) so the vitest side can compare
keys, values and header values byte for byte, including non-UTF-8 ones.
"""
import json
import sys


def to_hex(data):
    return None if data is None else bytes(data).hex()


def from_hex(text):
    return None if text is None else bytes.fromhex(text)


def read_batch():
    """The produce spec on stdin: {topic, compression, messages: [{key, value, headers, partition?, timestamp?}]}."""
    spec = json.load(sys.stdin)
    for message in spec["messages"]:
        message["key"] = from_hex(message.get("key"))
        message["value"] = from_hex(message.get("value"))
        message["headers"] = [(name, from_hex(value)) for name, value in message.get("headers", [])]
    return spec


def record(partition, offset, key, value, headers, timestamp, timestamp_type):
    return {
        "partition": partition,
        "offset": offset,
        "key": to_hex(key),
        "value": to_hex(value),
        "headers": [[name, to_hex(header_value)] for name, header_value in headers or []],
        "timestamp": timestamp,
        "timestamp_type": timestamp_type,
    }


def emit(report):
    print(json.dumps(report))
