"""The public event catalogue: the one table of every event type a subscription can name,
what it announces, and the JSON Schema of its `data`. The payloads (webhooks/events.py),
ListEventTypes and docs/WEBHOOKS.md are made from it (a test checks the docs against it).

What a payload carries, and what it does not: ids, amounts, points, balances, codes of
tiers and rewards, times. Never a member's name, phone number, e-mail, birthday or
address, and never a voucher's code (a bearer value a till accepts): a subscriber that
needs them asks the API, under its own key and role.
"""

from __future__ import annotations

import dataclasses
import json

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://loyalty-suite.example/webhooks/v1/"


def _string(description: str) -> dict:
    return {"type": "string", "description": description}


def _integer(description: str) -> dict:
    return {"type": "integer", "description": description}


def _boolean(description: str) -> dict:
    return {"type": "boolean", "description": description}


def _time(description: str) -> dict:
    """An instant, RFC 3339 in UTC; null where the event has none."""
    return {"type": ["string", "null"], "format": "date-time", "description": description}


def _names(description: str) -> dict:
    return {
        "type": "object",
        "additionalProperties": {"type": "string"},
        "description": description + " (by language: vi, en)",
    }


def _object(description: str, **properties: dict) -> dict:
    return {
        "type": "object",
        "description": description,
        "required": sorted(properties),
        "properties": properties,
    }


def _money(description: str) -> dict:
    return {
        "type": ["object", "null"],
        "description": description + " (minor units; VND has none); null when none",
        "required": ["amount_minor", "currency"],
        "properties": {
            "amount_minor": _integer("Amount in the currency's minor units"),
            "currency": _string("ISO 4217 code, e.g. VND"),
        },
    }


BALANCE = _object(
    "The member's balance after the change",
    available=_integer("Points the member can spend"),
    pending=_integer("Points not spendable yet"),
    held=_integer("Points a till has reserved"),
    account_version=_integer("Increases with every change: ignore an older balance"),
)


@dataclasses.dataclass(frozen=True)
class EventType:
    name: str  # public, stable: e.g. points.earned
    internal: str  # the services' event it comes from (proto/loyalty/events/v1)
    description: str
    data: dict  # JSON Schema of `data`

    def schema(self) -> dict:
        """The JSON Schema of the whole payload a receiver gets."""
        return {
            "$schema": SCHEMA_DIALECT,
            "$id": f"{SCHEMA_BASE}{self.name}.json",
            "title": self.name,
            "description": self.description,
            "type": "object",
            "required": ["id", "type", "occurred_at", "member_id", "data"],
            "properties": {
                "id": _string("The event id: the same on every attempt and replay; dedupe on it"),
                "type": {"const": self.name, "description": "The event type"},
                "occurred_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "When it happened, RFC 3339 in UTC",
                },
                "member_id": _string("The member it is about"),
                "data": self.data,
            },
        }

    def schema_json(self) -> str:
        return json.dumps(self.schema(), indent=2, ensure_ascii=False)


# What message.delivered and message.failed both say of the delivery.
MESSAGE_DELIVERY = {
    "message_id": _string("Message"),
    "delivery_id": _string("The message's delivery on this channel"),
    "channel": _string('"email", "sms", "push" or "inbox"'),
    "message_type": _string('e.g. "welcome", "purchase_thank_you"'),
    "category": _string('"transactional" or "marketing"'),
}

CATALOGUE: tuple[EventType, ...] = (
    EventType(
        "member.enrolled",
        "member.enrolled",
        "A member joined the programme.",
        _object(
            "The enrolment",
            member_number=_string("The member's number (printed on the card)"),
            tier_code=_string("Entry tier, e.g. MEMBER"),
            enrolment_channel=_string('Where: "app", "web", "pos" or "import"'),
            partner_id=_string("Partner of a till enrolment; empty otherwise"),
            store_id=_string("Store of a till enrolment; empty otherwise"),
            referred_by=_string("Member id of the referrer; empty if none"),
            enrolled_at=_time("When enrolled"),
            member_version=_integer("Increases with every change of the member"),
        ),
    ),
    EventType(
        "member.updated",
        "member.updated",
        "A member's profile changed (which fields; not their values).",
        _object(
            "The change",
            changed_fields={
                "type": "array",
                "items": {"type": "string"},
                "description": 'Profile fields changed, e.g. ["phone", "language"]',
            },
            member_version=_integer("Increases with every change of the member"),
        ),
    ),
    EventType(
        "member.erased",
        "member.erased",
        "A member's personal data was erased on request: delete your copy of it.",
        _object(
            "The erasure",
            erased_at=_time("When erased"),
            member_version=_integer("Increases with every change of the member"),
        ),
    ),
    EventType(
        "member.tier_changed",
        "tier.changed",
        "A member moved to another tier (an upgrade at once, a downgrade at the review).",
        _object(
            "The change",
            from_tier=_string("Previous tier code; empty at enrolment"),
            to_tier=_string("New tier code"),
            upgrade=_boolean("True for a move to a higher tier"),
            reason=_string('Why: "enrolment", "threshold_reached", "review_drop_one", ...'),
            qualifying_value=_integer("Qualifying points or spend at the change"),
            tier_change_id=_string("The tier history entry"),
            effective_at=_time("When it took effect"),
        ),
    ),
    EventType(
        "points.earned",
        "points.earned",
        "A purchase earned points (also sent when it earned none).",
        _object(
            "The earn",
            entry_id=_string("Ledger entry"),
            partner_id=_string("Partner"),
            store_id=_string("Store"),
            transaction_id=_string("The partner's transaction id"),
            amount=_money("Purchase amount"),
            points=_integer("Points awarded"),
            pending_points=_integer("Of which pending"),
            available_at=_time("When the pending points become available; null if none"),
            expires_at=_time("When the points expire; null if never"),
            purchased_at=_time("When the purchase happened"),
            balance=BALANCE,
        ),
    ),
    EventType(
        "points.reversed",
        "points.reversed",
        "A return took back a purchase's points (in proportion for a partial return).",
        _object(
            "The reversal",
            entry_id=_string("Ledger entry"),
            partner_id=_string("Partner"),
            store_id=_string("Store taking the return"),
            return_id=_string("The partner's return id"),
            original_transaction_id=_string("The purchase's transaction id"),
            returned_amount=_money("Amount returned"),
            points_to_reverse=_integer("Points the return should take back"),
            reversed_points=_integer("Points taken back"),
            shortfall_points=_integer("Points not taken (already spent)"),
            fully_returned=_boolean("The whole purchase is now returned"),
            balance=BALANCE,
        ),
    ),
    EventType(
        "points.expired",
        "points.expired",
        "Points of a member expired.",
        _object(
            "The expiry",
            entry_id=_string("Ledger entry"),
            points=_integer("Points expired in total"),
            lots={
                "type": "array",
                "description": "Per lot",
                "items": _object(
                    "An expired lot",
                    lot_id=_string("Lot"),
                    points=_integer("Points expired from it"),
                    expires_at=_time("Its expiry"),
                ),
            },
            balance=BALANCE,
        ),
    ),
    EventType(
        "points.redeemed",
        "points.redeemed",
        "A member spent points (for a reward, or as payment at a till).",
        _object(
            "The redeem",
            entry_id=_string("Ledger entry"),
            points=_integer("Points spent"),
            purpose=_string('What for, e.g. "reward", "payment"'),
            reference=_string("Redemption id or till transaction id"),
            partner_id=_string("Partner (payment at a till); empty otherwise"),
            store_id=_string("Store; empty otherwise"),
            balance=BALANCE,
        ),
    ),
    EventType(
        "voucher.issued",
        "voucher.issued",
        "A voucher was given without a redemption (birthday, compensation, gift, bonus).",
        _object(
            "The voucher (its code is not sent)",
            voucher_id=_string("Voucher"),
            reason=_string('Why: "birthday", "compensation", "gift" or "bonus"'),
            reward_id=_string("Reward it carries"),
            reward_name=_names("Reward name"),
            percent_off_bp=_integer("Percentage off in basis points (2000 = 20%); 0 if none"),
            fixed_value=_money("Amount off"),
            expires_at=_time("When it expires"),
        ),
    ),
    EventType(
        "voucher.used",
        "voucher.used",
        "A till used a voucher.",
        _object(
            "The use",
            voucher_id=_string("Voucher"),
            redemption_id=_string("Redemption that issued it; empty for issued vouchers"),
            partner_id=_string("Partner"),
            store_id=_string("Store"),
            transaction_id=_string("Till transaction"),
            used_at=_time("When used"),
        ),
    ),
    EventType(
        "reward.redeemed",
        "reward.redeemed",
        "A member redeemed a reward from the catalogue.",
        _object(
            "The redemption (a voucher's code is not sent)",
            redemption_id=_string("Redemption"),
            reward_id=_string("Reward"),
            reward_name=_names("Reward name"),
            reward_type=_string('Kind of reward, e.g. "percentage_voucher", "gift"'),
            points_spent=_integer("Points spent"),
            entry_id=_string("Ledger entry"),
            voucher_expires_at=_time("When its voucher expires; null without voucher"),
            value=_money("Discount granted (points as payment)"),
            balance=BALANCE,
        ),
    ),
    EventType(
        "message.delivered",
        "message.delivered",
        "A message to a member was handed to its channel (provider or in-app inbox).",
        _object(
            "The delivery (not its text nor its address)",
            **MESSAGE_DELIVERY,
            attempts=_integer("Attempts it took"),
            sent_at=_time("When sent"),
        ),
    ),
    EventType(
        "message.failed",
        "message.failed",
        "A message to a member was given up on (dead-lettered); staff may send it again.",
        _object(
            "The delivery (not its text nor its address)",
            **MESSAGE_DELIVERY,
            attempts=_integer("Attempts made"),
            reason=_string('"max_attempts", "provider_rejected" or "no_template"'),
            failed_at=_time("When it was given up on"),
        ),
    ),
)

BY_NAME = {event.name: event for event in CATALOGUE}
BY_INTERNAL = {event.internal: event for event in CATALOGUE}
NAMES = frozenset(BY_NAME)


def unknown(names) -> list[str]:
    """The names that are not in the catalogue."""
    return [name for name in names if name not in BY_NAME]


def markdown() -> str:
    """The catalogue as docs/WEBHOOKS.md shows it (between its catalogue markers)."""
    sections = [
        f"### `{event.name}`\n\n{event.description} From the services' `{event.internal}`."
        f"\n\n```json\n{event.schema_json()}\n```\n"
        for event in sorted(CATALOGUE, key=lambda event: event.name)
    ]
    return "\n".join(sections)
