"""Through the gateway of the running suite (issue #22): exports streamed as CSV (with the
BOM Excel wants, on request) and JSON Lines, an erased member without personal data,
members' data for operators only; custom events from the app and from a till, a check-in
rule capped at three a day."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from common import clock
from tests.support.gateway import ADMIN_KEY, enrol, now_text, sign_in

pytestmark = pytest.mark.suite
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def fetch(base: str, path: str, key: str) -> tuple[int, str, bytes]:
    request = urllib.request.Request(base + path, headers={"X-API-Key": key})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.headers["Content-Type"], reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_members_exported_as_csv_and_json_lines(suite, programme):
    tag = uuid.uuid4().hex[:4]
    store = f"{programme.partner}-q1"
    digits = f"{int(tag, 16) % 100_000:05d}"
    phones = [f"0913 {digits[:3]} {digits[3:]}{i}" for i in range(3)]
    ids = [enrol(programme, store, phone, name=f"Trần Thị {i}") for i, phone in enumerate(phones)]
    erased = programme.admin.post(
        f"/v1/admin/members/{ids[1]}/erase", {"reason": "asked"}, key=f"erase-{tag}"
    )
    assert erased.status == 200, erased.body

    status, kind, raw = fetch(
        suite.gateway_url, "/v1/admin/exports/members?format=csv&bom=true", ADMIN_KEY
    )
    assert status == 200 and kind.startswith("text/csv")
    assert raw.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    by_id = {row["member_id"]: row for row in table}
    assert by_id[ids[0]]["name"] == "Trần Thị 0" and by_id[ids[0]]["phone"].startswith("+84")
    gone = by_id[ids[1]]
    assert gone["status"] == "erased"
    assert (gone["name"], gone["phone"], gone["email"], gone["birthday"]) == ("", "", "", "")
    assert [row["member_id"] for row in table] == sorted(by_id)

    status, kind, raw = fetch(
        suite.gateway_url, "/v1/admin/exports/members?format=jsonl", ADMIN_KEY
    )
    assert status == 200 and kind.startswith("application/x-ndjson")
    lines = [json.loads(line) for line in raw.decode().splitlines()]
    assert {line["member_id"] for line in lines} == set(by_id)
    assert next(line for line in lines if line["member_id"] == ids[1])["name"] == ""

    # Personal data is for operators and up; a viewer reads balances, not members.
    viewer = programme.viewer.headers["X-API-Key"]
    assert fetch(suite.gateway_url, "/v1/admin/exports/members", viewer)[0] == 403
    status, _, raw = fetch(suite.gateway_url, "/v1/admin/exports/balances", viewer)
    assert status == 200 and ids[0].encode() in raw
    # A bad period is named before anything is streamed.
    status, kind, raw = fetch(
        suite.gateway_url, "/v1/admin/exports/transactions?start=yesterday", ADMIN_KEY
    )
    assert status == 400 and {f["field"] for f in json.loads(raw)["error"]["fields"]} == {
        "start",
        "end",
    }
    start = clock.now().replace(microsecond=0).isoformat()
    status, _, raw = fetch(
        suite.gateway_url,
        f"/v1/admin/exports/transactions?start={start.replace('+', '%2B')}"
        f"&end={start.replace('+', '%2B')}",
        ADMIN_KEY,
    )
    assert status == 400 and json.loads(raw)["error"]["fields"][0]["field"] == "end"


def test_a_check_in_from_the_app_earns_three_times_a_day(suite, programme):
    tag = uuid.uuid4().hex[:6]
    name, visit = f"check_in_{tag}", f"visit_{tag}"
    admin = programme.admin
    catalogue = [(name, "CUSTOM_EVENT_SOURCE_APP"), (visit, "CUSTOM_EVENT_SOURCE_PARTNER")]
    for event, source in catalogue:
        defined = admin.request(
            "PUT",
            f"/v1/admin/custom-event-types/{event}",
            {"event_type": {"sources": [source], "enabled": True}, "reason": "catalogue"},
        )
        assert defined.status == 200, defined.body
    created = admin.post(
        "/v1/admin/bonus-rules",
        {
            "rule": {
                "name": f"check-in {tag}",
                "trigger": "BONUS_TRIGGER_CUSTOM_EVENT",
                "enabled": True,
                "points": 5,
                "custom_event": {"event_name": name, "caps": {"per_member_day": 3}},
            },
            "reason": "app engagement",
        },
        key=f"rule-{tag}",
    )
    assert created.status == 201, created.body
    phone = f"0914 {int(tag[:3], 16) % 1000:03d} {int(tag[3:], 16) % 1000:03d}"
    member_id = enrol(programme, f"{programme.partner}-q1", phone)
    app = sign_in(suite, programme, phone)

    answers = [app.post("/v1/me/events", {"name": name}, key=f"ci-{i}") for i in range(4)]

    assert [a.status for a in answers] == [200] * 4, answers[-1].body
    days = {
        datetime.fromisoformat(a.body["event"]["recorded_at"]).astimezone(HCM).date()
        for a in answers
    }
    if len(days) == 1:  # (four in a row across local midnight would split the cap)
        assert [a.body.get("points", 0) for a in answers] == [5, 5, 5, 0]
    replay = app.post("/v1/me/events", {"name": name}, key="ci-0")
    assert replay.body["replayed"] is True
    # The app may not send a till's event, nor say which member it is.
    refused = app.post("/v1/me/events", {"name": visit}, key="v-1")
    assert refused.status == 422
    assert app.post("/v1/me/events", {"name": name, "member_id": "x"}, key="v-2").status == 400
    # A till records a visit for the member at one of its stores.
    till = programme.till.post(
        "/v1/partner/events",
        {
            "member_id": member_id,
            "name": visit,
            "store_id": f"{programme.partner}-q1",
            "occurred_at": now_text(),
            "attributes": {"aisle": "7"},
        },
        key=f"visit-{tag}",
    )
    assert till.status == 200, till.body
    assert till.body["event"]["source"] == "CUSTOM_EVENT_SOURCE_PARTNER"
