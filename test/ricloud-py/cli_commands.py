"""Runs ricloud-py's own command line (`python -m ricloud`, a click group) against the mock named by RICLOUD_URL and
RICLOUD_TOKEN: its config, webhook-config and storage-config commands, then its iCloud and Relay samples. Each
command must exit 0 and print the resource the mock answered, which is checked.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import ricloud

from receiver import Receiver, settled

PRINTED = re.compile(r"^(\w+)\((\{.*\})\)$", re.MULTILINE | re.DOTALL)


def cli(*args, answers=None):
    """Runs `python -m ricloud *args`, `answers` typed at its prompts; returns its output, failing on a nonzero exit."""
    command = [sys.executable, "-m", "ricloud"] + list(args)
    done = subprocess.run(command, input=answers, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, "ricloud %s exited %d:\n%s%s" % (
        " ".join(args),
        done.returncode,
        done.stdout,
        done.stderr,
    )
    return done.stdout


def printed(output, name):
    """The resource a command printed as `Name({...})`."""
    match = PRINTED.search(output)
    assert match and match.group(1) == name, output
    return json.loads(match.group(2))


def main():
    receiver = Receiver()
    view = cli("config", "view")
    assert "url = https://ricloud-api.reincubate.com" in view and "await_for = 0" in view, view

    webhook = printed(cli("webhook-config", "create", "--url", receiver.url + "/webhooks"), "WebhookConfig")
    receiver.use_secret(webhook["secret"])
    # ricloud-py bug (9.6.1): the task is printed nested under "attrs".
    task = printed(cli("webhook-config", "test", webhook["id"]), "Task")["attrs"]
    assert task["type"] == "webhook_config.test" and task["target"] == webhook["id"], task

    credentials = os.path.join(tempfile.mkdtemp(), "key.json")
    with open(credentials, "w") as f:
        json.dump({"type": "service_account", "private_key": "k"}, f)
    args = ["storage-config", "create", "--url", "gs://ricloud-py-cli/results", "--credentials-path", credentials]
    storage = printed(cli(*args), "StorageConfig")
    assert storage["type"] == "gs" and storage["credentials"] == {"type": "[redacted]", "private_key": "[redacted]"}
    task = printed(cli("storage-config", "test", storage["id"]), "Task")["attrs"]
    assert task["type"] == "storage_config.test", task
    assert settled(ricloud.WebhookConfig.retrieve(webhook["id"])).state == "valid"
    assert settled(ricloud.StorageConfig.retrieve(storage["id"])).state == "valid"

    user = ["--user-identifier", "cli@example.com"]
    out = cli("icloud", "session", "create", "john@example.com", "--icloud-password", "p", *user)
    session = printed(out, "Session")
    assert session["state"] == "active" and "Session created" in out, out
    assert printed(cli("icloud", "session", "latest", "john@example.com", *user), "Session")["id"] == session["id"]
    # A 2FA account: the sample asks for a code on `code-required`, and again ("Invalid code provided") on a wrong one.
    args = ["icloud", "session", "create", "2fa.jane@example.com", "--icloud-password", "p"]
    out = cli(*args, *user, answers="invalid\n1234\n")
    assert printed(out, "Session")["state"] == "active" and "Invalid code provided" in out, out
    out = cli("icloud", "poll", "create", session["id"], "--info-types", "*", "--data-types", "ios_messages.messages")
    poll = printed(out, "Poll")
    assert poll["state"] == "completed" and poll["results"]["total_count"] == 2, out
    assert printed(cli("icloud", "poll", "latest", session["id"]), "Poll")["id"] == poll["id"]
    result = poll["results"]["data"][0]["id"]
    assert printed(cli("icloud", "result", "retrieve", result), "Result")["poll"] == poll["id"]

    relay = printed(cli("rirelay", "session", "create", "2468", *user), "Session")
    assert relay["state"] == "active" and relay["source"]["type"] == "rirelay.instance", relay
    sub = printed(
        cli("rirelay", "sub", "create", relay["id"], relay["source"]["id"], "--info-types", "*"), "Subscription"
    )
    manual = printed(cli("rirelay", "sub", "poll", sub["id"], "--data-types", "ios_messages.messages"), "Poll")
    assert manual["subscription"] == sub["id"] and manual["state"] == "completed", manual
    assert printed(cli("rirelay", "sub", "retrieve", sub["id"]), "Subscription")["id"] == sub["id"]
    latest = printed(cli("rirelay", "sub", "latest", sub["id"]), "Poll")
    assert latest["requestor"] == "subscription" and latest["id"] != manual["id"], latest

    refused = [d for d in receiver.deliveries if d["status"] != 200]
    assert receiver.accepted("webhook_config.test") and not refused, refused
    receiver.close()
    print("ricloud-py's command line: every command passed")


if __name__ == "__main__":
    main()
