"""Counts the requests kafka-python 2.0.2 sends, by class and version.

kafka-python logs each request on the "kafka.conn" logger at DEBUG
("Request 7: JoinGroupRequest_v2(...)"); that log is the only place it says
which version it picked from the broker's ApiVersions answer.
"""
import logging
import re


class RequestVersions(logging.Handler):
    PATTERN = re.compile(r"Request \d+: (\w+)_v(\d+)\(")

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.sent = {}

    def emit(self, record):
        match = self.PATTERN.search(record.getMessage())
        if match:
            name = f"{match.group(1)} v{match.group(2)}"
            self.sent[name] = self.sent.get(name, 0) + 1


def count_sent_requests():
    """Starts counting; the returned handler's `sent` maps "<Request class> v<version>" to a count."""
    versions = RequestVersions()
    conn_logger = logging.getLogger("kafka.conn")
    conn_logger.setLevel(logging.DEBUG)
    conn_logger.addHandler(versions)
    conn_logger.propagate = False
    return versions
