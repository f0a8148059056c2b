"""Drives every resource ricloud-py 3.2.0 wraps, through its public API, against the mock named by RICLOUD_URL and
RICLOUD_TOKEN (a fresh organisation). Each step asserts what the API is documented to answer; the first failure
ends the run with a traceback. Workarounds for ricloud-py's own bugs are marked `ricloud-py bug` (docs/ricloud-py.md).
"""
import contextlib
import datetime
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import traceback

import requests

import ricloud
from ricloud.exceptions import RequestError
from ricloud.samples import helpers
from ricloud.signing import Signature

from receiver import Receiver, settled, wait_for

STEPS = []


def step(function):
    STEPS.append(function)
    return function


def refused(call, status, error=None, param=None):
    """Asserts that `call()` raises ricloud-py's RequestError with this status (and error code and param, if given)."""
    try:
        call()
    except RequestError as exc:
        assert exc.status == status and error in (None, exc.error), str(exc)
        assert param is None or param in (exc.params or {}), str(exc)
        return exc
    raise AssertionError("expected %d %s" % (status, error))


def ids(listed):
    assert isinstance(listed, ricloud.List), listed
    return [item.id for item in listed]


def the_task(answer):
    # ricloud-py bug (9.6.1): test() builds `Task(attrs=response)`, so the task sits under the key "attrs".
    assert isinstance(answer, ricloud.Task) and "id" not in answer, answer
    task = answer["attrs"]
    assert isinstance(task, ricloud.Task), task
    return task


class State:
    receiver = None
    webhook = None
    storage = None
    key = None
    user = None
    source = None
    session = None
    poll = None


s = State()


@step
def organisation_starts_unconfigured():
    org = ricloud.Organisation.retrieve()
    assert isinstance(org, ricloud.Organisation)
    assert org.state == "unconfigured", org
    assert isinstance(org.webhook_configs, ricloud.List) and len(org.webhook_configs) == 0, org


@step
def current_key_and_keys():
    # ricloud-py bug (9.6.1): Key.current() builds `Key(attrs=response)` too.
    current = ricloud.Key.current()["attrs"]
    assert isinstance(current, ricloud.Key) and current.token == ricloud.token, current
    assert ids(ricloud.Key.list()) == [current.id]
    retrieved = ricloud.Key.retrieve(current.id)
    assert retrieved.token == ricloud.token and retrieved.state == "active", retrieved
    s.key = retrieved


@step
def webhook_config_create_is_tested_and_valid():
    s.receiver = Receiver()
    s.webhook = ricloud.WebhookConfig.create(url=s.receiver.url + "/webhooks")
    assert isinstance(s.webhook, ricloud.WebhookConfig) and s.webhook.state == "new", s.webhook
    assert s.webhook.secret, s.webhook
    s.receiver.use_secret(s.webhook.secret)
    assert settled(s.webhook).state == "valid", s.webhook
    (event,) = wait_for(s.receiver, lambda r: r.accepted("webhook_config.test")).accepted("webhook_config.test")
    assert event["data"]["id"] == s.webhook.id, event


@step
def signed_delivery_verifies_with_ricloud_signing():
    (delivery,) = [d for d in s.receiver.deliveries if d["status"] == 200]
    assert delivery["path"] == "/webhooks/" + delivery["event"]["id"], delivery["path"]
    signature = Signature.from_header(delivery["signature"])
    signature.verify(delivery["body"], s.webhook.secret, delta=600)
    assert Signature(signature.signature, signature.timestamp).to_header() == delivery["signature"]
    for body, secret in [(delivery["body"] + b" ", s.webhook.secret), (delivery["body"], "another secret")]:
        try:
            signature.verify(body, secret, delta=600)
        except Signature.InvalidSignature:
            continue
        raise AssertionError("a changed body or secret verified")
    mine = Signature.sign(delivery["body"], s.webhook.secret)
    Signature.from_header(mine.to_header()).verify(delivery["body"], s.webhook.secret)


@step
def webhook_config_retrieve_list_update():
    retrieved = ricloud.WebhookConfig.retrieve(s.webhook.id)
    assert retrieved.url == s.webhook.url and retrieved.state == "valid", retrieved
    assert s.webhook.id in ids(ricloud.WebhookConfig.list())
    assert s.webhook.id in ids(ricloud.WebhookConfig.list(state="valid"))
    assert ids(ricloud.WebhookConfig.list(state="invalid")) == []
    s.webhook.update(url=s.receiver.url + "/webhooks/")
    assert s.webhook.url == s.receiver.url + "/webhooks/" and s.webhook.state == "new", s.webhook
    assert settled(s.webhook).state == "valid", s.webhook


@step
def webhook_config_test_gives_a_task_that_succeeds():
    task = the_task(s.webhook.test())
    assert task.type == "webhook_config.test" and task.target == s.webhook.id, task
    assert settled(task).state == "succeeded", task
    assert ricloud.Task.retrieve(task.id).state == "succeeded"
    assert task.id in ids(ricloud.Task.list(type="webhook_config.test", limit=100))
    assert ricloud.WebhookConfig.retrieve(s.webhook.id).state == "valid"


@step
def webhook_config_failing_receiver_is_invalid_then_deactivated_and_deleted():
    bad = ricloud.WebhookConfig.create(url=s.receiver.url + "/nowhere")
    assert settled(bad).state == "invalid", bad
    task = the_task(ricloud.WebhookConfig.test_with_id(bad.id))
    assert settled(task).state == "failed" and task.error, task
    assert ricloud.WebhookConfig.retrieve(bad.id).state == "invalid"
    assert any(d["path"].startswith("/nowhere/") and d["status"] == 404 for d in s.receiver.deliveries)
    deactivated = ricloud.WebhookConfig.update_with_id(bad.id, state="deactivated")
    assert deactivated.state == "deactivated", deactivated
    assert bad.id not in ids(ricloud.WebhookConfig.list())
    assert ids(ricloud.WebhookConfig.list(state="deactivated")) == [bad.id]
    deleted = ricloud.WebhookConfig.delete_with_id(bad.id)
    assert deleted.id == bad.id and deleted.resource == "webhook_config", deleted
    refused(lambda: ricloud.WebhookConfig.retrieve(bad.id), 404)


@step
def bad_input_is_a_request_error_with_params():
    exc = refused(lambda: ricloud.WebhookConfig.create(url="not a url"), 400, "invalid-parameter", "url")
    assert exc.message, exc


@step
def storage_configs_from_credentials_files():
    folder = tempfile.mkdtemp()
    gcp = os.path.join(folder, "key.json")
    with open(gcp, "w") as f:
        json.dump({"type": "service_account", "project_id": "p", "private_key": "k", "client_email": "a@p"}, f)
    aws = os.path.join(folder, "credentials.csv")
    with open(aws, "w") as f:
        f.write("User name,Access key ID,Secret access key\nricloud,AKIAEXAMPLE,secret-example\n")
    # Results have a signed_url to download from only when their storage config signs URLs (off by default).
    s.storage = ricloud.StorageConfig.create(
        url="gs://ricloud-py-results/mock",
        credentials=ricloud.StorageConfig.read_credentials_file(gcp),
        signed_urls_enabled=True,
    )
    assert isinstance(s.storage, ricloud.StorageConfig) and s.storage.type == "gs", s.storage
    assert s.storage.signed_urls_enabled is True, s.storage
    assert set(s.storage.credentials.values()) == {"[redacted]"}, "credentials are shown"
    assert settled(s.storage).state == "valid", s.storage
    s3 = ricloud.StorageConfig.create(
        url="s3://ricloud-py-results/mock", credentials=ricloud.StorageConfig.read_credentials_file(aws)
    )
    assert sorted(s3.credentials) == ["access_key_id", "secret_access_key", "user_name"], s3
    assert s3.signed_urls_enabled is False, s3
    assert settled(s3).state == "valid", s3
    assert sorted(ids(ricloud.StorageConfig.list())) == sorted([s.storage.id, s3.id])
    assert ids(ricloud.StorageConfig.list(type="s3")) == [s3.id]
    s3.update(signed_urls_enabled=True, signed_urls_expiry=datetime.timedelta(hours=1))
    assert s3.signed_urls_enabled is True and s3.signed_urls_expiry == 3600, s3
    task = the_task(ricloud.StorageConfig.test_with_id(s3.id))
    assert task.type == "storage_config.test" and settled(task).state == "succeeded", task
    assert ricloud.StorageConfig.delete_with_id(s3.id).id == s3.id
    refused(lambda: ricloud.StorageConfig.retrieve(s3.id), 404)


@step
def organisation_update_and_state():
    org = ricloud.Organisation.retrieve()
    assert org.state == "active", org
    org.update(webhook_config_default=s.webhook, storage_config_default=s.storage, name="ricloud-py on the mock")
    assert org.webhook_config_default == s.webhook.id and org.storage_config_default == s.storage.id, org
    org = ricloud.Organisation.retrieve()
    assert org.name == "ricloud-py on the mock" and org.webhook_configs[0].id == s.webhook.id, org


@step
def keys_create_update_and_rotate():
    # As `ricloud event listen --webhook-url` points the calling key at its config (and back on exit).
    current = ricloud.Key.current()["attrs"]
    current.update(webhook_config=s.webhook)
    assert current.webhook_config == s.webhook.id and ricloud.Key.retrieve(current.id).webhook_config == s.webhook.id
    current.update(webhook_config=None)
    assert ricloud.Key.retrieve(current.id).webhook_config is None
    made = ricloud.Key.create(webhook_config=s.webhook)
    assert isinstance(made, ricloud.Key) and made.webhook_config == s.webhook.id and made.token, made
    assert sorted(ids(ricloud.Key.list())) == sorted([s.key.id, made.id])
    updated = ricloud.Key.update_with_id(made.id, storage_config=s.storage, webhook_config=None)
    assert updated.storage_config == s.storage.id and updated.webhook_config is None, updated
    old = made.token
    try:
        made.rotate()
    except ValueError:
        pass  # ricloud-py bug (9.6.2): rotate() passes the (body, status) pair to dict.update; the call was made.
    rotated = ricloud.Key.retrieve(made.id)
    assert rotated.token and rotated.token != old, rotated
    mine = ricloud.token
    try:
        ricloud.token = old
        refused(lambda: ricloud.Organisation.retrieve(), 401)
        ricloud.token = rotated.token
        assert ricloud.Key.current()["attrs"].id == made.id
    finally:
        ricloud.token = mine


@step
def permissions():
    scopes = {"source_type:icloud.account": [{"level": "user", "type": "count", "value": 3}]}
    made = ricloud.Permissions.create(scopes=scopes)
    assert isinstance(made, ricloud.Permissions) and made.scopes == scopes, made
    assert ids(ricloud.Permissions.list()) == [made.id]
    wider = {"data_type:*": [], "source_type:icloud.*": []}
    made.update(scopes=wider)
    assert made.scopes == wider and ricloud.Permissions.retrieve(made.id).scopes == wider


@step
def users():
    s.user = ricloud.User.create(identifier="ricloud-py@example.com")
    assert isinstance(s.user, ricloud.User) and s.user.key == s.key.id and s.user.state == "active", s.user
    # As the samples' get_or_create_user relies on: creating it again gives the same user.
    assert ricloud.User.create(identifier="ricloud-py@example.com").id == s.user.id
    other = ricloud.User.create(identifier="other@example.com")
    assert ids(ricloud.User.list(identifier="other@example.com")) == [other.id]
    other.update(state="deactivated")
    assert other.state == "deactivated" and ricloud.User.retrieve(other.id).state == "deactivated"
    refused(lambda: other.update(identifier=s.user.identifier), 400, "invalid-parameter", "identifier")


@step
def sources():
    s.source = ricloud.Source.create(user=s.user, type="icloud.account", identifier="john.appleseed@example.com")
    assert isinstance(s.source, ricloud.Source) and s.source.state == "unvalidated", s.source
    assert ids(ricloud.Source.list(user=s.user, identifier="john.appleseed@example.com")) == [s.source.id]
    assert ricloud.Source.retrieve(s.source.id).user == s.user.id
    refused(lambda: ricloud.Source.update_with_id(s.source.id, state="active"), 400, "invalid-parameter", "state")


@step
def sessions():
    source = {"user": s.user, "type": "icloud.account", "identifier": s.source.identifier}
    s.session = ricloud.Session.create(source=source, payload={"password": "correct horse"})
    assert isinstance(s.session, ricloud.Session) and s.session.state == "pending", s.session
    assert settled(s.session).state == "active", s.session
    assert isinstance(s.session.source, ricloud.Source) and s.session.source.id == s.source.id, s.session
    assert ricloud.Source.retrieve(s.source.id).state == "active"
    latest = ricloud.Session.list(source=s.source, state="active", limit=1)
    assert ids(latest) == [s.session.id], latest
    failed = ricloud.Session.create(source=source, payload={"password": "wrong"})
    assert settled(failed).state == "failed" and failed.error == "invalid-credentials", failed
    assert s.receiver.accepted("session.active") or wait_for(s.receiver, lambda r: r.accepted("session.active"))


@step
def polls_tasks_and_results():
    payload = {"info_types": ["*"], "data_types": ["ios_messages.messages", "ios_notes.fail"], "files": ["file-1"]}
    s.poll = ricloud.Poll.create(session=s.session, payload=payload)
    assert isinstance(s.poll, ricloud.Poll) and s.poll.state == "pending", s.poll
    assert settled(s.poll).state == "completed", s.poll
    assert len(s.poll.tasks_succeeded) == 3 and len(s.poll.tasks_failed) == 1, s.poll
    assert ids(ricloud.Poll.list(session=s.session.id, limit=1)) == [s.poll.id]
    tasks = ricloud.Task.list(poll=s.poll, limit=10)
    assert sorted(t.target for t in tasks) == ["*", "file-1", "ios_messages.messages", "ios_notes.fail"], tasks
    (failed,) = [t for t in tasks if t.state == "failed"]
    assert failed.id == s.poll.tasks_failed[0] and failed.error, failed
    results = s.poll.results
    assert isinstance(results, ricloud.List) and len(results) == 3, results
    assert all(isinstance(r, ricloud.Result) and r.state == "available" for r in results), results
    assert sorted(ids(ricloud.Result.list(poll=s.poll))) == sorted(ids(results))


@step
def result_files_download_and_acknowledge():
    for result in ricloud.Result.list(poll=s.poll):
        content = requests.get(result.signed_url["url"]).content
        assert len(content) == result.size and hashlib.md5(content).hexdigest() == result.checksum, result
        if result.identifier == "*":
            assert json.loads(content.decode("utf-8"))["info_type"] == "*", content
        elif result.type == "json":
            # A data type's result names files, as ricloud-py's own cascade reads them.
            assert len(helpers.parse_file_ids_from_result_data(json.loads(content.decode("utf-8")))) == 4, content
    first, second, third = ricloud.Result.list(poll=s.poll)
    first.acknowledge()
    assert first.state == "consumed" and first.date_consumed, first
    assert ricloud.Result.acknowledge_with_id(second.id).state == "consumed"
    assert ids(ricloud.Result.list(poll=s.poll)) == [third.id]
    assert sorted(ids(ricloud.Result.list(poll=s.poll, state="consumed"))) == sorted([first.id, second.id])
    assert ricloud.Result.retrieve(first.id).state == "consumed"


@step
def events_listed_retrieved_and_delivered():
    wait_for(s.receiver, lambda r: r.accepted("poll.completed"))
    (completed,) = ricloud.Event.list(type="poll", action="completed")
    assert isinstance(completed, ricloud.Event) and completed.data.id == s.poll.id, completed
    wait_for(completed, lambda e: e.state == "delivered")
    assert ricloud.Event.retrieve(completed.id).state == "delivered"
    since = datetime.datetime.utcnow() - datetime.timedelta(minutes=5)
    assert completed.id in ids(ricloud.Event.list(date_created__gte=since, limit=1000))
    assert ids(ricloud.Event.list(date_created__lt=since)) == []
    assert all(d["status"] == 200 for d in s.receiver.deliveries if d["path"].startswith("/webhooks/"))


@contextlib.contextmanager
def samples_reading_signed_urls():
    """ricloud-py's samples, downloading into a temporary folder. Their storage.download_result reads the result's
    gs:// url with Google's SDK; the mock has no bucket, so here it reads the result's signed_url (the result's id ends
    its url)."""

    def from_signed_url(url, to_filename=None):
        result = ricloud.Result.retrieve(url.rsplit("/", 1)[-1])
        content = requests.get(result.signed_url["url"]).content
        assert len(content) == result.size and hashlib.md5(content).hexdigest() == result.checksum, result
        with open(to_filename, "wb") as f:
            f.write(content)
        return to_filename

    folder = tempfile.mkdtemp()
    os.environ["RICLOUD_OUTPUT_DIRECTORY"] = folder
    bucket_reader = helpers.storage.download_result
    helpers.storage.download_result = from_signed_url
    try:
        yield
    finally:
        helpers.storage.download_result = bucket_reader
        del os.environ["RICLOUD_OUTPUT_DIRECTORY"]
        shutil.rmtree(folder)


@step
def poll_download_cascade_as_the_samples_do():
    # `ricloud icloud poll download --cascade` (samples.helpers): each data type's JSON result names files, which a
    # poll of `payload.files` fetches.
    with samples_reading_signed_urls():
        poll = helpers.create_poll({"data_types": ["ios_messages.messages"]}, session=s.session.id)
        data, files = helpers.process_poll_results(poll, cascade=True)
        (document,) = data.values()
        named = helpers.parse_file_ids_from_result_data(document)
        assert len(named) == 4 and sorted(files) == sorted(named), (named, files)
        for identifier, filename in files.items():
            with open(filename, "rb") as f:
                assert f.read().startswith((identifier + "\n").encode("utf-8")), filename


@step
def poll_download_cascade_of_an_info_poll():
    # ricloud-py bug: its cascade reads `data` from every JSON result, an info type's too, whose document names no
    # files (docs/ricloud-py.md). Without the cascade the info type's result downloads.
    with samples_reading_signed_urls():
        poll = helpers.create_poll({"info_types": ["*"]}, session=s.session.id)
        try:
            helpers.process_poll_results(poll, cascade=True)
            raise AssertionError("expected ricloud-py's KeyError")
        except KeyError as exc:
            assert exc.args == ("data",), exc
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            assert frame.name == "parse_file_ids_from_result_data", frame
        data, files = helpers.process_poll_results(poll, cascade=False)
        assert data == {"*": {"info_type": "*", "source_type": "icloud.account"}} and files == {}, (data, files)


@step
def subscriptions():
    sub = ricloud.Subscription.create(
        session=s.session,
        poll_payload={"data_types": ["ios_messages.messages"]},
        interval=datetime.timedelta(hours=1),
        date_start=datetime.datetime.utcnow(),
        date_end=datetime.datetime.utcnow() + datetime.timedelta(days=1),
    )
    assert isinstance(sub, ricloud.Subscription) and sub.interval == 3600, sub
    assert wait_for(sub, lambda x: x.state == "active").state == "active"
    assert ids(ricloud.Subscription.list()) == [sub.id]
    (poll,) = ricloud.Poll.list(subscription=sub.id, requestor="subscription", limit=1)
    assert settled(poll).state == "completed", poll
    sub.delete()
    assert sub.state == "deleted" and ricloud.Subscription.retrieve(sub.id).state == "deleted", sub


@step
def relay_as_the_rirelay_samples_call_it():
    # `ricloud rirelay session create CODE`: the source names no identifier; the pairing code finds the instance.
    session = ricloud.Session.create(source={"user": s.user.id, "type": "rirelay.instance"}, payload={"code": "4242"})
    assert settled(session).state == "active", session
    instance = session.source
    assert instance.type == "rirelay.instance" and instance.identifier, instance
    again = ricloud.Session.create(source={"user": s.user.id, "type": "rirelay.instance"}, payload={"code": "4242"})
    assert again.source.id == instance.id, again
    poll = ricloud.Poll.create(session=session, payload={"info_types": ["*"]})
    assert settled(poll).state == "completed", poll
    devices = ricloud.Source.list(parent=instance.id)
    assert len(devices) == 2 and all(d.type == "rirelay.source" for d in devices), devices
    # `ricloud rirelay sub create SESSION SOURCE`, then `sub poll SUB`: a manual poll names only the subscription.
    sub = ricloud.Subscription.create(session=session, source=devices[0].id, poll_payload={"info_types": ["*"]})
    manual = ricloud.Poll.create(payload={"data_types": ["ios_messages.messages"]}, subscription=sub.id)
    assert (manual.session, manual.source, manual.subscription) == (session.id, devices[0].id, sub.id), manual
    assert manual.requestor == "key" and settled(manual).state == "completed", manual
    # `ricloud rirelay sub latest SUB`: the latest poll the subscription made itself, not the manual one.
    wait_for(sub, lambda x: x.state == "active")
    (latest,) = ricloud.Poll.list(subscription=sub.id, requestor="subscription", limit=1)
    assert latest.id != manual.id and latest.requestor == "subscription", latest
    sub.delete()


@step
def ricloud_await_long_polls_sessions_and_polls():
    # [api] await_for (RICLOUD_AWAIT_FOR), read once at import: set on the shared request handler instead.
    handler = ricloud.Session.request_handler
    handler.await_for = "10"
    try:
        source = {"user": s.user, "type": "icloud.account", "identifier": "await@example.com"}
        session = ricloud.Session.create(source=source, payload={"password": "p"})
        assert session.state == "active", session
        poll = ricloud.Poll.create(session=session, payload={"info_types": ["*"], "data_types": ["ios_photos.photos"]})
        assert poll.state == "completed" and len(poll.results) == 2, poll
    finally:
        handler.await_for = "0"


@step
def lists_page_with_limit_and_after_id():
    first = ricloud.Event.list(limit=2)
    assert len(first) == 2 and first.has_more and first.total_count > 2, first
    after = ricloud.Event.list(limit=2, after_id=first[-1].id)
    assert not set(ids(after)) & set(ids(first)), after
    both = ids(ricloud.Event.list(limit=4))
    assert both == ids(first) + ids(after), both


@step
def tasks_are_not_created_by_clients():
    # ricloud-py's Task is a CreatableResource, but the API documents no POST /tasks: the mock answers 405.
    refused(lambda: ricloud.Task.create(type="webhook_config.test"), 405, "method-not-allowed")


@step
def session_delete_expires_it():
    s.session.delete()
    assert s.session.state == "expired", s.session
    refused(lambda: ricloud.Poll.create(session=s.session, payload={"info_types": ["*"]}), 400, "session-expired")


@step
def mock_reset_over_http_forgets_the_organisation():
    # The mock's own control route, not an API endpoint: how a Python suite empties `ricloud mock` between tests.
    url = ricloud.url.rstrip("/") + "/__mock/reset"
    assert requests.get(url).status_code == 405
    assert ricloud.Organisation.retrieve().state == "active"
    answer = requests.post(url)
    assert answer.status_code == 200 and answer.json() == {"reset": True}, answer.text
    org = ricloud.Organisation.retrieve()
    assert org.state == "unconfigured" and len(org.webhook_configs) == 0, org
    assert len(ricloud.Event.list()) == 0


def main():
    assert ricloud.url and ricloud.token, "set RICLOUD_URL and RICLOUD_TOKEN"
    failed = 0
    for function in STEPS:
        started = time.time()
        try:
            function()
        except Exception:
            print("FAIL %s" % function.__name__)
            traceback.print_exc()
            failed += 1
            break
        print("ok   %s (%.1f s)" % (function.__name__, time.time() - started))
    if s.receiver:
        s.receiver.close()
    print("%d of %d steps passed" % (STEPS.index(function) + 1 - failed, len(STEPS)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
