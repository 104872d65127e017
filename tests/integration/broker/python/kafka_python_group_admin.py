"""kafka-python 2.0.2 KafkaAdminClient's consumer-group calls against the local broker.

Usage: kafka_python_group_admin.py BOOTSTRAP GROUP [GROUP...]
Prints one JSON object: list_consumer_groups(), describe_consumer_groups(GROUPS)
with the member subscriptions and assignments kafka-python decoded,
list_consumer_group_offsets(GROUP) per group, and how many requests of each
"<Request class> v<version>" kafka-python sent (it picks the highest version
both sides support from the broker's ApiVersions answer).
"""
import json
import sys

from kafka.admin import KafkaAdminClient

from request_versions import count_sent_requests


def member_of(member):
    metadata, assignment = member.member_metadata, member.member_assignment
    return {
        "member_id": member.member_id,
        "client_id": member.client_id,
        "client_host": member.client_host,
        "subscription": None if not metadata else sorted(metadata.subscription),
        "assignment": None if not assignment else {topic: sorted(partitions) for topic, partitions in assignment.assignment},
    }


def main():
    bootstrap, groups = sys.argv[1], sys.argv[2:]
    versions = count_sent_requests()

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="kafka-python-group-admin", request_timeout_ms=5000, api_version_auto_timeout_ms=5000)
    report = {"list": sorted([list(entry) for entry in admin.list_consumer_groups()])}
    report["describe"] = [
        {
            "error_code": group.error_code,
            "group": group.group,
            "state": group.state,
            "protocol_type": group.protocol_type,
            "protocol": group.protocol,
            "members": sorted((member_of(m) for m in group.members), key=lambda m: m["client_id"] + m["member_id"]),
            "authorized_operations": group.authorized_operations,
        }
        for group in admin.describe_consumer_groups(groups)
    ]
    report["offsets"] = {
        group: {f"{tp.topic}:{tp.partition}": [meta.offset, meta.metadata] for tp, meta in sorted(admin.list_consumer_group_offsets(group).items())}
        for group in groups
    }
    admin.close()
    report["sent"] = versions.sent
    print(json.dumps(report))


if __name__ == "__main__":
    main()
