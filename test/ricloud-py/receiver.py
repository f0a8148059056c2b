"""A webhook receiver for the mock's deliveries: ricloud-py's own Flask app (`ricloud.webhooks.app`), served on
loopback in a thread, which verifies each delivery's `Ricloud-Signature` with `ricloud.webhooks.verify_request`.
It records what it got and what it answered, and holds a delivery until the test has told it the config's secret
(the mock sends a config's test event a moment after answering the create).
"""
import logging
import threading
import time

from flask import request
from werkzeug.serving import make_server

import ricloud
import ricloud.webhooks


class Receiver:
    """`url` is where it listens; `/webhooks/<event id>` is verified, any other path is 404 (a failing receiver)."""

    def __init__(self):
        self.app = ricloud.webhooks.app
        self.deliveries = []
        self._secret_known = threading.Event()
        self.app.config["WEBHOOK_DELTA"] = 600
        # handle_event prints every event it does not skip: skip them all (it still prints "Test event received!").
        self.app.config["EVENTS_ONLY"] = ["none"]
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        self.app.before_request(self._hold_until_secret)
        self.app.after_request(self._record)
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = "http://127.0.0.1:%d" % self._server.server_port
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def use_secret(self, secret):
        """Verifies deliveries with `secret` (a webhook config's) from now on."""
        self.app.config["WEBHOOK_SECRET"] = secret
        self._secret_known.set()

    def _hold_until_secret(self):
        if request.path.startswith("/webhooks/"):
            assert self._secret_known.wait(10), "no secret was given to the receiver"

    def _record(self, response):
        self.deliveries.append(
            {
                "path": request.path,
                "status": response.status_code,
                "signature": request.headers.get("Ricloud-Signature"),
                "body": request.get_data(),
                "event": request.get_json(silent=True),
            }
        )
        return response

    def accepted(self, slug):
        """The events of type.action `slug` it answered 200 (signature verified)."""
        return [
            d["event"]
            for d in self.deliveries
            if d["status"] == 200 and d["event"] and "%s.%s" % (d["event"]["type"], d["event"]["action"]) == slug
        ]

    def close(self):
        self._server.shutdown()


def wait_for(resource, done, timeout=20):
    """Refreshes `resource` (through ricloud-py's `refresh()`) until `done(resource)`; fails after `timeout` s."""
    deadline = time.time() + timeout
    while not done(resource):
        assert time.time() < deadline, "timed out waiting on %s %s: %r" % (resource.resource, resource.id, resource)
        time.sleep(0.05)
        resource.refresh()
    return resource


def settled(resource, timeout=20):
    """Waits until `resource` leaves `pending` and `processing` (a config: `new`, until its test has ended)."""
    return wait_for(resource, lambda r: r.state not in ("new", "pending", "processing"), timeout)


def configure_organisation(receiver):
    """Makes the calling key's organisation usable: a `valid` webhook config at the receiver and a `valid` storage
    config, as an organisation of the real API is set up before it takes sessions. Returns both configs."""
    webhook = ricloud.WebhookConfig.create(url=receiver.url + "/webhooks")
    receiver.use_secret(webhook.secret)
    storage = ricloud.StorageConfig.create(
        url="gs://ricloud-py-results/mock", credentials={"type": "service_account", "private_key": "not-a-key"}
    )
    assert settled(webhook).state == "valid", webhook
    assert settled(storage).state == "valid", storage
    return webhook, storage
