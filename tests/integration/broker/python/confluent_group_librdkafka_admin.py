"""librdkafka 2.0.2's group admin API, called through ctypes.

confluent-kafka 1.7's AdminClient has only list_groups, but the librdkafka it
loads (2.0.2) already has the newer group admin calls; confluent-kafka 2.x
wraps exactly these. Calling them directly checks the broker against
librdkafka's own request versions and response parsing.

Usage: confluent_group_librdkafka_admin.py BOOTSTRAP COMMAND ARGS...
  list                                 ListConsumerGroups
  describe GROUP...                    DescribeConsumerGroups
  offsets GROUP                        ListConsumerGroupOffsets (every partition)
  alter GROUP TOPIC PARTITION=OFFSET... AlterConsumerGroupOffsets
  delete-offsets GROUP TOPIC PARTITION... DeleteConsumerGroupOffsets
  delete GROUP...                      DeleteGroups
Prints one JSON object; errors are given by librdkafka's names.
"""
import ctypes
import ctypes.util
import json
import sys

import confluent_kafka  # noqa: F401  (loads the same librdkafka the tests use)

lib = ctypes.CDLL(ctypes.util.find_library("rdkafka") or "librdkafka.so.1")
P = ctypes.c_void_p
TIMEOUT_MS = 10_000
STATES = ["Unknown", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead", "Empty"]


class TopicPartition(ctypes.Structure):
    _fields_ = [("topic", ctypes.c_char_p), ("partition", ctypes.c_int32), ("offset", ctypes.c_int64),
                ("metadata", P), ("metadata_size", ctypes.c_size_t), ("opaque", P), ("err", ctypes.c_int), ("_private", P)]


class TopicPartitionList(ctypes.Structure):
    _fields_ = [("cnt", ctypes.c_int), ("size", ctypes.c_int), ("elems", ctypes.POINTER(TopicPartition))]


def declare(name, restype, *argtypes):
    function = getattr(lib, name)
    function.restype, function.argtypes = restype, list(argtypes)
    return function


SIZE_P = ctypes.POINTER(ctypes.c_size_t)
TPL_P = ctypes.POINTER(TopicPartitionList)
conf_new = declare("rd_kafka_conf_new", P)
conf_set = declare("rd_kafka_conf_set", ctypes.c_int, P, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t)
kafka_new = declare("rd_kafka_new", P, ctypes.c_int, P, ctypes.c_char_p, ctypes.c_size_t)
kafka_destroy = declare("rd_kafka_destroy", None, P)
queue_new = declare("rd_kafka_queue_new", P, P)
queue_destroy = declare("rd_kafka_queue_destroy", None, P)
queue_poll = declare("rd_kafka_queue_poll", P, P, ctypes.c_int)
event_error = declare("rd_kafka_event_error", ctypes.c_int, P)
event_destroy = declare("rd_kafka_event_destroy", None, P)
err2name = declare("rd_kafka_err2name", ctypes.c_char_p, ctypes.c_int)
error_name = declare("rd_kafka_error_name", ctypes.c_char_p, P)
tpl_new = declare("rd_kafka_topic_partition_list_new", TPL_P, ctypes.c_int)
tpl_add = declare("rd_kafka_topic_partition_list_add", ctypes.POINTER(TopicPartition), TPL_P, ctypes.c_char_p, ctypes.c_int32)
group_result_name = declare("rd_kafka_group_result_name", ctypes.c_char_p, P)
group_result_error = declare("rd_kafka_group_result_error", P, P)
group_result_partitions = declare("rd_kafka_group_result_partitions", TPL_P, P)


def error_of(error):
    return error_name(error).decode() if error else None


def partitions_of(tpl):
    if not tpl:
        return []
    items = [tpl.contents.elems[i] for i in range(tpl.contents.cnt)]
    return sorted(({"topic": tp.topic.decode(), "partition": tp.partition, "offset": tp.offset,
                    "error": err2name(tp.err).decode() if tp.err else None} for tp in items),
                  key=lambda tp: (tp["topic"], tp["partition"]))


def group_results(results, count):
    return [{"group": group_result_name(results[i]).decode(), "error": error_of(group_result_error(results[i])),
             "partitions": partitions_of(group_result_partitions(results[i]))} for i in range(count.value)]


def request(rk, start, result_of):
    """Starts an admin request answering on a fresh queue and hands its result to result_of."""
    queue = queue_new(rk)
    try:
        start(queue)
        event = queue_poll(queue, TIMEOUT_MS)
        if not event:
            raise SystemExit("no admin result within the timeout")
        try:
            if event_error(event):
                return {"request_error": err2name(event_error(event)).decode()}
            return result_of(event)
        finally:
            event_destroy(event)
    finally:
        queue_destroy(queue)


def list_groups(rk):
    declare("rd_kafka_ListConsumerGroups", None, P, P, P)
    result = declare("rd_kafka_event_ListConsumerGroups_result", P, P)
    valid = declare("rd_kafka_ListConsumerGroups_result_valid", ctypes.POINTER(P), P, SIZE_P)
    errors = declare("rd_kafka_ListConsumerGroups_result_errors", ctypes.POINTER(P), P, SIZE_P)
    group_id = declare("rd_kafka_ConsumerGroupListing_group_id", ctypes.c_char_p, P)
    simple = declare("rd_kafka_ConsumerGroupListing_is_simple_consumer_group", ctypes.c_int, P)
    state = declare("rd_kafka_ConsumerGroupListing_state", ctypes.c_int, P)

    def read(event):
        answer, n, m = result(event), ctypes.c_size_t(), ctypes.c_size_t()
        listings, failures = valid(answer, ctypes.byref(n)), errors(answer, ctypes.byref(m))
        return {"groups": sorted(({"group": group_id(listings[i]).decode(), "simple": bool(simple(listings[i])), "state": STATES[state(listings[i])]}
                                  for i in range(n.value)), key=lambda g: g["group"]),
                "errors": [error_of(failures[i]) for i in range(m.value)]}
    return request(rk, lambda queue: lib.rd_kafka_ListConsumerGroups(rk, None, queue), read)


def describe(rk, *groups):
    declare("rd_kafka_DescribeConsumerGroups", None, P, ctypes.POINTER(ctypes.c_char_p), ctypes.c_size_t, P, P)
    result = declare("rd_kafka_event_DescribeConsumerGroups_result", P, P)
    described = declare("rd_kafka_DescribeConsumerGroups_result_groups", ctypes.POINTER(P), P, SIZE_P)
    group_id = declare("rd_kafka_ConsumerGroupDescription_group_id", ctypes.c_char_p, P)
    group_error = declare("rd_kafka_ConsumerGroupDescription_error", P, P)
    simple = declare("rd_kafka_ConsumerGroupDescription_is_simple_consumer_group", ctypes.c_int, P)
    assignor = declare("rd_kafka_ConsumerGroupDescription_partition_assignor", ctypes.c_char_p, P)
    state = declare("rd_kafka_ConsumerGroupDescription_state", ctypes.c_int, P)
    member_count = declare("rd_kafka_ConsumerGroupDescription_member_count", ctypes.c_size_t, P)
    member = declare("rd_kafka_ConsumerGroupDescription_member", P, P, ctypes.c_size_t)
    client_id = declare("rd_kafka_MemberDescription_client_id", ctypes.c_char_p, P)
    assignment = declare("rd_kafka_MemberDescription_assignment", P, P)
    assigned = declare("rd_kafka_MemberAssignment_partitions", TPL_P, P)
    names = (ctypes.c_char_p * len(groups))(*(g.encode() for g in groups))

    def members_of(description):
        found = [member(description, i) for i in range(member_count(description))]
        return sorted(({"client_id": client_id(m).decode(),
                        "assignment": [[tp["topic"], tp["partition"]] for tp in partitions_of(assigned(assignment(m)))]} for m in found),
                      key=lambda m: m["assignment"])

    def read(event):
        n = ctypes.c_size_t()
        found = described(result(event), ctypes.byref(n))
        return {"groups": [{"group": group_id(d).decode(), "error": error_of(group_error(d)), "simple": bool(simple(d)),
                            "assignor": (assignor(d) or b"").decode(), "state": STATES[state(d)], "members": members_of(d)}
                           for d in (found[i] for i in range(n.value))]}
    return request(rk, lambda queue: lib.rd_kafka_DescribeConsumerGroups(rk, names, len(groups), None, queue), read)


def offsets_request(rk, kind, group, partitions):
    """List, Alter and DeleteConsumerGroupOffsets share one shape: one group, a partition list, group results."""
    new = declare(f"rd_kafka_{kind}_new", P, ctypes.c_char_p, TPL_P)
    destroy = declare(f"rd_kafka_{kind}_destroy", None, P)
    start = declare(f"rd_kafka_{kind}", None, P, ctypes.POINTER(P), ctypes.c_size_t, P, P)
    result = declare(f"rd_kafka_event_{kind}_result", P, P)
    groups = declare(f"rd_kafka_{kind}_result_groups", ctypes.POINTER(P), P, SIZE_P)
    item = new(group.encode(), partitions)
    try:
        def read(event):
            n = ctypes.c_size_t()
            return group_results(groups(result(event), ctypes.byref(n)), n)[0]
        return request(rk, lambda queue: start(rk, (P * 1)(item), 1, None, queue), read)
    finally:
        destroy(item)


def partition_list(topic, specs, with_offsets):
    tpl = tpl_new(len(specs))
    for spec in specs:
        partition, _, offset = spec.partition("=")
        added = tpl_add(tpl, topic.encode(), int(partition))
        if with_offsets:
            added.contents.offset = int(offset)
    return tpl


def delete(rk, *groups):
    new = declare("rd_kafka_DeleteGroup_new", P, ctypes.c_char_p)
    destroy = declare("rd_kafka_DeleteGroup_destroy", None, P)
    declare("rd_kafka_DeleteGroups", None, P, ctypes.POINTER(P), ctypes.c_size_t, P, P)
    result = declare("rd_kafka_event_DeleteGroups_result", P, P)
    deleted = declare("rd_kafka_DeleteGroups_result_groups", ctypes.POINTER(P), P, SIZE_P)
    items = [new(g.encode()) for g in groups]
    try:
        def read(event):
            n = ctypes.c_size_t()
            return {"groups": [{"group": g["group"], "error": g["error"]} for g in group_results(deleted(result(event), ctypes.byref(n)), n)]}
        return request(rk, lambda queue: lib.rd_kafka_DeleteGroups(rk, (P * len(items))(*items), len(items), None, queue), read)
    finally:
        for item in items:
            destroy(item)


def main():
    bootstrap, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    conf, errstr = conf_new(), ctypes.create_string_buffer(512)
    for name, value in (("bootstrap.servers", bootstrap), ("socket.timeout.ms", "5000")):
        if conf_set(conf, name.encode(), value.encode(), errstr, len(errstr)) != 0:
            raise SystemExit(errstr.value.decode())
    rk = kafka_new(0, conf, errstr, len(errstr))  # a producer handle is enough for admin requests
    if not rk:
        raise SystemExit(errstr.value.decode())
    try:
        if command == "list":
            answer = list_groups(rk)
        elif command == "describe":
            answer = describe(rk, *args)
        elif command == "offsets":
            answer = offsets_request(rk, "ListConsumerGroupOffsets", args[0], None)
        elif command == "alter":
            answer = offsets_request(rk, "AlterConsumerGroupOffsets", args[0], partition_list(args[1], args[2:], True))
        elif command == "delete-offsets":
            answer = offsets_request(rk, "DeleteConsumerGroupOffsets", args[0], partition_list(args[1], args[2:], False))
        elif command == "delete":
            answer = delete(rk, *args)
        else:
            raise SystemExit(f"unknown command {command}")
        print(json.dumps(answer))
    finally:
        kafka_destroy(rk)


if __name__ == "__main__":
    main()
