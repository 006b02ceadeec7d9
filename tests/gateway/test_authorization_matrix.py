"""The authorisation matrix (security issue #19): every route the gateway serves against
every kind of caller, with the answer each must get.

The table is generated from the routes the app itself builds: `create_app()` collects
every declared `Route` and `Custom` operation in `app.extensions["api"].routes`, the same
list the OpenAPI document is made from, so a new route gets its rows without anyone
writing them. Two guards keep it whole: the rules under /v1/ in Flask's url_map (the
documentation pages aside, named below) must be exactly the table's, so a route added
outside the route lists fails; and every partner route that takes a store must have a
valid body below for its cross-tenant rows.

What each caller must get follows from the route's declared audience and role:
- public: anyone passes;
- member: only a member's access token; no valid token (none, an expired one, an API key
  instead) is 401, since the credential the route takes is absent or not valid;
- partner and staff: an API key; none, a member's token only or a revoked key is 401, a
  valid key of the other kind 403, a staff key below the route's role 403;
- passing means neither 401 nor 403 (nor 429 nor 5xx): the request may be refused
  otherwise (400, 404, 409, 422).

Nothing the matrix sends changes anything: the gateway authenticates before it checks the
body, and every body it sends to a declared route is refused by that route's schema (a
field no request has; `test_the_probe_body_is_refused_by_every_schema` holds that), so an
allowed caller gets 400 and no service is called; GETs name made-up ids. Only the
cross-tenant rows send valid bodies, naming another partner's store or a store the key
is not scoped to, at this file's own partners.

The requests go to a gateway app made in this process (as test_limits_and_outages.py
does) in front of the running suite's services and Redis, signed with a JWT secret of
this file's, so an expired member token can be signed honestly; members sign in for real
through it with the code the suite's SMS stand-in receives.
"""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
import time
import uuid
from collections.abc import Callable

import jwt
import pytest

from common import clock
from common.contracts import message_classes
from gateway.api import MUTATING, BodyCheck, Custom, Route
from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.principals import ROLES
from services.points.rewards.domain import codes
from tests.support.gateway import ADMIN_KEY, now_text, sign_in_codes
from tests.support.waiting import wait_for

JWT_SECRET = "authorization-matrix-" + secrets.token_urlsafe(24)
# A body no request message has a field for: refused by every declared route's schema,
# after the caller is authenticated and before any service is called.
PROBE = {"authorization_matrix_probe": True}
# Rules under /v1/ that are not declared routes: the contract and the page that reads it.
DOCUMENTATION = (("GET", "/v1/openapi.json"), ("GET", "/v1/docs"))
ALLOWED = "allowed"  # neither 401 nor 403 (nor 429 nor 5xx)


def _settings(**env: str) -> GatewaySettings:
    keep = {k: os.environ[k] for k in (clock.OFFSET_VARIABLE,) if k in os.environ}
    return GatewaySettings.from_env({**keep, **env})


# The app whose routes make the table (no connection is opened to build it).
CATALOGUE = create_app(_settings(REDIS_URL="redis://127.0.0.1:9/0"))


@dataclasses.dataclass(frozen=True)
class Row:
    method: str
    path: str  # the Flask rule
    audience: str
    role: str  # staff routes: the least role
    takes_store: bool  # a partner route whose request names a store (store_id)
    declared: Route | Custom | None

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def _takes_store(route: Route | Custom) -> bool:
    if not isinstance(route, Route) or route.audience != "partner":
        return False
    request_class, _ = message_classes(route.rpc)
    fields = request_class.DESCRIPTOR.fields_by_name
    return "store_id" in fields and "store_id" not in route.taken_elsewhere(request_class)


def build_table(app) -> list[Row]:
    rows = [
        Row(
            route.method,
            route.path,
            route.audience,
            getattr(route, "role", "viewer"),
            _takes_store(route),
            route,
        )
        for route in app.extensions["api"].routes
    ]
    rows += [Row(method, path, "public", "", False, None) for method, path in DOCUMENTATION]
    return rows


TABLE = build_table(CATALOGUE)
STORE_ROWS = [row for row in TABLE if row.takes_store]


@dataclasses.dataclass(frozen=True)
class Caller:
    name: str
    kind: str  # "none", "member", "partner", "staff", "revoked" or "expired"
    role: str = ""  # staff keys
    scoped_elsewhere: bool = False  # a key scoped to store 1 that names store 2


CALLERS = (
    Caller("nobody", "none"),
    Caller("member-A", "member"),
    Caller("member-B", "member"),
    Caller("partner-A", "partner"),
    Caller("partner-B", "partner"),
    Caller("partner-A-store1-key", "partner", scoped_elsewhere=True),
    Caller("viewer", "staff", "viewer"),
    Caller("operator", "staff", "operator"),
    Caller("admin", "staff", "admin"),
    Caller("revoked-key", "revoked"),
    Caller("expired-member-token", "expired"),
)


def expected(row: Row, caller: Caller):
    """ALLOWED, 401 or 403, from the route's audience and role alone."""
    if row.audience == "public":
        return ALLOWED
    if row.audience == "member":
        return ALLOWED if caller.kind == "member" else 401
    if caller.kind not in ("partner", "staff"):
        return 401  # no API key, or one that no longer works
    wanted = "partner" if row.audience == "partner" else "staff"
    if caller.kind != wanted:
        return 403
    if wanted == "staff":
        return ALLOWED if ROLES.index(caller.role) >= ROLES.index(row.role) else 403
    if caller.scoped_elsewhere and row.takes_store:
        return 403
    return ALLOWED


# Security bugs and rules not yet in place: (method, path, caller) -> reason.
KNOWN: dict[tuple[str, str, str], str] = {}


def _cases():
    for row in TABLE:
        for caller in CALLERS:
            why = KNOWN.get((row.method, row.path, caller.name))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            yield pytest.param(row, caller, id=f"{row.name} as {caller.name}", marks=marks)


# The world the matrix runs in


@dataclasses.dataclass
class World:
    client: object  # a Flask test client of a gateway app in front of the suite
    headers: dict[str, dict[str, str]]  # caller name -> credentials
    store_a1: str
    store_a2: str
    member_a: str
    member_b: str


def _send(client, method: str, path: str, headers: dict, body=None, query=None):
    sent = {"Idempotency-Key": f"matrix-{uuid.uuid4().hex}", **headers}
    options: dict = {"headers": sent}
    if method in MUTATING:
        options["json"] = {} if body is None else body
    if query:
        options["query_string"] = query
    answer = client.open(path, method=method, **options)
    return answer.status_code, (answer.get_json(silent=True) or {})


def _ok(client, method, path, headers, body=None, status=(200, 201)) -> dict:
    got, answer = _send(client, method, path, headers, body)
    assert got in status, (method, path, got, answer)
    return answer


def _sign_in(suite, client, phone: str) -> str:
    got, _ = _send(client, "POST", "/v1/auth/code", {}, {"phone": phone})
    assert got == 202
    code = wait_for(lambda: sign_in_codes(suite, phone), what="code")[-1]
    tokens = _ok(client, "POST", "/v1/auth/token", {}, {"phone": phone, "code": code})
    return tokens["access_token"]


def _member_token(member_id: str, expires_in: int) -> str:
    now = int(time.time())
    claims = {"sub": member_id, "typ": "access", "iat": now - 3600, "exp": now + expires_in}
    return jwt.encode({**claims, "jti": uuid.uuid4().hex}, JWT_SECRET, algorithm="HS256")


@pytest.fixture(scope="session")
def world(suite) -> World:
    app = create_app(
        _settings(
            POINTS_ADDR=suite.grpc_address("points"),
            MEMBERS_ADDR=suite.grpc_address("members"),
            NOTIFICATIONS_ADDR=suite.grpc_address("notifications"),
            REDIS_URL=suite.redis_url,
            GATEWAY_JWT_SECRET=JWT_SECRET,
        )
    )
    client = app.test_client()
    root = {"X-API-Key": ADMIN_KEY}
    tag = uuid.uuid4().hex[:6]
    partners = {"A": f"matrix-a-{tag}", "B": f"matrix-b-{tag}"}
    for partner in partners.values():
        _ok(
            client,
            "POST",
            "/v1/admin/partners",
            root,
            {"partner_id": partner, "name": partner, "currency": "VND"},
        )
        for store in ("s1", "s2"):
            _ok(
                client,
                "POST",
                "/v1/admin/stores",
                root,
                {"store_id": f"{partner}-{store}", "partner_id": partner, "name": store},
            )

    def key(role: str, partner: str = "", stores: tuple[str, ...] = ()) -> dict:
        body = {"name": f"matrix {role} {partner}", "role": f"API_KEY_ROLE_{role.upper()}"}
        if partner:
            body |= {"partner_id": partner, "store_ids": list(stores)}
        return _ok(client, "POST", "/v1/admin/api-keys", root, body, status=(201,))

    store_a1, store_a2 = f"{partners['A']}-s1", f"{partners['A']}-s2"
    made = {
        "partner-A": key("partner", partners["A"]),
        "partner-B": key("partner", partners["B"]),
        "partner-A-store1-key": key("partner", partners["A"], (store_a1,)),
        "viewer": key("viewer"),
        "operator": key("operator"),
        "admin": key("admin"),
        "revoked-key": key("admin"),
    }
    headers = {name: {"X-API-Key": made[name]["secret"]} for name in made}
    # The revoked key worked, then is revoked through the API.
    assert _send(client, "GET", "/v1/admin/partners", headers["revoked-key"])[0] == 200
    revoked = made["revoked-key"]["key"]["key_id"]
    _ok(client, "POST", f"/v1/admin/api-keys/{revoked}/revoke", root, {"reason": "matrix"})
    assert _send(client, "GET", "/v1/admin/partners", headers["revoked-key"])[0] == 401

    members = {}
    for who, phone in (("A", "0907 190 001"), ("B", "0907 190 002")):
        enrolled = _ok(
            client,
            "POST",
            "/v1/partner/enrolments",
            headers["partner-A"],
            {
                "profile": {
                    "name": f"Matrix {who}",
                    "phone": phone,
                    "language": "vi",
                    "preferred_channels": ["CHANNEL_INBOX", "CHANNEL_SMS"],
                },
                "store_id": store_a1,
                "enrolment_channel": "pos",
            },
            status=(201,),
        )
        members[who] = enrolled["member"]["member_id"]
        headers[f"member-{who}"] = {"Authorization": f"Bearer {_sign_in(suite, client, phone)}"}
    wait_for(
        lambda: _send(client, "GET", f"/v1/admin/members/{members['A']}/balance", root)[0] == 200,
        what="member A's ledger account",
    )
    # A token signed like ours is good until it expires: the expired one fails for that.
    fresh = {"Authorization": f"Bearer {_member_token(members['A'], 300)}"}
    assert _send(client, "GET", "/v1/me", fresh)[0] == 200
    headers["expired-member-token"] = {
        "Authorization": f"Bearer {_member_token(members['A'], -60)}"
    }
    headers["nobody"] = {}
    return World(client, headers, store_a1, store_a2, members["A"], members["B"])


# Valid requests at a store, for the cross-tenant rows: (body, query) given the store.
def _purchase(world: World, store: str) -> dict:
    return {
        "member_id": world.member_a,
        "store_id": store,
        "transaction_id": f"matrix-{uuid.uuid4().hex[:8]}",
        "amount": {"amount_minor": 100_000, "currency": "VND"},
        "occurred_at": now_text(),
    }


AT_STORE: dict[tuple[str, str], Callable[[World, str], tuple[dict | None, dict | None]]] = {
    ("POST", "/v1/partner/enrolments"): lambda w, store: (
        {
            "profile": {
                "name": "Matrix Cross",
                "phone": f"0907 18{secrets.randbelow(10)} {secrets.randbelow(1000):03d}",
                "language": "vi",
            },
            "store_id": store,
            "enrolment_channel": "pos",
        },
        None,
    ),
    ("POST", "/v1/partner/earns"): lambda w, store: (_purchase(w, store), None),
    ("POST", "/v1/partner/returns"): lambda w, store: (
        {
            "member_id": w.member_a,
            "store_id": store,
            "return_id": f"matrix-{uuid.uuid4().hex[:8]}",
            "original_transaction_id": "matrix-none",
            "full": True,
            "occurred_at": now_text(),
        },
        None,
    ),
    ("POST", "/v1/partner/holds"): lambda w, store: (
        {"member_id": w.member_a, "points": 1, "store_id": store, "reference": "matrix"},
        None,
    ),
    ("POST", "/v1/partner/payments"): lambda w, store: (
        {"member_id": w.member_a, "points": 1, "store_id": store, "reference": "matrix"},
        None,
    ),
    ("GET", "/v1/partner/vouchers/<code>"): lambda w, store: (
        None,
        {"store_id": store, "member_id": w.member_a},
    ),
    ("POST", "/v1/partner/vouchers/<code>/use"): lambda w, store: (
        {
            "store_id": store,
            "member_id": w.member_a,
            "transaction_id": f"matrix-{uuid.uuid4().hex[:8]}",
            "purchase_amount": {"amount_minor": 100_000, "currency": "VND"},
        },
        None,
    ),
    # No such custom event type in the matrix's world: an allowed till gets 404.
    ("POST", "/v1/partner/events"): lambda w, store: (
        {"member_id": w.member_a, "name": "matrix_visit", "store_id": store},
        None,
    ),
    ("POST", "/v1/partner/simulate"): lambda w, store: (
        {
            "member_id": w.member_a,
            "store_id": store,
            "amount": {"amount_minor": 100_000, "currency": "VND"},
            "occurred_at": now_text(),
        },
        None,
    ),
}


def _at_store(world: World, row: Row, store: str | None) -> tuple[dict | None, dict | None]:
    if (row.method, row.path) not in AT_STORE:
        pytest.fail(f"{row.name} takes a store: give it a valid request in AT_STORE")
    body, query = AT_STORE[(row.method, row.path)](world, store or "")
    if store is None:
        for given in (body, query):
            if given is not None:
                given.pop("store_id", None)
    return body, query


# Made-up ids for the path; a voucher code must be well formed to be looked for at all.
UNKNOWN_CODE = codes.new_code()


def _path(row: Row) -> str:
    return re.sub(
        r"<([^>]+)>",
        lambda part: UNKNOWN_CODE if part.group(1) == "code" else "nonexistent",
        row.path,
    )


def _asks_for_presence(answer: dict) -> bool:
    """A till spending without the member's presence code (403 PRESENCE_REQUIRED and the
    like, naming the field "presence"): the caller passed authorisation; what is missing
    is the member at the till, so it is neither an allowed caller denied nor a refusal of
    the caller."""
    error = answer.get("error", {})
    fields = {f.get("field") for f in error.get("fields", [])}
    return str(error.get("code", "")).startswith("presence_") or "presence" in fields


def _judge(row: Row, who: str, want, status: int, answer: dict) -> None:
    error = answer.get("error", {})
    assert status != 429, f"{row.name} as {who}: rate-limited, not judged"
    if want == ALLOWED:
        denied = status == 401 or (status == 403 and not _asks_for_presence(answer))
        assert not denied and status < 500, (status, error)
    else:
        assert status == want and not _asks_for_presence(answer), (status, error)


# The guards


def test_the_table_covers_every_route_the_app_serves():
    served = {
        (method, rule.rule)
        for rule in CATALOGUE.url_map.iter_rules()
        if rule.rule.startswith("/v1/") and rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    tabled = {(row.method, row.path) for row in TABLE}
    assert len(tabled) == len(TABLE), "a (method, path) appears twice in the route lists"
    assert served == tabled
    assert len(served) == len(TABLE)


def test_every_route_that_takes_a_store_has_a_valid_request_for_the_cross_tenant_rows():
    assert {(row.method, row.path) for row in STORE_ROWS} == set(AT_STORE)


def test_the_probe_body_is_refused_by_every_schema():
    """So the matrix's mutating requests never reach a service."""
    api = CATALOGUE.extensions["api"]
    for route in api.routes:
        if isinstance(route, Route) and route.method in MUTATING:
            check = BodyCheck({**api.body_schema(route), "components": {"schemas": api.components}})
            assert check.errors(PROBE), route.path


# The matrix


@pytest.mark.suite
@pytest.mark.parametrize(("row", "caller"), list(_cases()))
def test_matrix(world, row: Row, caller: Caller):
    want = expected(row, caller)
    body, query = (PROBE if row.declared is not None else {}), None
    if isinstance(row.declared, Custom):
        body = {}  # the sign-in bodies, refused for lack of a phone
    if caller.scoped_elsewhere and row.takes_store:
        body, query = _at_store(world, row, world.store_a2)
    status, answer = _send(
        world.client, row.method, _path(row), world.headers[caller.name], body, query
    )
    _judge(row, caller.name, want, status, answer)


@pytest.mark.suite
def test_a_member_token_acts_for_its_own_member_only(world):
    """Member routes take the member from the token, and a body cannot name another."""
    for who, member in (("member-A", world.member_a), ("member-B", world.member_b)):
        status, answer = _send(world.client, "GET", "/v1/me", world.headers[who])
        assert status == 200
        assert answer["member"]["member_id"] == member
    sneaky = {"member_id": world.member_a}
    status, _ = _send(world.client, "PATCH", "/v1/me", world.headers["member-B"], sneaky)
    assert status == 400


# Cross-tenant: a partner's key names a store it does not act for.

CROSS = {
    # Partner B's key (all of B's stores) names partner A's store.
    "partner-B-at-A-store": ("partner-B", "store_a1"),
    # Partner A's key scoped to store 1 names no store at all.
    "partner-A-store1-key-naming-no-store": ("partner-A-store1-key", None),
}
# Security bugs and rules not yet in place: (method, path, case) -> reason. Empty since
# gateway/access.py's own_store refuses both cases (issue #19): a key scoped to some stores
# that names none (400 on store_id), and a store of another partner (403).
KNOWN_CROSS: dict[tuple[str, str, str], str] = {}


def _cross_cases():
    for row in STORE_ROWS:
        for name in CROSS:
            why = KNOWN_CROSS.get((row.method, row.path, name))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            yield pytest.param(row, name, id=f"{row.name} as {name}", marks=marks)


@pytest.mark.suite
@pytest.mark.parametrize(("row", "case"), list(_cross_cases()))
def test_cross_tenant(world, row: Row, case: str):
    """Refused for the store: 403 from the gateway, or the services' 404 for a store that
    is not this partner's (as test_authorization.py has it), or 400 naming store_id when
    a scoped key names none; never done."""
    who, store_attribute = CROSS[case]
    store = getattr(world, store_attribute) if store_attribute else None
    body, query = _at_store(world, row, store)
    status, answer = _send(world.client, row.method, _path(row), world.headers[who], body, query)
    error = answer.get("error", {})
    fields = {f["field"] for f in error.get("fields", [])}
    assert status != 429, "rate-limited, not judged"
    refused = status == 403 and not _asks_for_presence(answer)  # the store, not presence
    if store is None:
        assert refused or (status == 400 and "store_id" in fields), (status, error)
    else:
        assert refused or (status == 404 and "store_id" in fields), (status, error)
