"""A pytest plugin (`-p organisation_plugin`) that sets up the organisation of `RICLOUD_TOKEN` on the mock before
ricloud-py's own integration test runs, as its organisation on the real API was: a valid webhook and storage config.
"""
import time

from receiver import Receiver, configure_organisation

_receiver = None


def pytest_sessionstart(session):
    global _receiver
    _receiver = Receiver()
    configure_organisation(_receiver)


def pytest_sessionfinish(session, exitstatus):
    # The test's session and poll were announced to the receiver, each delivery signed with the config's secret and
    # verified by ricloud-py's own receiver.
    expected = ("session.active", "poll.completed")
    deadline = time.time() + 10
    # A poll's event may still be on its way when the test has seen the poll completed.
    while exitstatus == 0 and not all(_receiver.accepted(s) for s in expected) and time.time() < deadline:
        time.sleep(0.05)
    refused = [d for d in _receiver.deliveries if d["status"] != 200]
    missing = [s for s in expected if not _receiver.accepted(s)]
    _receiver.close()
    if refused or (exitstatus == 0 and missing):
        print("\nthe receiver refused: %r; never got: %r" % (refused, missing))
        session.exitstatus = 1
