"""kafka-python 2.0.2 KafkaAdminClient against the local broker.

Usage: kafka_python_admin.py BOOTSTRAP PREFIX
Prints one JSON object with the outcomes, for the vitest suite to assert on.
"""
import json
import sys

from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewPartitions, NewTopic
from kafka.errors import KafkaError


def attempt(action):
    try:
        return {"ok": True, "value": action()}
    except KafkaError as exc:
        return {"ok": False, "error": type(exc).__name__}


def configs_of(response):
    """{resource name: {config name: [value, source]}} from DescribeConfigs v1/v2 responses."""
    result = {}
    for error_code, _message, _type, name, entries in response.resources:
        result[name] = {"error_code": error_code, "configs": {entry[0]: [entry[1], entry[3]] for entry in entries}}
    return result


def main():
    bootstrap, prefix = sys.argv[1], sys.argv[2]
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="kafka-python-admin", request_timeout_ms=10000)
    created = f"{prefix}-created"
    report = {}

    response = admin.create_topics(
        [NewTopic(created, num_partitions=3, replication_factor=1, topic_configs={"max.message.bytes": "2048"})],
        timeout_ms=5000,
    )
    report["create"] = [list(entry) for entry in response.topic_errors]
    report["create_again"] = attempt(lambda: admin.create_topics([NewTopic(created, 1, 1)], timeout_ms=5000) and None)
    report["create_bad_name"] = attempt(lambda: admin.create_topics([NewTopic(f"{prefix}/slash", 1, 1)], timeout_ms=5000) and None)

    [topic_response] = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, created)])
    described = configs_of(topic_response)[created]
    report["describe_topic"] = {
        "error_code": described["error_code"],
        "max.message.bytes": described["configs"]["max.message.bytes"],
        "retention.ms": described["configs"]["retention.ms"],
    }
    [filtered] = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, created, configs={"segment.bytes": None})])
    report["describe_filtered"] = sorted(configs_of(filtered)[created]["configs"].keys())
    [missing] = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, f"{prefix}-missing")])
    report["describe_missing_error_code"] = configs_of(missing)[f"{prefix}-missing"]["error_code"]

    report["grow"] = attempt(lambda: [list(e) for e in admin.create_partitions({created: NewPartitions(5)}).topic_errors])
    report["delete"] = attempt(lambda: [list(e) for e in admin.delete_topics([created], timeout_ms=5000).topic_error_codes])
    admin.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
