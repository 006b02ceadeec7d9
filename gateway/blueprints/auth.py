"""/v1/auth: members sign in with a code sent by SMS, and refresh their tokens."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from gateway.access import ANONYMOUS, count
from gateway.api import BodyCheck, Custom, checked_body

blueprint = Blueprint("auth", __name__)
PHONE = {"type": "string", "minLength": 6, "maxLength": 32}
TOKENS = {
    "type": "object",
    "properties": {
        "access_token": {"type": "string"},
        "token_type": {"const": "Bearer"},
        "expires_in": {"type": "integer"},
        "refresh_token": {"type": "string"},
    },
    "required": ["access_token", "token_type", "expires_in", "refresh_token"],
    "additionalProperties": False,
}
CODE_BODY = {
    "type": "object",
    "properties": {"phone": PHONE},
    "required": ["phone"],
    "additionalProperties": False,
}
TOKEN_BODY = {
    "type": "object",
    "properties": {"phone": PHONE, "code": {"type": "string", "pattern": "^[0-9]{6}$"}},
    "required": ["phone", "code"],
    "additionalProperties": False,
}
REFRESH_BODY = {
    "type": "object",
    "properties": {"refresh_token": {"type": "string", "minLength": 1, "maxLength": 200}},
    "required": ["refresh_token"],
    "additionalProperties": False,
}
# Compiled once, at import: the check runs on every sign-in request.
CODE_CHECK, TOKEN_CHECK, REFRESH_CHECK = map(BodyCheck, (CODE_BODY, TOKEN_BODY, REFRESH_BODY))
SENT = {
    "type": "object",
    "properties": {"sent": {"const": True}},
    "required": ["sent"],
    "additionalProperties": False,
}
OPERATIONS = [
    Custom(
        "POST",
        "/v1/auth/code",
        "Send a sign-in code by SMS to a member's phone "
        "(the same answer whether or not the phone is a member's; at most a few per phone "
        "and per client address, then 429)",
        "public",
        "sendSignInCode",
        SENT,
        CODE_BODY,
        status=202,
    ),
    Custom(
        "POST",
        "/v1/auth/token",
        "Exchange the code for an access and a refresh token",
        "public",
        "signIn",
        TOKENS,
        TOKEN_BODY,
    ),
    Custom(
        "POST",
        "/v1/auth/refresh",
        "A new pair of tokens for a refresh token (each refresh token works once)",
        "public",
        "refreshTokens",
        TOKENS,
        REFRESH_BODY,
    ),
]


@blueprint.post("/v1/auth/code")
def send_code():
    body = checked_body(CODE_CHECK)
    count(ANONYMOUS)
    current_app.extensions["auth"].send_code(
        body["phone"], request.remote_addr, current_app.config["LOYALTY_SETTINGS"]
    )
    return jsonify({"sent": True}), 202


@blueprint.post("/v1/auth/token")
def sign_in():
    body = checked_body(TOKEN_CHECK)
    count(ANONYMOUS)
    return jsonify(current_app.extensions["auth"].check_code(body["phone"], body["code"]))


@blueprint.post("/v1/auth/refresh")
def refresh():
    body = checked_body(REFRESH_CHECK)
    count(ANONYMOUS)
    return jsonify(current_app.extensions["auth"].refresh(body["refresh_token"]))
