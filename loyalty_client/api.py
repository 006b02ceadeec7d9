"""The Loyalty Suite REST API, typed: made by `make client` from the OpenAPI document.

Do not edit: change the routes or the .proto comments, then run `make client`.
"""

# ruff: noqa: E501 - the fields' descriptions ride along as end-of-line comments

from __future__ import annotations

import urllib.parse
from typing import Literal, Required, TypedDict

from loyalty_client.transport import Transport


def _segment(value: str) -> str:
    return urllib.parse.quote(str(value), safe="")


class MemberProfile(TypedDict, total=False):
    """Profile fields a member (or staff) provides."""

    name: str  # Full name as the member writes it (Vietnamese order, diacritics kept); 1..200 characters.
    phone: str  # Phone number, E.164 or national in phone_region; stored as E.164.
    email: str  # E-mail address; 0..254 characters.
    birthday: str  # Birthday "YYYY-MM-DD"; empty = not given; not in the future.
    language: str  # Preferred language: "vi" or "en"; empty = "vi".
    time_zone: str  # IANA time zone; empty = "Asia/Ho_Chi_Minh".
    preferred_channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Preferred channels, most preferred first; no duplicates, no UNSPECIFIED.


class ConsentInput(TypedDict, total=False):
    """A consent to set."""

    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel; not UNSPECIFIED.
    granted: bool  # Grant (true) or withdraw (false).


class PageRequest(TypedDict, total=False):
    """Cursor pagination request, used by every List RPC."""

    page_size: int  # Maximum items to return.
    cursor: str  # Opaque cursor from a previous PageInfo.next_cursor; empty for the first page.


class Money(TypedDict, total=False):
    """An amount of money in the currency's minor unit, exact (never floating point)."""

    amount_minor: int  # Amount in minor units of `currency` (cents for USD; whole dong for VND, which has no minor unit)...
    currency: str  # ISO-4217 alphabetic code in upper case, e.g.


class LineItem(TypedDict, total=False):
    """A purchase line, as sent by the till or web shop."""

    line_id: str  # The partner's identifier of the line within the transaction (e.g.
    sku: str  # Product SKU as the partner knows it; 0..64 characters.
    category: str  # Product category code (the programme's category list, e.g.
    quantity: int  # Units bought; > 0.
    amount: Money  # Line total after discounts, in the purchase currency; >= 0.


class ReturnLines(TypedDict, total=False):
    """Lines returned (wrapper so it can sit in a oneof)."""

    lines: list[ReturnLine]  # Returned lines; 1..500; each line_id at most once.


class ReturnLine(TypedDict, total=False):
    """One returned line."""

    line_id: str  # The line_id of the original purchase line.
    quantity: int  # Units returned; > 0; cumulative returns of a line cannot exceed its quantity.


class PresenceProof(TypedDict, total=False):
    """What a till sends to show the member is there: the QR code's token, or the six digits."""

    code: str  # The six digits the member's app shows (or empty when `token` is sent).
    token: str  # The QR code's text, as scanned (or empty when `code` is sent); at most 200 characters.


class TierLadder(TypedDict, total=False):
    """The tier ladder."""

    measure: Literal[
        "QUALIFYING_MEASURE_UNSPECIFIED", "QUALIFYING_MEASURE_POINTS", "QUALIFYING_MEASURE_SPEND"
    ]  # The qualifying measure.
    currency: str  # ISO-4217 currency of spend thresholds (SPEND measure); spend in other currencies does not qualif...
    window: QualificationWindow  # The window.
    tiers: list[
        Tier
    ]  # Tiers in ascending order of threshold: the first is the entry tier (threshold 0), thresholds str...
    downgrade: DowngradePolicy  # Downgrade policy.
    version: int  # Incremented on every change; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.


class QualificationWindow(TypedDict, total=False):
    """The qualification window."""

    kind: Literal[
        "WINDOW_KIND_UNSPECIFIED", "WINDOW_KIND_ROLLING_MONTHS", "WINDOW_KIND_CALENDAR_YEAR"
    ]  # Kind of window.
    months: int  # Window length in months (ROLLING_MONTHS), 1..36.


class Tier(TypedDict, total=False):
    """One tier of the ladder."""

    code: str  # Stable code, e.g.
    name: dict[str, str]  # Display name per language; "vi" required, e.g.
    rank: (
        int  # Rank in the ladder: 0 for the entry tier, increasing upward; read-only (from order).
    )
    threshold_points: (
        int  # Threshold in qualifying points (QUALIFYING_MEASURE_POINTS); 0 for the entry tier.
    )
    threshold_spend: Money  # Threshold in spend (QUALIFYING_MEASURE_SPEND), in the ladder currency (a different currency is r...
    benefits: TierBenefits  # Benefits.


class TierBenefits(TypedDict, total=False):
    """Benefits of a tier."""

    earn_multiplier_bp: (
        int  # Earn multiplier in basis points: 10000 = 1x, 12500 = 1.25x, 20000 = 2x; >= 10000.
    )
    free_shipping: bool  # Free shipping on web-shop orders.
    priority_service: bool  # Priority customer service.
    exclusive_rewards: bool  # Access to exclusive rewards (RewardVisibility.exclusive).
    flags: list[str]  # Other named benefit flags, e.g.


class DowngradePolicy(TypedDict, total=False):
    """When and how members are demoted."""

    review_period_months: int  # A member's tier is reviewed this many months after it was achieved or last retained; 1..36.
    grace_period_days: int  # Days a member found below threshold at a review keeps the tier before a later review demotes the...
    mode: Literal[
        "DOWNGRADE_MODE_UNSPECIFIED", "DOWNGRADE_MODE_DROP_ONE_TIER", "DOWNGRADE_MODE_RECALCULATE"
    ]  # How the demotion is computed.


class SegmentationParams(TypedDict, total=False):
    """Parameters of a segmentation; 0 or empty means the default given."""

    window_months: int  # Window for frequency, spend and value, months; default 12.
    new_days: int  # Enrolled less than this many days ago is NEW; default 30.
    lapsed_days: int  # No purchase for this many days is LAPSED; default 180.
    regular_min_purchases: int  # Purchases in the window to be REGULAR; default 4.
    currency: str  # Currency whose purchases count; default "VND".
    frequency_days: int  # Days of purchases the frequency segments count; default 90.
    frequency_regular_min: (
        int  # Purchases in frequency_days to be frequency REGULAR; default 4 (at least 2).
    )
    frequency_frequent_min: int  # Purchases in frequency_days to be frequency FREQUENT; default 8 (above frequency_regular_min).
    ambassador_min_referrals: (
        int  # Friends referred to be in referrals AMBASSADOR; default 3 (at least 2).
    )


class ProgrammeSettings(TypedDict, total=False):
    """Programme-wide ledger settings."""

    time_zone: (
        str  # IANA time zone for expiry, caps, campaigns and dates; default "Asia/Ho_Chi_Minh".
    )
    base_rates: list[
        BaseRate
    ]  # Default base rate per currency, used when no BASE_RATE earning rule matches; at most one per cur...
    pending_days: int  # Days earned points stay pending (the return window); 0 = available at once.
    expiry_months: int  # Months until a lot expires; 0 = points never expire.
    expiry_rounding: Literal[
        "EXPIRY_ROUNDING_UNSPECIFIED",
        "EXPIRY_ROUNDING_NONE",
        "EXPIRY_ROUNDING_END_OF_DAY",
        "EXPIRY_ROUNDING_END_OF_MONTH",
    ]  # Rounding of expiry instants.
    return_policy: Literal[
        "RETURN_POLICY_UNSPECIFIED",
        "RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL",
        "RETURN_POLICY_ALLOW_NEGATIVE",
        "RETURN_POLICY_ABSORB",
    ]  # What a return does when the points were spent.
    hold_ttl_seconds: int  # Default hold lifetime, seconds; 1..86400.
    expiring_soon_days: int  # Window of Balance.expiring_soon_points, days; >= 0.
    version: int  # Incremented on every change; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.
    max_purchase_amount_minor: int  # Largest amount, in minor units of its currency, an earn may name or a return take back; 0 = the ...
    max_adjustment_points: int  # Largest number of points one adjustment may add or take away, and one gift give each member (Gra...
    max_earn_age_days: int  # How many days after a purchase a till may still report it (an earn's occurred_at); 0 = the defau...
    presence_waived_below_points: int  # Spending at a till of fewer points than this needs no proof of the member's presence; 0 = always...


class BaseRate(TypedDict, total=False):
    """Base earning rate: points_per_unit points for every whole spend_unit of eligible spend (e.g."""

    spend_unit: Money  # Spend that earns points_per_unit points; amount_minor > 0; its currency is the currency this rat...
    points_per_unit: int  # Points per spend_unit; > 0.


class EarningRule(TypedDict, total=False):
    """An earning rule."""

    rule_id: str  # Server-assigned id; read-only.
    name: str  # Internal name for the CRM team; 1..200 characters.
    display_name: dict[
        str, str
    ]  # Name shown to members in point breakdowns, per language ("vi", "en").
    description: str  # Free-text description for the CRM team.
    kind: Literal[
        "EARNING_RULE_KIND_UNSPECIFIED",
        "EARNING_RULE_KIND_BASE_RATE",
        "EARNING_RULE_KIND_TIER_MULTIPLIER",
        "EARNING_RULE_KIND_CATEGORY_MULTIPLIER",
        "EARNING_RULE_KIND_SKU_MULTIPLIER",
        "EARNING_RULE_KIND_CATEGORY_EXCLUSION",
        "EARNING_RULE_KIND_SKU_EXCLUSION",
        "EARNING_RULE_KIND_MINIMUM_SPEND",
        "EARNING_RULE_KIND_CAMPAIGN",
        "EARNING_RULE_KIND_EARNING_CAP",
    ]  # What the rule does.
    enabled: bool  # Whether the rule applies; a disabled rule is kept but skipped.
    priority: int  # Evaluation order: lower numbers first; >= 0.
    stacking: Literal[
        "STACKING_UNSPECIFIED", "STACKING_MULTIPLY", "STACKING_ADD"
    ]  # How a modifier combines with earlier rules (multiplier, campaign kinds).
    stop_further_rules: (
        bool  # After this rule applies to a line, later rules do not apply to that line.
    )
    scope: RuleScope  # Purchases, members and lines it applies to.
    schedule: RuleSchedule  # When it applies; CAMPAIGN requires starts_at and ends_at.
    multiplier_bp: int  # Multiplier in basis points (10000 = 1x, 15000 = 1.5x, 20000 = double); > 0 for multiplier kinds ...
    fixed_points: (
        int  # Flat points added once per matching transaction (STACKING_ADD CAMPAIGN only); >= 0.
    )
    base_rate: BaseRate  # Base rate (BASE_RATE only).
    minimum_spend: Money  # Minimum eligible spend (MINIMUM_SPEND only); > 0.
    caps: EarningCaps  # Caps (EARNING_CAP only); at least one > 0.
    max_points_per_transaction: (
        int  # Cap on this rule's own contribution per transaction; 0 = none.
    )
    excluded_from_tier: bool  # The points this rule adds do not count toward tier qualification.
    archived: bool  # True once deleted (archived); read-only.
    version: int  # Incremented on every change; read-only; send it back as expected_version.
    created_at: str  # When created; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.


class RuleScope(TypedDict, total=False):
    """Which purchases and members a rule applies to."""

    partner_ids: list[str]  # Partners whose purchases the rule applies to.
    store_ids: list[
        str
    ]  # Stores whose purchases the rule applies to (store ids are unique programme-wide).
    tier_codes: list[
        str
    ]  # Member tier codes (from the tier ladder) the rule applies to; unknown codes are INVALID_ARGUMENT...
    segment_ids: list[str]  # Member segment ids (loyalty.members.v1.InsightsService, e.g.
    categories: list[str]  # Line categories the rule matches (multipliers, exclusions, campaigns).
    skus: list[str]  # Line SKUs the rule matches (multipliers, exclusions, campaigns).
    currency: str  # ISO-4217 currency of the purchases it applies to; empty = any (BASE_RATE uses base_rate.spend_un...


class RuleSchedule(TypedDict, total=False):
    """When a rule applies, in the programme's time zone."""

    starts_at: str  # First instant the rule applies (inclusive); unset = since ever.
    ends_at: (
        str  # Instant the rule stops applying (exclusive); unset = no end; must be after starts_at.
    )
    days_of_week: list[
        Literal[
            "WEEKDAY_UNSPECIFIED",
            "WEEKDAY_MONDAY",
            "WEEKDAY_TUESDAY",
            "WEEKDAY_WEDNESDAY",
            "WEEKDAY_THURSDAY",
            "WEEKDAY_FRIDAY",
            "WEEKDAY_SATURDAY",
            "WEEKDAY_SUNDAY",
        ]
    ]  # Days of the week it applies; empty = every day.
    start_time: str  # Local start time of day "HH:MM" (inclusive); empty = 00:00.
    end_time: str  # Local end time of day "HH:MM" (exclusive); empty = end of day; if earlier than start_time the wi...


class EarningCaps(TypedDict, total=False):
    """Caps on purchase points; 0 means no cap for that period."""

    per_transaction: int  # Maximum points one purchase earns.
    per_member_day: int  # Maximum purchase points per member per local calendar day.
    per_member_month: int  # Maximum purchase points per member per local calendar month.


class BonusRule(TypedDict, total=False):
    """A bonus rule: points and/or a voucher awarded on an occasion."""

    bonus_rule_id: str  # Server-assigned id; read-only.
    name: str  # Internal name; 1..200 characters.
    display_name: dict[str, str]  # Name shown to members per language (history, messages).
    trigger: Literal[
        "BONUS_TRIGGER_UNSPECIFIED",
        "BONUS_TRIGGER_WELCOME",
        "BONUS_TRIGGER_FIRST_PURCHASE",
        "BONUS_TRIGGER_BIRTHDAY",
        "BONUS_TRIGGER_REFERRAL_REFERRER",
        "BONUS_TRIGGER_REFERRAL_REFEREE",
        "BONUS_TRIGGER_GIFT",
        "BONUS_TRIGGER_CUSTOM_EVENT",
    ]  # The occasion; BONUS_TRIGGER_GIFT is not allowed here.
    enabled: bool  # Whether it is awarded.
    points: int  # Points credited (as a lot with the programme's expiry; available at once); >= 0.
    voucher_reward_id: (
        str  # Reward (RewardsService) whose voucher is issued with the bonus; empty = none.
    )
    starts_at: str  # Occasions from this instant on are awarded; unset = since ever.
    ends_at: str  # Occasions before this instant are awarded; unset = no end.
    tier_codes: list[str]  # Only members in these tiers (at the occasion); empty = all.
    counts_for_tier: (
        bool  # The bonus points count toward tier qualification (by default they do not).
    )
    archived: bool  # True once deleted; read-only.
    version: int  # Incremented on every change; read-only.
    created_at: str  # When created; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.
    custom_event: CustomEventTrigger  # The event and caps (BONUS_TRIGGER_CUSTOM_EVENT only, where it is required).
    points_awarded: int  # Points the rule awarded so far, programme-wide (BONUS_TRIGGER_CUSTOM_EVENT only); read-only.


class CustomEventTrigger(TypedDict, total=False):
    """Which custom events a BONUS_TRIGGER_CUSTOM_EVENT rule pays for, and how often."""

    event_name: (
        str  # The custom event type's name (custom_events.proto), lower_snake, 1..64 characters.
    )
    attribute_equals: dict[
        str, str
    ]  # Attribute conditions: the event's attribute of each key must equal the value; empty = any event ...
    caps: CustomEventCaps  # Caps on the awards; 0 = no cap for that one.


class CustomEventCaps(TypedDict, total=False):
    """Caps of a custom event bonus rule."""

    per_member_day: int  # Awards per member per local calendar day (programme time zone); 0..1000.
    per_member_week: int  # Awards per member per ISO week (Monday to Sunday, local); 0..10000.
    per_member_lifetime: int  # Awards per member for ever; 0..1000000.
    points_budget: int  # Points the rule may award in all, programme-wide; 0..1000000000000.


class Reward(TypedDict, total=False):
    """A reward in the catalogue."""

    reward_id: str  # Server-assigned id; read-only.
    name: dict[str, str]  # Name per language, each 1..200 characters.
    description: dict[str, str]  # Description per language.
    terms: dict[str, str]  # Terms and conditions per language.
    image_url: str  # Image URL (https).
    type: Literal[
        "REWARD_TYPE_UNSPECIFIED",
        "REWARD_TYPE_PERCENTAGE_VOUCHER",
        "REWARD_TYPE_FIXED_VOUCHER",
        "REWARD_TYPE_FREE_ITEM",
        "REWARD_TYPE_GIFT",
        "REWARD_TYPE_EVENT_TICKET",
        "REWARD_TYPE_POINTS_AS_PAYMENT",
    ]  # Kind.
    status: Literal[
        "REWARD_STATUS_UNSPECIFIED",
        "REWARD_STATUS_DRAFT",
        "REWARD_STATUS_ACTIVE",
        "REWARD_STATUS_ARCHIVED",
    ]  # Catalogue status.
    points_cost: int  # Points per redemption (all types but POINTS_AS_PAYMENT); >= 0.
    percent_off_bp: int  # Percentage off, basis points (2000 = 20%); PERCENTAGE_VOUCHER; 1..10000.
    max_discount: Money  # Maximum discount of a percentage voucher; unset = no maximum.
    fixed_value: Money  # Amount off (FIXED_VOUCHER); amount_minor > 0.
    min_purchase: Money  # Minimum purchase for a voucher to be used; unset = none.
    item_sku: str  # SKU of the free item or gift (FREE_ITEM, GIFT).
    payment_rate: PaymentRate  # Conversion rate (POINTS_AS_PAYMENT).
    event_at: str  # When the event takes place (EVENT_TICKET).
    unlimited_stock: bool  # Stock is unlimited (stock fields ignored).
    stock_total: int  # Units ever put in stock; read-only (change with AdjustRewardStock; initial value taken from Crea...
    stock_remaining: int  # Units left; read-only; never below zero.
    available_from: str  # Redeemable from this instant; unset = since ever.
    available_until: str  # Redeemable until this instant (exclusive); unset = no end.
    voucher_validity_days: int  # Days an issued voucher stays valid (counted to the end of the last local day), > 0; 0 = until vo...
    voucher_expires_at: str  # Fixed expiry of issued vouchers; used when voucher_validity_days = 0; one of them is required fo...
    per_member_limit: (
        int  # Maximum redemptions per member (lifetime, cancelled ones not counted); 0 = no limit.
    )
    visibility: RewardVisibility  # Who may see it.
    partner_ids: list[str]  # Partners that accept its vouchers; empty = every partner.
    version: int  # Incremented on every change; read-only.
    created_at: str  # When created; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.


class PaymentRate(TypedDict, total=False):
    """Conversion of points to money for POINTS_AS_PAYMENT: `points` points pay `value`."""

    points: int  # Points per step; > 0 (e.g.
    value: Money  # Money per step; amount_minor > 0 (e.g.
    min_points: int  # Minimum points per redemption; 0 = one step.
    max_points: int  # Maximum points per redemption; 0 = no maximum.


class RewardVisibility(TypedDict, total=False):
    """Who may see a reward."""

    min_tier_code: (
        str  # Visible to this tier and every higher one in the ladder ("Gold and up"); empty = any.
    )
    tier_codes: list[str]  # Visible only to these tiers; empty = any.
    segment_ids: list[str]  # Visible only to members of any of these segments; empty = any.
    exclusive: bool  # Exclusive: visible only to tiers whose benefits grant exclusive_rewards.


class Template(TypedDict, total=False):
    """A template."""

    template_id: str  # Template id (changes with every version); read-only.
    message_type: Literal[
        "MESSAGE_TYPE_UNSPECIFIED",
        "MESSAGE_TYPE_WELCOME",
        "MESSAGE_TYPE_PURCHASE_THANK_YOU",
        "MESSAGE_TYPE_TIER_UPGRADE",
        "MESSAGE_TYPE_REWARD_REDEEMED",
        "MESSAGE_TYPE_POINTS_EXPIRING",
        "MESSAGE_TYPE_BIRTHDAY",
        "MESSAGE_TYPE_APOLOGY",
        "MESSAGE_TYPE_GIFT",
        "MESSAGE_TYPE_MARKETING",
        "MESSAGE_TYPE_WIN_BACK",
        "MESSAGE_TYPE_SIGN_IN_CODE",
        "MESSAGE_TYPE_GENERIC",
        "MESSAGE_TYPE_POINTS_REVERSED",
    ]  # Message type.
    language: str  # Language "vi" or "en".
    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel.
    subject: str  # Subject (e-mail), title (push, inbox); empty for SMS; 0..200 characters after rendering.
    body: str  # Body: plain text (SMS, push, inbox) or HTML (e-mail); 1..20000 characters.
    version: int  # Version, 1 for the first save, +1 per save; read-only.
    category: Literal[
        "MESSAGE_CATEGORY_UNSPECIFIED",
        "MESSAGE_CATEGORY_TRANSACTIONAL",
        "MESSAGE_CATEGORY_MARKETING",
    ]  # Category the type implies; read-only.
    is_default: bool  # This version is a shipped default; read-only.
    updated_at: str  # When saved; read-only.
    updated_by: str  # Who saved it; read-only.


class DeliverySettings(TypedDict, total=False):
    """Delivery settings (programme-wide)."""

    quiet_hours_start: str  # Quiet hours start, local "HH:MM" (e.g.
    quiet_hours_end: str  # Quiet hours end, local "HH:MM" (e.g.
    marketing_daily_cap: (
        int  # Marketing messages per member per local day; 0 = no marketing at all; >= 0.
    )
    max_attempts: int  # Attempts before dead-lettering; 1..20.
    retry_base_delay_seconds: int  # First retry delay, seconds; >= 1.
    retry_max_delay_seconds: int  # Largest retry delay, seconds; >= retry_base_delay_seconds.
    expiry_reminder_days: int  # Days ahead the expiry reminder looks; 1..90.
    bulk_rate_per_second: int  # Default bulk send rate, messages per second; 1..1000.
    version: int  # Incremented on every change; read-only.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.


class DeliveryPolicy(TypedDict, total=False):
    """How a subscription's deliveries are paced and retried; 0 in a field means its default."""

    max_attempts: int  # Attempts before a delivery is dead-lettered; 1..20, default 8.
    retry_base_seconds: float  # Delay before the first retry, seconds; doubles with each retry (with jitter); 0.1..3600, default...
    retry_max_seconds: float  # Ceiling of the delay between two attempts, seconds; retry_base_seconds..86400, default 3600.
    timeout_seconds: float  # How long one attempt may take, seconds; 1..30, default 5.
    rate_per_second: float  # At most this many attempts per second (token bucket, bursts of as many); 0.1..100, default 10.
    breaker_failures: (
        int  # Consecutive failed attempts that open the circuit breaker; 1..100, default 5.
    )
    breaker_pause_seconds: (
        float  # How long an open breaker pauses the lane, seconds; 1..3600, default 60.
    )


class CustomEventType(TypedDict, total=False):
    """A type of custom event in the catalogue."""

    name: str  # The event name, lower_snake, 1..64 characters (e.g.
    display_name: dict[
        str, str
    ]  # Name shown to members and the CRM team, per language ("vi", "en").
    description: str  # Free-text description for the CRM team; 0..500 characters.
    sources: list[
        Literal[
            "CUSTOM_EVENT_SOURCE_UNSPECIFIED",
            "CUSTOM_EVENT_SOURCE_APP",
            "CUSTOM_EVENT_SOURCE_PARTNER",
        ]
    ]  # Who may record it; at least one.
    enabled: bool  # Whether events of this type are accepted; a disabled type is refused.
    version: int  # Incremented on every change; read-only; send it back as expected_version.
    updated_at: str  # When last changed; read-only.
    updated_by: str  # Actor of the last change; read-only.


class EventSegment(TypedDict, total=False):
    """A segment of the members who did a custom event at least min_count times in the last days days."""

    segment_id: (
        str  # "event.<event_name>.<min_count>in<days>d"; read-only (it follows from the fields).
    )
    event_name: str  # The custom event's name (lower_snake, 1..64 characters).
    min_count: int  # Events needed; 1..1000.
    days: int  # Days counted, up to the computation's as_of; 1..366.
    display_name: dict[str, str]  # Display name per language; empty = made from the fields.
    created_at: str  # When defined; read-only.
    created_by: str  # Who defined it; read-only.


class ImportRow(TypedDict, total=False):
    """One row of the file: its fields by column name (lower case, as the kind's columns)."""

    fields: dict[
        str, str
    ]  # Column name -> the text in that column (at most 30 columns; names up to 64 characters, values up...


class IssuePresenceCodeResponse(TypedDict, total=False):
    """Response of IssuePresenceCode."""

    code: str  # Six digits to type at the till.
    token: str  # The QR code's text.
    expires_at: str  # When the code stops being accepted.
    refresh_after_seconds: int  # Seconds until the app should show a new code.


class GetMemberResponse(TypedDict, total=False):
    """Response of GetMember."""

    member: Member  # The member.


class Member(TypedDict, total=False):
    """A member of the programme."""

    member_id: str  # Member id (opaque, permanent).
    member_number: str  # Human-readable member number (shown in the app and on receipts).
    card_number: str  # Card number with a Luhn check digit; empty once erased.
    qr_token: str  # Opaque token the app shows as a QR code at the till; empty once erased.
    name: str  # Full name; empty once erased.
    phone: str  # Phone, E.164; empty once erased.
    email: str  # E-mail; empty once erased.
    birthday: str  # Birthday "YYYY-MM-DD"; empty if not given or erased.
    language: str  # Language "vi" or "en".
    time_zone: str  # IANA time zone.
    preferred_channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Preferred channels, most preferred first.
    consents: list[
        Consent
    ]  # Current marketing consent per channel (one entry per channel ever set).
    status: Literal[
        "MEMBER_STATUS_UNSPECIFIED",
        "MEMBER_STATUS_ACTIVE",
        "MEMBER_STATUS_BLOCKED",
        "MEMBER_STATUS_ERASED",
    ]  # Status.
    tier_code: str  # Current tier code (TiersService owns the details).
    referral_code: str  # The member's own referral code to share.
    referred_by: str  # Member id of the referrer; empty if none.
    enrolled_at: str  # When enrolled.
    updated_at: str  # When last changed.
    enrolment_channel: str  # Where enrolled: "app", "web", "pos", "import".
    enrolment_partner_id: str  # Partner where enrolled at a till; empty otherwise.
    enrolment_store_id: str  # Store where enrolled at a till; empty otherwise.
    blocked_reason: str  # Why blocked (BLOCKED only).
    blocked_at: str  # When blocked (BLOCKED only).
    erased_at: str  # When erased (ERASED only).
    version: int  # Incremented by every change; for caches and expected_version; events carry it.


class Consent(TypedDict, total=False):
    """Current marketing consent on one channel."""

    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel.
    granted: bool  # Consent is granted (false: withdrawn or never given).
    at: str  # When it was last given or withdrawn.
    source: str  # Where: "app", "web", "pos:<store_id>", "crm", "import"; 1..64 characters.


class UpdateMemberResponse(TypedDict, total=False):
    """Response of UpdateMember."""

    member: Member  # The member after the update.
    replayed: bool  # True when the idempotency key returned the original result.


class UpdateConsentsResponse(TypedDict, total=False):
    """Response of UpdateConsents."""

    member: Member  # The member with the new consents.
    replayed: bool  # True when the idempotency key returned the original result.


class ListConsentHistoryResponse(TypedDict, total=False):
    """Response of ListConsentHistory."""

    records: list[ConsentRecord]  # Consent changes, newest first.
    page_info: PageInfo  # Pagination.


class ConsentRecord(TypedDict, total=False):
    """A consent change, as kept in the history."""

    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel.
    granted: bool  # Granted (true) or withdrawn (false).
    at: str  # When.
    source: str  # Where (as in Consent.source).
    actor: str  # Who recorded it: "member:<id>" or a staff actor.


class PageInfo(TypedDict, total=False):
    """Cursor pagination result, returned by every List RPC."""

    next_cursor: str  # Cursor for the next page; empty when this is the last page.


class RotateQrTokenResponse(TypedDict, total=False):
    """Response of RotateQrToken."""

    qr_token: str  # The new token.
    replayed: bool  # True when the idempotency key returned the original result.


class ListReferralsResponse(TypedDict, total=False):
    """Response of ListReferrals."""

    referrals: list[Referral]  # Referrals made by the member.
    qualified_count: int  # Qualified referrals in total.
    page_info: PageInfo  # Pagination.


class Referral(TypedDict, total=False):
    """A referral: who referred whom."""

    referral_id: str  # Referral id.
    referrer_member_id: str  # The member who shared the code.
    referee_member_id: str  # The new member who enrolled with it.
    referral_code: str  # The code used.
    state: Literal[
        "REFERRAL_STATE_UNSPECIFIED", "REFERRAL_STATE_PENDING", "REFERRAL_STATE_QUALIFIED"
    ]  # State.
    created_at: str  # When the referee enrolled.
    qualified_at: str  # When it qualified; unset while pending.
    qualifying_transaction_id: str  # The referee's first purchase (partner transaction id).


class RecordNpsAnswerResponse(TypedDict, total=False):
    """Response of RecordNpsAnswer."""

    answer_id: str  # Answer id.
    replayed: bool  # True when the idempotency key returned the original result.


class GetBalanceResponse(TypedDict, total=False):
    """Response of GetBalance."""

    balance: Balance  # The balance.


class Balance(TypedDict, total=False):
    """A member's balance."""

    member_id: str  # Member id.
    available: int  # Spendable points (negative only under RETURN_POLICY_ALLOW_NEGATIVE).
    pending: int  # Earned points not yet spendable.
    held: int  # Points reserved by open holds.
    lifetime_earned: (
        int  # Points ever credited (earns, bonuses, gifts, positive adjustments), net of returns.
    )
    lifetime_redeemed: int  # Points ever redeemed (including captured holds), net of refunds.
    next_expiry_date: str  # Last local day (programme time zone) the next-expiring points can be spent, "YYYY-MM-DD"; empty ...
    next_expiry_at: str  # Instant of the next expiry; unset = none.
    next_expiry_points: int  # Points (available and pending) that expire at next_expiry_at.
    expiring_soon_points: int  # Points that expire within the next expiring_soon_days.
    expiring_soon_days: (
        int  # The window of expiring_soon_points, days (ProgrammeSettings.expiring_soon_days).
    )
    shortfall: (
        int  # Points returns could not take back (RETURN_POLICY_TAKE_AVAILABLE_RECORD_SHORTFALL).
    )
    version: int  # Account version, incremented by every change; for cache checks and ETags.


class ListEntriesResponse(TypedDict, total=False):
    """Response of ListEntries."""

    entries: list[Entry]  # Entries, newest first.
    page_info: PageInfo  # Pagination.


class Entry(TypedDict, total=False):
    """A ledger entry (append-only)."""

    entry_id: str  # Entry id.
    member_id: str  # Member id.
    type: Literal[
        "ENTRY_TYPE_UNSPECIFIED",
        "ENTRY_TYPE_EARN",
        "ENTRY_TYPE_BONUS",
        "ENTRY_TYPE_ACTIVATE",
        "ENTRY_TYPE_REDEEM",
        "ENTRY_TYPE_REFUND",
        "ENTRY_TYPE_HOLD",
        "ENTRY_TYPE_CAPTURE",
        "ENTRY_TYPE_RELEASE",
        "ENTRY_TYPE_HOLD_EXPIRE",
        "ENTRY_TYPE_REVERSAL",
        "ENTRY_TYPE_EXPIRE",
        "ENTRY_TYPE_ADJUST",
    ]  # What it records.
    points: int  # Signed change of the member's total (available + pending + held): + for earn, bonus, refund, cre...
    available_delta: int  # Signed change of available.
    pending_delta: int  # Signed change of pending.
    held_delta: int  # Signed change of held.
    balance_after: int  # Available points after this entry.
    pending_after: int  # Pending points after this entry.
    held_after: int  # Held points after this entry.
    partner_id: str  # Partner (earn, return, redeem and holds at a till).
    store_id: str  # Store.
    transaction_id: str  # The partner's transaction id (earn; the original purchase for a reversal; the till transaction f...
    reference: str  # Other reference: redemption id (reward redeem), return_id (reversal), grant or bonus rule id (bo...
    reason: str  # Staff reason (adjust), release reason, or note.
    actor: str  # Who caused it: staff actor, "member:<id>", "partner:<id>", "system:<job>".
    lot_ids: list[str]  # Lots credited or debited.
    related_entry_id: (
        str  # Related entry: the earn a reversal reverses, the redeem a refund gives back.
    )
    hold_id: str  # Hold id (hold, capture, release, hold expiry).
    purpose: Literal[
        "REDEEM_PURPOSE_UNSPECIFIED", "REDEEM_PURPOSE_REWARD", "REDEEM_PURPOSE_PAYMENT"
    ]  # Redeem purpose (redeem, capture).
    amount: Money  # Purchase amount (earn) or returned amount (reversal).
    shortfall_points: int  # Points a reversal could not take (recorded shortfall).
    occurred_at: str  # Business time of the fact: the purchase's occurred_at for an earn, the instant the lots ran out ...
    created_at: str  # When the ledger recorded it.


class GetMemberTierResponse(TypedDict, total=False):
    """Response of GetMemberTier."""

    member_tier: MemberTier  # The standing; unset when ladder_configured is false.
    ladder_configured: bool  # False when the programme has no tier ladder yet: then no member has a tier, and member_tier is u...


class MemberTier(TypedDict, total=False):
    """A member's tier standing."""

    member_id: str  # Member id.
    tier: Tier  # Current tier.
    qualifying_value: int  # Qualifying total in the current window (points, or minor units of the ladder currency for SPEND)...
    window_start: str  # Window start (inclusive).
    window_end: str  # Window end (exclusive; now for a rolling window).
    next_tier: Tier  # Next tier up; unset at the top.
    remaining_to_next: int  # Qualifying value still needed for the next tier; 0 at the top.
    progress: float  # Progress from the current tier's threshold to the next one, fraction 0..1 (1 at the top).
    achieved_at: str  # When the current tier was achieved (or last retained at a review).
    next_review_at: str  # When the tier is next reviewed.
    below_threshold: (
        bool  # The qualifying value is below the current tier's threshold (at risk at review).
    )
    grace_until: str  # End of the grace period when a review found the member below threshold; unset otherwise.
    ladder_version: int  # Ladder version used.


class ListLotsResponse(TypedDict, total=False):
    """Response of ListLots."""

    lots: list[Lot]  # Lots.
    page_info: PageInfo  # Pagination.


class Lot(TypedDict, total=False):
    """A lot: points from one credit."""

    lot_id: str  # Lot id.
    member_id: str  # Member id.
    source: Literal[
        "LOT_SOURCE_UNSPECIFIED", "LOT_SOURCE_PURCHASE", "LOT_SOURCE_BONUS", "LOT_SOURCE_ADJUSTMENT"
    ]  # Where the points came from.
    state: Literal[
        "LOT_STATE_UNSPECIFIED",
        "LOT_STATE_PENDING",
        "LOT_STATE_AVAILABLE",
        "LOT_STATE_SPENT",
        "LOT_STATE_EXPIRED",
        "LOT_STATE_REVERSED",
    ]  # Current state.
    points: int  # Points credited.
    remaining: int  # Points still in the lot and not held (pending or available).
    held: int  # Points of the lot reserved by open holds.
    spent: int  # Points redeemed from it (net of refunds).
    expired: int  # Points expired from it.
    reversed: int  # Points reversed from it.
    earned_at: str  # When earned (the purchase's occurred_at for purchases).
    available_at: (
        str  # When pending points become available (= earned_at when there was no pending period).
    )
    expires_at: str  # When remaining points expire; unset = never (expiry_months = 0).
    expiry_date: str  # Last local day (programme time zone) the lot can be spent, "YYYY-MM-DD"; empty = never.
    partner_id: str  # Source partner (purchases).
    store_id: str  # Source store (purchases).
    transaction_id: str  # Source transaction (purchases).
    entry_id: str  # The entry that credited the lot.


class ListTierHistoryResponse(TypedDict, total=False):
    """Response of ListTierHistory."""

    changes: list[TierChange]  # Changes, newest first.
    page_info: PageInfo  # Pagination.


class TierChange(TypedDict, total=False):
    """One tier change in a member's history."""

    tier_change_id: str  # History entry id.
    member_id: str  # Member id.
    from_tier_code: str  # Previous tier code; empty at enrolment.
    to_tier_code: str  # New tier code.
    reason: Literal[
        "TIER_CHANGE_REASON_UNSPECIFIED",
        "TIER_CHANGE_REASON_ENROLMENT",
        "TIER_CHANGE_REASON_THRESHOLD_REACHED",
        "TIER_CHANGE_REASON_REVIEW_DROP_ONE",
        "TIER_CHANGE_REASON_REVIEW_RECALCULATED",
        "TIER_CHANGE_REASON_MANUAL",
        "TIER_CHANGE_REASON_TIER_REMOVED",
    ]  # Why.
    detail: str  # Human-readable explanation, e.g.
    qualifying_value: int  # Qualifying value at the change.
    event_id: str  # Event that caused it (upgrades); empty otherwise.
    actor: str  # Staff actor (MANUAL) or "system:<job>".
    ladder_version: int  # Ladder version in force.
    changed_at: str  # When it took effect.


class ListRewardsForMemberResponse(TypedDict, total=False):
    """Response of ListRewardsForMember."""

    rewards: list[MemberReward]  # Rewards.
    available_points: int  # The member's available points used for the flags.
    page_info: PageInfo  # Pagination.


class MemberReward(TypedDict, total=False):
    """A reward as one member sees it."""

    reward: Reward  # The reward (ACTIVE, within or before its availability window).
    visible: bool  # The member's tier and segments allow seeing it.
    affordable: bool  # The member's available points cover points_cost (or the payment minimum).
    points_short: int  # Points missing to afford it; 0 when affordable.
    redeemable: (
        bool  # Visible, affordable, in stock, within the window and under the member's limit.
    )
    blocker: Literal[
        "REDEEM_BLOCKER_UNSPECIFIED",
        "REDEEM_BLOCKER_INSUFFICIENT_POINTS",
        "REDEEM_BLOCKER_OUT_OF_STOCK",
        "REDEEM_BLOCKER_MEMBER_LIMIT_REACHED",
        "REDEEM_BLOCKER_NOT_AVAILABLE",
        "REDEEM_BLOCKER_NOT_VISIBLE",
        "REDEEM_BLOCKER_MEMBER_BLOCKED",
    ]  # The first reason it is not redeemable; UNSPECIFIED when redeemable.
    remaining_for_member: int  # Redemptions left for this member; -1 = unlimited.


class RedeemRewardResponse(TypedDict, total=False):
    """Response of RedeemReward."""

    redemption: Redemption  # The redemption, with its voucher.
    balance: Balance  # Balance after.
    replayed: bool  # True when the idempotency key returned the original result.


class Redemption(TypedDict, total=False):
    """A redemption of a reward by a member."""

    redemption_id: str  # Redemption id.
    member_id: str  # Member id.
    reward_id: str  # Reward id.
    reward_type: Literal[
        "REWARD_TYPE_UNSPECIFIED",
        "REWARD_TYPE_PERCENTAGE_VOUCHER",
        "REWARD_TYPE_FIXED_VOUCHER",
        "REWARD_TYPE_FREE_ITEM",
        "REWARD_TYPE_GIFT",
        "REWARD_TYPE_EVENT_TICKET",
        "REWARD_TYPE_POINTS_AS_PAYMENT",
    ]  # Reward type.
    reward_name: dict[str, str]  # Reward name per language (copied at redemption).
    points_spent: int  # Points spent.
    value: Money  # Discount value granted (POINTS_AS_PAYMENT).
    entry_id: str  # The ledger REDEEM entry.
    voucher: Voucher  # The voucher issued; unset for POINTS_AS_PAYMENT.
    state: Literal[
        "REDEMPTION_STATE_UNSPECIFIED", "REDEMPTION_STATE_COMPLETED", "REDEMPTION_STATE_CANCELLED"
    ]  # State.
    partner_id: str  # Partner (redemptions at a till).
    store_id: str  # Store.
    transaction_id: str  # Till transaction.
    created_at: str  # When redeemed.
    cancelled_at: str  # When cancelled; unset unless cancelled.
    cancel_reason: str  # Why cancelled.


class Voucher(TypedDict, total=False):
    """A voucher: a unique code a till can check and mark used."""

    voucher_id: str  # Voucher id.
    code: str  # The code (canonical form, without hyphens).
    member_id: str  # Owner; empty for a batch code nobody has used yet.
    reward_id: str  # Reward it was issued from.
    reward_name: dict[str, str]  # Reward name per language (copied at issue).
    type: Literal[
        "REWARD_TYPE_UNSPECIFIED",
        "REWARD_TYPE_PERCENTAGE_VOUCHER",
        "REWARD_TYPE_FIXED_VOUCHER",
        "REWARD_TYPE_FREE_ITEM",
        "REWARD_TYPE_GIFT",
        "REWARD_TYPE_EVENT_TICKET",
        "REWARD_TYPE_POINTS_AS_PAYMENT",
    ]  # Reward type.
    issue_reason: Literal[
        "VOUCHER_REASON_UNSPECIFIED",
        "VOUCHER_REASON_REDEMPTION",
        "VOUCHER_REASON_BIRTHDAY",
        "VOUCHER_REASON_COMPENSATION",
        "VOUCHER_REASON_GIFT",
        "VOUCHER_REASON_BONUS",
        "VOUCHER_REASON_IMPORT",
        "VOUCHER_REASON_BATCH",
    ]  # Why it was issued.
    state: Literal[
        "VOUCHER_STATE_UNSPECIFIED",
        "VOUCHER_STATE_ACTIVE",
        "VOUCHER_STATE_USED",
        "VOUCHER_STATE_EXPIRED",
        "VOUCHER_STATE_CANCELLED",
    ]  # State.
    percent_off_bp: int  # Percentage off, basis points (PERCENTAGE_VOUCHER).
    max_discount: Money  # Maximum discount (PERCENTAGE_VOUCHER).
    fixed_value: Money  # Amount off (FIXED_VOUCHER).
    min_purchase: Money  # Minimum purchase.
    item_sku: str  # Free item or gift SKU.
    partner_ids: list[str]  # Partners that accept it; empty = all.
    redemption_id: str  # Redemption that issued it (REDEMPTION only).
    issued_at: str  # When issued.
    expires_at: str  # When it expires.
    used_at: str  # When used; unset until used.
    used_partner_id: str  # Partner where used.
    used_store_id: str  # Store where used.
    used_transaction_id: str  # Till transaction where used.
    cancelled_at: str  # When cancelled; unset unless cancelled.
    issued_by: str  # Actor who issued it (staff, "system:bonus-rule/<id>", "member:<id>").
    note: str  # Staff reason or note given at issue.
    complaint_reference: str  # Complaint reference (COMPENSATION), free text from the CRM system.
    batch_id: str  # The voucher batch it is a code of; empty for vouchers issued to a member.


class ListRedemptionsResponse(TypedDict, total=False):
    """Response of ListRedemptions."""

    redemptions: list[Redemption]  # Redemptions.
    page_info: PageInfo  # Pagination.


class ListMemberVouchersResponse(TypedDict, total=False):
    """Response of ListMemberVouchers."""

    vouchers: list[Voucher]  # Vouchers.
    page_info: PageInfo  # Pagination.


class ListInboxMessagesResponse(TypedDict, total=False):
    """Response of ListInboxMessages."""

    messages: list[InboxMessage]  # Messages, newest first.
    unread_count: int  # Unread messages in total.
    page_info: PageInfo  # Pagination.


class InboxMessage(TypedDict, total=False):
    """A message in a member's inbox."""

    inbox_message_id: str  # Inbox message id.
    member_id: str  # Member id.
    message_id: str  # The message it delivers (MessagesService).
    message_type: Literal[
        "MESSAGE_TYPE_UNSPECIFIED",
        "MESSAGE_TYPE_WELCOME",
        "MESSAGE_TYPE_PURCHASE_THANK_YOU",
        "MESSAGE_TYPE_TIER_UPGRADE",
        "MESSAGE_TYPE_REWARD_REDEEMED",
        "MESSAGE_TYPE_POINTS_EXPIRING",
        "MESSAGE_TYPE_BIRTHDAY",
        "MESSAGE_TYPE_APOLOGY",
        "MESSAGE_TYPE_GIFT",
        "MESSAGE_TYPE_MARKETING",
        "MESSAGE_TYPE_WIN_BACK",
        "MESSAGE_TYPE_SIGN_IN_CODE",
        "MESSAGE_TYPE_GENERIC",
        "MESSAGE_TYPE_POINTS_REVERSED",
    ]  # Message type.
    title: str  # Title (rendered subject).
    body: str  # Body (rendered plain text).
    created_at: str  # When delivered to the inbox.
    read_at: str  # When first read; unset while unread.


class GetUnreadCountResponse(TypedDict, total=False):
    """Response of GetUnreadCount."""

    unread_count: int  # Unread messages.


class MarkInboxReadResponse(TypedDict, total=False):
    """Response of MarkInboxRead."""

    marked: int  # Messages newly marked read (0 on a replay).
    unread_count: int  # Unread messages left.
    replayed: bool  # True when the idempotency key returned the original result.


class ListStoresResponse(TypedDict, total=False):
    """Response of ListStores."""

    stores: list[Store]  # Stores in store_id order.
    page: PageInfo  # Where the next page starts.


class Store(TypedDict, total=False):
    """One store (or web shop, or app channel) of a partner."""

    store_id: str  # Stable id chosen at creation, unique across partners, e.g.
    partner_id: str  # The partner that owns the store.
    name: str  # Display name, e.g.
    time_zone: str  # IANA time zone of the store, for receipts and campaign hours; default "Asia/Ho_Chi_Minh".
    status: Literal[
        "PARTNER_STATUS_UNSPECIFIED", "PARTNER_STATUS_ACTIVE", "PARTNER_STATUS_SUSPENDED"
    ]  # ACTIVE, or SUSPENDED when closed.
    created_at: str  # When it was registered (UTC).
    version: int  # Optimistic concurrency version; send it back with UpdateStore.


class GetHoldResponse(TypedDict, total=False):
    """Response of GetHold."""

    hold: Hold  # The hold.


class Hold(TypedDict, total=False):
    """A till's reservation of points."""

    hold_id: str  # Hold id.
    member_id: str  # Member id.
    points: int  # Points reserved.
    captured_points: int  # Points captured (redeemed); 0 until captured.
    state: Literal[
        "HOLD_STATE_UNSPECIFIED",
        "HOLD_STATE_HELD",
        "HOLD_STATE_CAPTURED",
        "HOLD_STATE_RELEASED",
        "HOLD_STATE_EXPIRED",
    ]  # State.
    purpose: Literal[
        "REDEEM_PURPOSE_UNSPECIFIED", "REDEEM_PURPOSE_REWARD", "REDEEM_PURPOSE_PAYMENT"
    ]  # Purpose of the redeem a capture makes.
    partner_id: str  # Partner that placed it (only it may capture or release).
    store_id: str  # Store that placed it.
    reference: str  # Caller's reference (e.g.
    transaction_id: str  # The till transaction given at capture.
    created_at: str  # When it was placed.
    expires_at: str  # When it expires if unresolved.
    resolved_at: str  # When it was captured, released or expired; unset while held.


class EnrolMemberResponse(TypedDict, total=False):
    """Response of EnrolMember."""

    member: Member  # The new member.
    replayed: bool  # True when the idempotency key returned the original result.


class EarnResponse(TypedDict, total=False):
    """Response of Earn."""

    entry: Entry  # The EARN entry.
    points_awarded: int  # Points awarded (pending_points + available_points).
    pending_points: int  # Of which pending.
    available_points: int  # Of which available at once.
    available_at: str  # When pending points become available; unset when none are pending.
    qualifying_points: int  # Of which count toward tier qualification.
    breakdown: list[RuleContribution]  # Per-rule breakdown, in evaluation order.
    lot_id: str  # The lot credited; empty when 0 points.
    balance: Balance  # Balance after the earn.
    first_purchase: bool  # This is the member's first purchase recorded by the ledger.
    replayed: bool  # True when this is the original result returned again.


class RuleContribution(TypedDict, total=False):
    """What one rule contributed to a purchase's points."""

    rule_id: str  # Rule id; empty for the base rate from ProgrammeSettings and for the tier multiplier applied with...
    rule_name: str  # Rule name in the requested language (or internal name).
    kind: Literal[
        "EARNING_RULE_KIND_UNSPECIFIED",
        "EARNING_RULE_KIND_BASE_RATE",
        "EARNING_RULE_KIND_TIER_MULTIPLIER",
        "EARNING_RULE_KIND_CATEGORY_MULTIPLIER",
        "EARNING_RULE_KIND_SKU_MULTIPLIER",
        "EARNING_RULE_KIND_CATEGORY_EXCLUSION",
        "EARNING_RULE_KIND_SKU_EXCLUSION",
        "EARNING_RULE_KIND_MINIMUM_SPEND",
        "EARNING_RULE_KIND_CAMPAIGN",
        "EARNING_RULE_KIND_EARNING_CAP",
    ]  # Kind of the rule.
    stacking: Literal[
        "STACKING_UNSPECIFIED", "STACKING_MULTIPLY", "STACKING_ADD"
    ]  # How it stacked (modifiers only).
    points: int  # Whole points it added (negative for an EARNING_CAP cut).
    multiplier_bp: int  # Multiplier it applied, basis points (10000 = 1x); 0 for non-multipliers.
    line_ids: list[str]  # Lines it applied to (excluded lines for exclusion rules).
    capped: bool  # Its contribution was cut by max_points_per_transaction.
    qualifying: bool  # The points count toward tier qualification.
    note: str  # Short explanation, e.g.


class ReturnResponse(TypedDict, total=False):
    """Response of Return."""

    entry: Entry  # The REVERSAL entry.
    points_to_reverse: int  # Points the return should reverse (rounded half up in proportion).
    reversed_points: int  # Points actually taken back (from pending, then available).
    shortfall_points: (
        int  # Points that could not be taken (recorded shortfall; 0 under ALLOW_NEGATIVE).
    )
    qualifying_points_reversed: int  # Of the points to reverse, the tier-qualifying part.
    returned_amount: Money  # Amount returned (computed from lines for line returns).
    fully_returned: bool  # The whole purchase has now been returned.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class PlaceHoldResponse(TypedDict, total=False):
    """Response of PlaceHold."""

    hold: Hold  # The hold.
    entry: Entry  # The HOLD entry.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class CaptureHoldResponse(TypedDict, total=False):
    """Response of CaptureHold."""

    hold: Hold  # The hold, now CAPTURED.
    entry: Entry  # The CAPTURE entry.
    released_points: int  # Points released back to available (hold points - captured).
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class ReleaseHoldResponse(TypedDict, total=False):
    """Response of ReleaseHold."""

    hold: Hold  # The hold, now RELEASED.
    entry: Entry  # The RELEASE entry.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class RedeemResponse(TypedDict, total=False):
    """Response of Redeem."""

    entry: Entry  # The REDEEM entry.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class CheckVoucherResponse(TypedDict, total=False):
    """Response of CheckVoucher."""

    usable: bool  # The voucher can be used now.
    problem: Literal[
        "VOUCHER_PROBLEM_UNSPECIFIED",
        "VOUCHER_PROBLEM_USED",
        "VOUCHER_PROBLEM_EXPIRED",
        "VOUCHER_PROBLEM_CANCELLED",
        "VOUCHER_PROBLEM_WRONG_PARTNER",
        "VOUCHER_PROBLEM_WRONG_MEMBER",
        "VOUCHER_PROBLEM_BELOW_MIN_PURCHASE",
        "VOUCHER_PROBLEM_MEMBER_BLOCKED",
    ]  # Why not; UNSPECIFIED when usable.
    voucher: Voucher  # The voucher.
    discount: Money  # Discount for purchase_amount (percentage capped by max_discount, or fixed_value capped by the pu...


class UseVoucherResponse(TypedDict, total=False):
    """Response of UseVoucher."""

    voucher: Voucher  # The voucher, now USED.
    discount: Money  # Discount granted for purchase_amount (as in CheckVoucher).
    replayed: bool  # True when the idempotency key returned the original result.


class SimulateResponse(TypedDict, total=False):
    """Response of Simulate."""

    points: int  # Points the purchase would earn.
    qualifying_points: int  # Of which count toward tier qualification.
    breakdown: list[RuleContribution]  # Per-rule breakdown, in evaluation order.
    excluded_line_ids: list[str]  # Lines excluded by exclusion rules.
    minimum_spend_met: bool  # False when a minimum spend rule zeroed the purchase.
    pending: bool  # The points would be pending (ProgrammeSettings.pending_days > 0).
    available_at: str  # When they would become available.
    tier_code: str  # The tier used.


class HealthCheckResponse(TypedDict, total=False):
    """The service's serving status."""

    status: Literal[
        "UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"
    ]  # SERVING when it takes requests.


class ListPartnersResponse(TypedDict, total=False):
    """Response of ListPartners."""

    partners: list[Partner]  # Partners in partner_id order.
    page: PageInfo  # Where the next page starts.


class Partner(TypedDict, total=False):
    """A business whose stores award and take points (the brand itself is one too)."""

    partner_id: str  # Stable id chosen at creation, e.g.
    name: str  # Display name, e.g.
    currency: str  # ISO-4217 currency its purchases are in by default, e.g.
    status: Literal[
        "PARTNER_STATUS_UNSPECIFIED", "PARTNER_STATUS_ACTIVE", "PARTNER_STATUS_SUSPENDED"
    ]  # ACTIVE or SUSPENDED.
    created_at: str  # When it was registered (UTC).
    version: int  # Optimistic concurrency version; send it back with UpdatePartner.


class CreatePartnerResponse(TypedDict, total=False):
    """Response of CreatePartner."""

    partner: Partner  # The partner as stored.
    replayed: bool  # True when the same request had already created it.


class CreateStoreResponse(TypedDict, total=False):
    """Response of CreateStore."""

    store: Store  # The store as stored.
    replayed: bool  # True when the same request had already created it.


class GetPartnerResponse(TypedDict, total=False):
    """Response of GetPartner."""

    partner: Partner  # The partner.


class UpdatePartnerResponse(TypedDict, total=False):
    """Response of UpdatePartner."""

    partner: Partner  # The partner after the change.


class GetStoreResponse(TypedDict, total=False):
    """Response of GetStore."""

    store: Store  # The store.


class UpdateStoreResponse(TypedDict, total=False):
    """Response of UpdateStore."""

    store: Store  # The store after the change.


class RunExpiryResponse(TypedDict, total=False):
    """Response of RunExpiry."""

    lots_expired: int  # Lots expired (fully or their remainder).
    points_expired: int  # Points expired.
    members_affected: int  # Members affected.
    more: bool  # True when limit stopped the run before the end.


class ActivatePendingResponse(TypedDict, total=False):
    """Response of ActivatePending."""

    lots_activated: int  # Lots made available.
    points_activated: int  # Points made available.
    members_affected: int  # Members affected.
    more: bool  # True when limit stopped the run before the end.


class ExpireHoldsResponse(TypedDict, total=False):
    """Response of ExpireHolds."""

    holds_expired: int  # Holds expired.
    points_released: int  # Points returned to available.
    more: bool  # True when limit stopped the run before the end.


class RunBirthdayBonusesResponse(TypedDict, total=False):
    """Response of RunBirthdayBonuses."""

    members_awarded: int  # Members awarded in this run.
    points_awarded: int  # Points credited in this run.
    vouchers_issued: int  # Vouchers issued in this run.
    members_skipped: int  # Members skipped (already awarded this year, blocked, out of tier scope).
    more: bool  # True when limit stopped the run before the end.


class RunTierReviewResponse(TypedDict, total=False):
    """Response of RunTierReview."""

    reviewed: int  # Members reviewed.
    retained: int  # Kept their tier (at or above threshold; next review scheduled).
    grace_started: int  # Found below threshold; grace period started.
    in_grace: int  # Still in grace; nothing changed.
    downgraded: int  # Demoted.
    more: bool  # True when limit stopped the run before the end.


class RunExpiryRemindersResponse(TypedDict, total=False):
    """Response of RunExpiryReminders."""

    messages_created: int  # Messages created in this run.
    already_sent: int  # Members already reminded for that expiry date (skipped).
    skipped: int  # Members without a contact copy or erased (skipped).


class RunBirthdayGreetingsResponse(TypedDict, total=False):
    """Response of RunBirthdayGreetings."""

    messages_created: int  # Messages created in this run.
    with_voucher: int  # Of which included a birthday voucher code.
    already_sent: int  # Members already greeted this year (skipped).
    skipped: int  # Members without a contact copy or erased (skipped).


class ListMembersResponse(TypedDict, total=False):
    """Response of ListMembers."""

    members: list[Member]  # Members.
    page_info: PageInfo  # Pagination.


class FindMemberResponse(TypedDict, total=False):
    """Response of FindMember."""

    member: Member  # The member.


class BlockMemberResponse(TypedDict, total=False):
    """Response of BlockMember."""

    member: Member  # The member, BLOCKED.


class UnblockMemberResponse(TypedDict, total=False):
    """Response of UnblockMember."""

    member: Member  # The member, ACTIVE.


class EraseMemberResponse(TypedDict, total=False):
    """Response of EraseMember."""

    member_id: str  # Member id.
    erased_at: str  # When the data was erased (the original instant when already erased).
    replayed: bool  # True when the member was already erased (nothing changed).


class RefundRedemptionResponse(TypedDict, total=False):
    """Response of RefundRedemption."""

    entry: Entry  # The REFUND entry.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class SetMemberTierResponse(TypedDict, total=False):
    """Response of SetMemberTier."""

    member_tier: MemberTier  # The new standing.
    change: TierChange  # The history entry.
    replayed: bool  # True when the idempotency key returned the original result.


class GetMemberSegmentResponse(TypedDict, total=False):
    """Response of GetMemberSegment."""

    member_segment: MemberSegment  # The member's segments.


class MemberSegment(TypedDict, total=False):
    """A member's segments in one computation."""

    member_id: str  # Member id.
    rfm: RfmScores  # RFM scores.
    behaviour: Literal[
        "BEHAVIOUR_UNSPECIFIED",
        "BEHAVIOUR_NEW",
        "BEHAVIOUR_REGULAR",
        "BEHAVIOUR_OCCASIONAL",
        "BEHAVIOUR_LAPSED",
    ]  # Behaviour.
    loyal: bool  # Loyal: regular and refers others.
    value: Literal["VALUE_BAND_UNSPECIFIED", "VALUE_BAND_HIGH", "VALUE_BAND_LOW"]  # Value band.
    lifecycle_stage: Literal[
        "LIFECYCLE_STAGE_UNSPECIFIED",
        "LIFECYCLE_STAGE_ATTRACT",
        "LIFECYCLE_STAGE_ESTABLISH",
        "LIFECYCLE_STAGE_DEVELOP",
        "LIFECYCLE_STAGE_MAINTAIN",
        "LIFECYCLE_STAGE_CONSOLIDATE",
        "LIFECYCLE_STAGE_LOYAL",
    ]  # Lifecycle stage.
    segment_ids: list[str]  # Every segment id the member belongs to.
    purchases_total: int  # Purchases ever.
    lifetime_spend: Money  # Spend ever, net of returns (customer lifetime value so far).
    computation_id: str  # Computation id.
    computed_at: str  # The computation's as_of.
    recent_purchases: (
        int  # Purchases in the last frequency_days days (the frequency segments' count).
    )
    referrals: (
        int  # Friends who enrolled with the member's referral code (the referrals segments' count).
    )


class RfmScores(TypedDict, total=False):
    """Recency, frequency and monetary scores."""

    recency_score: (
        int  # Recency score 1..5 (5 = bought most recently); 0 = no purchase in the window.
    )
    frequency_score: int  # Frequency score 1..5; 0 = no purchase in the window.
    monetary_score: int  # Monetary score 1..5; 0 = no purchase in the window.
    recency_days: int  # Days since the last purchase; -1 = never bought.
    frequency: int  # Purchases in the window.
    monetary: Money  # Spend in the window, net of returns.


class SendMessageResponse(TypedDict, total=False):
    """Response of SendMessage."""

    message: Message  # The message with its deliveries.
    replayed: bool  # True when the idempotency key returned the original message.


class Message(TypedDict, total=False):
    """A message to one member."""

    message_id: str  # Message id.
    member_id: str  # Member id.
    message_type: Literal[
        "MESSAGE_TYPE_UNSPECIFIED",
        "MESSAGE_TYPE_WELCOME",
        "MESSAGE_TYPE_PURCHASE_THANK_YOU",
        "MESSAGE_TYPE_TIER_UPGRADE",
        "MESSAGE_TYPE_REWARD_REDEEMED",
        "MESSAGE_TYPE_POINTS_EXPIRING",
        "MESSAGE_TYPE_BIRTHDAY",
        "MESSAGE_TYPE_APOLOGY",
        "MESSAGE_TYPE_GIFT",
        "MESSAGE_TYPE_MARKETING",
        "MESSAGE_TYPE_WIN_BACK",
        "MESSAGE_TYPE_SIGN_IN_CODE",
        "MESSAGE_TYPE_GENERIC",
        "MESSAGE_TYPE_POINTS_REVERSED",
    ]  # Type.
    category: Literal[
        "MESSAGE_CATEGORY_UNSPECIFIED",
        "MESSAGE_CATEGORY_TRANSACTIONAL",
        "MESSAGE_CATEGORY_MARKETING",
    ]  # Category.
    language: str  # Language rendered.
    dedupe_key: (
        str  # Dedupe key (idempotency key, or "<event_id>:<type>" for event-triggered messages).
    )
    source_event_id: str  # The event that triggered it; empty otherwise.
    bulk_send_id: str  # The bulk send it belongs to; empty otherwise.
    actor: str  # Who sent it (staff actor, "system:<trigger>", "gateway").
    created_at: str  # When created.
    deliveries: list[Delivery]  # One delivery per channel.
    resent_from: str  # The message this one sends again (ResendMessage); empty otherwise.


class Delivery(TypedDict, total=False):
    """One channel's delivery of a message."""

    delivery_id: str  # Delivery id.
    message_id: str  # Message id.
    member_id: str  # Member id.
    message_type: Literal[
        "MESSAGE_TYPE_UNSPECIFIED",
        "MESSAGE_TYPE_WELCOME",
        "MESSAGE_TYPE_PURCHASE_THANK_YOU",
        "MESSAGE_TYPE_TIER_UPGRADE",
        "MESSAGE_TYPE_REWARD_REDEEMED",
        "MESSAGE_TYPE_POINTS_EXPIRING",
        "MESSAGE_TYPE_BIRTHDAY",
        "MESSAGE_TYPE_APOLOGY",
        "MESSAGE_TYPE_GIFT",
        "MESSAGE_TYPE_MARKETING",
        "MESSAGE_TYPE_WIN_BACK",
        "MESSAGE_TYPE_SIGN_IN_CODE",
        "MESSAGE_TYPE_GENERIC",
        "MESSAGE_TYPE_POINTS_REVERSED",
    ]  # Message type.
    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel.
    status: Literal[
        "DELIVERY_STATUS_UNSPECIFIED",
        "DELIVERY_STATUS_QUEUED",
        "DELIVERY_STATUS_SENT",
        "DELIVERY_STATUS_DEFERRED",
        "DELIVERY_STATUS_SUPPRESSED",
        "DELIVERY_STATUS_FAILED",
        "DELIVERY_STATUS_DEAD_LETTERED",
    ]  # Status.
    reason: Literal[
        "DELIVERY_REASON_UNSPECIFIED",
        "DELIVERY_REASON_NO_CONSENT",
        "DELIVERY_REASON_NO_ADDRESS",
        "DELIVERY_REASON_QUIET_HOURS",
        "DELIVERY_REASON_DAILY_CAP",
        "DELIVERY_REASON_DUPLICATE",
        "DELIVERY_REASON_MEMBER_ERASED",
        "DELIVERY_REASON_MEMBER_BLOCKED",
        "DELIVERY_REASON_SCHEDULED",
        "DELIVERY_REASON_NO_TEMPLATE",
        "DELIVERY_REASON_PROVIDER_ERROR",
        "DELIVERY_REASON_PROVIDER_REJECTED",
        "DELIVERY_REASON_MAX_ATTEMPTS",
        "DELIVERY_REASON_CANCELLED",
    ]  # Why deferred, suppressed, failed or dead-lettered.
    detail: str  # Details, e.g.
    attempts: int  # Attempts made.
    next_attempt_at: str  # Next attempt (DEFERRED, FAILED, QUEUED); unset otherwise.
    address: str  # Address used, masked (e.g.
    subject: str  # Rendered subject (e-mail, push, inbox).
    provider_message_id: str  # Provider's message id once sent.
    created_at: str  # When created.
    updated_at: str  # When last changed.
    sent_at: str  # When sent; unset until SENT.
    attempt_log: list[
        DeliveryAttempt
    ]  # Every attempt and rule decision, oldest first: the delivery log.


class DeliveryAttempt(TypedDict, total=False):
    """One line of a delivery's log."""

    at: str  # When (the dispatch run's instant).
    attempt: int  # Attempt number it belongs to (0 before the first).
    outcome: str  # "sent", "failed" (retried), "rejected" (permanent), "deferred", "suppressed", "no template", "no...
    detail: str  # The provider's answer or the rule's explanation.


class ListDeliveriesResponse(TypedDict, total=False):
    """Response of ListDeliveries."""

    deliveries: list[Delivery]  # Deliveries, newest first.
    page_info: PageInfo  # Pagination.


class ListBirthdaysResponse(TypedDict, total=False):
    """Response of ListBirthdays."""

    members: list[BirthdayMember]  # Members.
    page_info: PageInfo  # Pagination.


class BirthdayMember(TypedDict, total=False):
    """A member with a birthday in the requested range."""

    member_id: str  # Member id.
    birthday: str  # Birthday "YYYY-MM-DD".
    time_zone: str  # Member's time zone.
    language: str  # Member's language.
    tier_code: str  # Member's tier code.


class AdjustResponse(TypedDict, total=False):
    """Response of Adjust."""

    entry: Entry  # The ADJUST entry.
    balance: Balance  # Balance after.
    replayed: bool  # True when this is the original result returned again.


class GetTierLadderResponse(TypedDict, total=False):
    """Response of GetTierLadder."""

    ladder: TierLadder  # The ladder.


class SetTierLadderResponse(TypedDict, total=False):
    """Response of SetTierLadder."""

    ladder: TierLadder  # The stored ladder.


class ValidateTierLadderResponse(TypedDict, total=False):
    """Response of ValidateTierLadder."""

    valid: bool  # No problems.
    problems: list[LadderProblem]  # Every problem found.


class LadderProblem(TypedDict, total=False):
    """A problem found in a ladder."""

    field: str  # Field path, e.g.
    description: str  # What is wrong.


class ListSegmentsResponse(TypedDict, total=False):
    """Response of ListSegments."""

    computation_id: str  # Computation id.
    segments: list[Segment]  # Segments.
    computed_at: str  # The computation's as_of.


class Segment(TypedDict, total=False):
    """A segment."""

    segment_id: str  # Segment id (see file comment).
    kind: Literal[
        "SEGMENT_KIND_UNSPECIFIED",
        "SEGMENT_KIND_BEHAVIOUR",
        "SEGMENT_KIND_LOYAL",
        "SEGMENT_KIND_VALUE",
        "SEGMENT_KIND_LIFECYCLE",
        "SEGMENT_KIND_RFM",
        "SEGMENT_KIND_TIER",
        "SEGMENT_KIND_FREQUENCY",
        "SEGMENT_KIND_REFERRALS",
        "SEGMENT_KIND_EVENT",
    ]  # Family.
    name: dict[str, str]  # Display name per language.
    member_count: int  # Members in it.


class ListSegmentMembersResponse(TypedDict, total=False):
    """Response of ListSegmentMembers."""

    computation_id: str  # Computation read.
    member_ids: list[str]  # Member ids.
    total: int  # Members in the segment in total.
    page_info: PageInfo  # Pagination.


class RecomputeSegmentsResponse(TypedDict, total=False):
    """Response of RecomputeSegments."""

    computation_id: str  # Id of the computation (the snapshot).
    members: int  # Members processed.
    segments: list[Segment]  # Segments with at least one member.
    started_at: str  # When it started.
    finished_at: str  # When it finished.


class GetKpisResponse(TypedDict, total=False):
    """Response of GetKpis."""

    kpis: Kpis  # The KPIs.


class Kpis(TypedDict, total=False):
    """Programme KPIs for a period [period_start, period_end)."""

    period_start: str  # Period start.
    period_end: str  # Period end.
    currency: str  # Currency of the money figures.
    members_total: int  # Members enrolled before period_end and not erased.
    new_members: int  # Members enrolled in the period.
    purchasing_members: int  # Members with at least one purchase in the period.
    retention_rate: float  # Retention: of the members who were active customers at period_start (a purchase in the 90 days b...
    repeat_purchase_rate: (
        float  # Of the purchasing members, the fraction with 2 or more purchases in the period.
    )
    purchase_frequency: float  # Purchases in the period per purchasing member.
    average_clv: Money  # Average customer lifetime value so far: spend since enrolment up to period_end, net of returns, ...
    tier_distribution: list[TierShare]  # Members per tier at period_end.
    points_liability: (
        int  # Unredeemed points now (available + pending + held; LedgerService.GetLiability).
    )
    points_issued: int  # Points issued in the period, by the instant the ledger recorded them: points earned for purchase...
    points_redeemed: int  # Points redeemed in the period, net of refunds: points spent on rewards (in the app or at a till)...
    redemption_rate: (
        float  # Redemption rate: points_redeemed / points_issued in the period (may exceed 1).
    )
    nps: float  # Net Promoter Score as a fraction -1..1: share of 9-10 answers minus share of 0-6 answers in the ...
    nps_responses: int  # NPS answers in the period.
    nps_promoters: int  # Answers 9-10.
    nps_passives: int  # Answers 7-8.
    nps_detractors: int  # Answers 0-6.
    computed_at: str  # When computed.
    retention_base: int  # Members active at period_start (retention_rate's denominator).
    retained_members: (
        int  # Of those, members still active at period_end (retention_rate's numerator).
    )
    partner_id: (
        str  # The partner the figures are for; empty = the whole programme (GetKpisRequest).
    )
    points_expired: int  # Points expired in the period (lots past their expiry date), by the instant the ledger recorded t...
    active_members: int  # Active customers at period_end: members with a purchase in the 90 days before it (retention's de...
    points_liability_at_end: int  # Unredeemed points at period_end (available + pending + held), programme-wide whatever the partne...
    liability_at_end_known: bool  # Whether points_liability_at_end is known (else it is 0).
    liability_history_from: str  # Since when this service has recorded every event that changes the liability (its first such reco...


class TierShare(TypedDict, total=False):
    """Members per tier."""

    tier_code: str  # Tier code.
    members: int  # Members in the tier at the period end.
    share: float  # Share of members, fraction 0..1.


class GetKpisSeriesResponse(TypedDict, total=False):
    """Response of GetKpisSeries."""

    kpis: list[
        Kpis
    ]  # One per period, in order: each what GetKpis answers for that period (all computed at the same in...


class GetSettlementResponse(TypedDict, total=False):
    """Response of GetSettlement."""

    period_start: str  # Period start.
    period_end: str  # Period end.
    partners: list[PartnerSettlement]  # One row per partner with activity, by partner_id.


class PartnerSettlement(TypedDict, total=False):
    """One partner's points for a period."""

    partner_id: str  # Partner id.
    issued: int  # Points credited for purchases at the partner (earn entries).
    redeemed: int  # Points redeemed at the partner (payment redeems and captures), net of refunds.
    reversed: int  # Points reversed by the partner's returns.
    expired: int  # Points of the partner's lots that expired.
    purchases: int  # Purchases recorded.
    returns: int  # Returns recorded.
    shortfall: int  # Points the partner's returns could not take back and the programme absorbed.
    carried_negative: (
        int  # Points the partner's returns took beyond what members had (negative balances).
    )


class GetLiabilityResponse(TypedDict, total=False):
    """Response of GetLiability."""

    available: int  # Available points (positive balances only).
    pending: int  # Pending points.
    held: int  # Held points.
    total: int  # Liability: available + pending + held.
    negative_balances: int  # Sum of negative available balances (informational, <= 0).
    members_with_points: int  # Members with a positive total.
    computed_at: str  # When computed.


class ListExpiringPointsResponse(TypedDict, total=False):
    """Response of ListExpiringPoints."""

    items: list[ExpiringPoints]  # One row per member and expiry date.
    page_info: PageInfo  # Pagination.


class ExpiringPoints(TypedDict, total=False):
    """Points of one member that expire on one date."""

    member_id: str  # Member id.
    expiry_date: str  # Last local day (programme time zone) the points can be spent, "YYYY-MM-DD".
    expires_at: str  # Earliest expiry instant of these points.
    points: int  # Unspent points (available and pending) that expire then.


class GetProgrammeSettingsResponse(TypedDict, total=False):
    """Response of GetProgrammeSettings."""

    settings: ProgrammeSettings  # The settings.


class UpdateProgrammeSettingsResponse(TypedDict, total=False):
    """Response of UpdateProgrammeSettings."""

    settings: ProgrammeSettings  # The stored settings.


class AuditResponse(TypedDict, total=False):
    """Response of Audit."""

    accounts_checked: int  # Accounts checked.
    totals: ProgrammeTotals  # Recomputed totals (only when member_ids is empty).
    drifts: list[
        Drift
    ]  # The drifts found, empty when clean: every programme-wide one, and the first 1,000 per-account on...
    clean: bool  # True when there is no drift.
    started_at: str  # When the audit started.
    finished_at: str  # When it finished.


class ProgrammeTotals(TypedDict, total=False):
    """Programme-wide point totals (see the equation in the file comment)."""

    issued: int  # Points ever credited.
    available: int  # Spendable now.
    pending: int  # Pending now.
    held: int  # Held now.
    redeemed: int  # Redeemed (net of refunds).
    expired: int  # Expired.
    reversed: int  # Reversed by returns and debit adjustments.
    shortfall: int  # Recorded return shortfall (informational, outside the equation).
    accounts: int  # Accounts counted.


class Drift(TypedDict, total=False):
    """A difference between a stored figure and its recomputation."""

    member_id: str  # Member id; empty for a programme-wide figure.
    field: str  # The figure, e.g.
    expected: int  # Recomputed from entries and lots.
    actual: int  # Stored.


class ListEarningRulesResponse(TypedDict, total=False):
    """Response of ListEarningRules."""

    rules: list[EarningRule]  # Rules in evaluation order.
    page_info: PageInfo  # Pagination.


class CreateEarningRuleResponse(TypedDict, total=False):
    """Response of CreateEarningRule."""

    rule: EarningRule  # The stored rule (or, with validate_only, the rule as it would be stored).
    replayed: bool  # True when the idempotency key returned the original result.


class GetEarningRuleResponse(TypedDict, total=False):
    """Response of GetEarningRule."""

    rule: EarningRule  # The rule.


class UpdateEarningRuleResponse(TypedDict, total=False):
    """Response of UpdateEarningRule."""

    rule: EarningRule  # The stored rule with its new version.


class DeleteEarningRuleResponse(TypedDict, total=False):
    """Response of DeleteEarningRule."""

    rule: EarningRule  # The archived rule.


class ListBonusRulesResponse(TypedDict, total=False):
    """Response of ListBonusRules."""

    rules: list[BonusRule]  # Rules, by bonus_rule_id.
    page_info: PageInfo  # Pagination.


class CreateBonusRuleResponse(TypedDict, total=False):
    """Response of CreateBonusRule."""

    rule: BonusRule  # The stored rule.
    replayed: bool  # True when the idempotency key returned the original result.


class GetBonusRuleResponse(TypedDict, total=False):
    """Response of GetBonusRule."""

    rule: BonusRule  # The rule.


class UpdateBonusRuleResponse(TypedDict, total=False):
    """Response of UpdateBonusRule."""

    rule: BonusRule  # The stored rule.


class DeleteBonusRuleResponse(TypedDict, total=False):
    """Response of DeleteBonusRule."""

    rule: BonusRule  # The archived rule.


class GrantGiftResponse(TypedDict, total=False):
    """Response of GrantGift."""

    grant: GiftGrant  # The grant (completed for a single member; RUNNING for a segment).
    replayed: bool  # True when the idempotency key returned the original grant.


class GiftGrant(TypedDict, total=False):
    """A gift grant and its progress."""

    grant_id: str  # Grant id.
    member_id: str  # Target member (single-member grants).
    segment_id: str  # Target segment (segment grants).
    points: int  # Points per member.
    reward_id: str  # Reward whose voucher is issued; empty = none.
    state: Literal[
        "GIFT_GRANT_STATE_UNSPECIFIED",
        "GIFT_GRANT_STATE_RUNNING",
        "GIFT_GRANT_STATE_COMPLETED",
        "GIFT_GRANT_STATE_FAILED",
    ]  # Progress state.
    members_total: int  # Members targeted (known once the segment has been listed).
    members_granted: int  # Members granted so far.
    members_skipped: int  # Members skipped (blocked, erased, or already granted).
    entry_id: str  # Ledger entry of a single-member grant.
    voucher_code: str  # Voucher code of a single-member grant with a reward.
    error: str  # Last error of a FAILED grant.
    actor: str  # Staff member.
    reason: str  # Why.
    created_at: str  # When the grant started.
    completed_at: str  # When it completed; unset while running.


class GetGiftGrantResponse(TypedDict, total=False):
    """Response of GetGiftGrant."""

    grant: GiftGrant  # The grant.


class ListRewardsResponse(TypedDict, total=False):
    """Response of ListRewards."""

    rewards: list[Reward]  # Rewards.
    page_info: PageInfo  # Pagination.


class CreateRewardResponse(TypedDict, total=False):
    """Response of CreateReward."""

    reward: Reward  # The stored reward.
    replayed: bool  # True when the idempotency key returned the original result.


class GetRewardResponse(TypedDict, total=False):
    """Response of GetReward."""

    reward: Reward  # The reward.


class UpdateRewardResponse(TypedDict, total=False):
    """Response of UpdateReward."""

    reward: Reward  # The stored reward.


class AdjustRewardStockResponse(TypedDict, total=False):
    """Response of AdjustRewardStock."""

    reward: Reward  # The reward with its new stock.
    replayed: bool  # True when the idempotency key returned the original result.


class ArchiveRewardResponse(TypedDict, total=False):
    """Response of ArchiveReward."""

    reward: Reward  # The archived reward.


class IssueVoucherResponse(TypedDict, total=False):
    """Response of IssueVoucher."""

    voucher: Voucher  # The voucher.
    replayed: bool  # True when the idempotency key returned the original result.


class GetVoucherResponse(TypedDict, total=False):
    """Response of GetVoucher."""

    voucher: Voucher  # The voucher.


class ListVoucherBatchesResponse(TypedDict, total=False):
    """Response of ListVoucherBatches."""

    batches: list[VoucherBatch]  # Batches, with their counts.
    page_info: PageInfo  # Pagination.


class VoucherBatch(TypedDict, total=False):
    """A voucher batch: codes generated together for one reward."""

    batch_id: str  # Batch id.
    reward_id: str  # The reward whose value its codes carry.
    reward_name: dict[str, str]  # Reward name per language (copied at generation).
    label: str  # The marketer's label ("Flyer Tết 2027").
    state: Literal[
        "VOUCHER_BATCH_STATE_UNSPECIFIED",
        "VOUCHER_BATCH_STATE_ACTIVE",
        "VOUCHER_BATCH_STATE_VOID",
        "VOUCHER_BATCH_STATE_GENERATING",
    ]  # State.
    generated: int  # Codes generated so far (while GENERATING, as of the generator's last chunk: up to 500 behind the...
    used: int  # Codes used at a till.
    voided: int  # Codes voided with the batch.
    expired: int  # Codes past their expiry unused.
    unused: int  # Codes that can still be used.
    expires_at: str  # When its codes expire.
    created_at: str  # When generated.
    created_by: str  # Staff member who generated it.
    voided_at: str  # When voided; unset unless voided.
    voided_by: str  # Staff member who voided it.
    void_reason: str  # Why it was voided.
    count: int  # Codes asked for; `generated` reaches it when the batch stops GENERATING.


class CreateVoucherBatchResponse(TypedDict, total=False):
    """Response of CreateVoucherBatch."""

    batch: VoucherBatch  # The batch.
    replayed: bool  # True when the idempotency key returned the original result.


class GetVoucherBatchResponse(TypedDict, total=False):
    """Response of GetVoucherBatch."""

    batch: VoucherBatch  # The batch with its counts.


class ListBatchVouchersResponse(TypedDict, total=False):
    """Response of ListBatchVouchers."""

    vouchers: list[Voucher]  # The batch's codes.
    page_info: PageInfo  # Pagination.


class VoidVoucherBatchResponse(TypedDict, total=False):
    """Response of VoidVoucherBatch."""

    batch: VoucherBatch  # The batch, now VOID, with its counts.
    replayed: bool  # True when the batch was already void (nothing changed).


class GetRedemptionResponse(TypedDict, total=False):
    """Response of GetRedemption."""

    redemption: Redemption  # The redemption.


class CancelRedemptionResponse(TypedDict, total=False):
    """Response of CancelRedemption."""

    redemption: Redemption  # The redemption, now CANCELLED.
    points_refunded: int  # Points refunded.
    balance: Balance  # Balance after.
    replayed: bool  # True when the idempotency key returned the original result.


class ListTemplatesResponse(TypedDict, total=False):
    """Response of ListTemplates."""

    templates: list[Template]  # Current templates.
    page_info: PageInfo  # Pagination.


class SaveTemplateResponse(TypedDict, total=False):
    """Response of SaveTemplate."""

    template: Template  # The stored template (or as it would be stored).


class PreviewTemplateResponse(TypedDict, total=False):
    """Response of PreviewTemplate."""

    subject: str  # Rendered subject.
    body: str  # Rendered body.
    language: str  # Language used.
    template_version: int  # Version rendered (0 for a draft).


class GetTemplateResponse(TypedDict, total=False):
    """Response of GetTemplate."""

    template: Template  # The template.


class ListTemplateVariablesResponse(TypedDict, total=False):
    """Response of ListTemplateVariables."""

    variables: list[TemplateVariable]  # Variables.


class TemplateVariable(TypedDict, total=False):
    """A variable a message type offers to its templates."""

    name: str  # Name used as {name}.
    description: str  # What it holds and how it is formatted.
    example: str  # Example value as rendered, e.g.


class InstallDefaultTemplatesResponse(TypedDict, total=False):
    """Response of InstallDefaultTemplates."""

    installed: int  # Templates installed.
    skipped: int  # Templates kept because they existed.


class GetMessageResponse(TypedDict, total=False):
    """Response of GetMessage."""

    message: Message  # The message.


class ResendMessageResponse(TypedDict, total=False):
    """Response of ResendMessage."""

    message: Message  # The new message with its deliveries.
    replayed: bool  # True when the idempotency key returned the resend made before.


class GetDeliverySettingsResponse(TypedDict, total=False):
    """Response of GetDeliverySettings."""

    settings: DeliverySettings  # The settings.


class UpdateDeliverySettingsResponse(TypedDict, total=False):
    """Response of UpdateDeliverySettings."""

    settings: DeliverySettings  # The stored settings.


class StartBulkSendResponse(TypedDict, total=False):
    """Response of StartBulkSend."""

    bulk_send: BulkSend  # The bulk send.
    replayed: bool  # True when the idempotency key returned the original bulk send.


class BulkSend(TypedDict, total=False):
    """A bulk send and its progress."""

    bulk_send_id: str  # Bulk send id.
    name: str  # Internal name.
    segment_id: str  # Target segment id.
    computation_id: str  # Segment computation used.
    message_type: Literal[
        "MESSAGE_TYPE_UNSPECIFIED",
        "MESSAGE_TYPE_WELCOME",
        "MESSAGE_TYPE_PURCHASE_THANK_YOU",
        "MESSAGE_TYPE_TIER_UPGRADE",
        "MESSAGE_TYPE_REWARD_REDEEMED",
        "MESSAGE_TYPE_POINTS_EXPIRING",
        "MESSAGE_TYPE_BIRTHDAY",
        "MESSAGE_TYPE_APOLOGY",
        "MESSAGE_TYPE_GIFT",
        "MESSAGE_TYPE_MARKETING",
        "MESSAGE_TYPE_WIN_BACK",
        "MESSAGE_TYPE_SIGN_IN_CODE",
        "MESSAGE_TYPE_GENERIC",
        "MESSAGE_TYPE_POINTS_REVERSED",
    ]  # Message type.
    category: Literal[
        "MESSAGE_CATEGORY_UNSPECIFIED",
        "MESSAGE_CATEGORY_TRANSACTIONAL",
        "MESSAGE_CATEGORY_MARKETING",
    ]  # Category (from the type, or chosen for GENERIC).
    channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Channels; empty = per-member choice.
    variables: dict[str, str]  # Variables for every message.
    state: Literal[
        "BULK_SEND_STATE_UNSPECIFIED",
        "BULK_SEND_STATE_SCHEDULED",
        "BULK_SEND_STATE_RUNNING",
        "BULK_SEND_STATE_COMPLETED",
        "BULK_SEND_STATE_CANCELLED",
        "BULK_SEND_STATE_FAILED",
    ]  # State.
    rate_per_second: int  # Throttle, messages per second.
    scheduled_at: str  # When it starts.
    members_total: int  # Members in the segment.
    members_processed: int  # Members processed so far.
    queued: int  # Deliveries queued (waiting for their first attempt).
    sent: int  # Deliveries sent.
    deferred: int  # Deliveries deferred.
    suppressed: int  # Deliveries suppressed.
    failed: int  # Deliveries failed (being retried).
    dead_lettered: int  # Deliveries dead-lettered.
    error: str  # Last error of a FAILED bulk send.
    actor: str  # Staff member who started it.
    created_at: str  # When created.
    started_at: str  # When it started running.
    finished_at: str  # When it completed or was cancelled.


class ListBulkSendsResponse(TypedDict, total=False):
    """Response of ListBulkSends."""

    bulk_sends: list[BulkSend]  # Bulk sends, newest first.
    page_info: PageInfo  # Pagination.


class GetBulkSendResponse(TypedDict, total=False):
    """Response of GetBulkSend."""

    bulk_send: BulkSend  # The bulk send.


class CancelBulkSendResponse(TypedDict, total=False):
    """Response of CancelBulkSend."""

    bulk_send: BulkSend  # The bulk send, CANCELLED.


class ListDeadLettersResponse(TypedDict, total=False):
    """Response of ListDeadLetters."""

    deliveries: list[Delivery]  # Dead-lettered deliveries, oldest first.
    page_info: PageInfo  # Pagination.


class RetryDeadLettersResponse(TypedDict, total=False):
    """Response of RetryDeadLetters."""

    deliveries: list[Delivery]  # The deliveries, now QUEUED.


class ListEventTypesResponse(TypedDict, total=False):
    """Response of ListEventTypes."""

    event_types: list[EventType]  # The catalogue, by name.


class EventType(TypedDict, total=False):
    """One event type of the public catalogue."""

    name: str  # Public name, e.g.
    description: str  # What it announces.
    schema_json: str  # The JSON Schema (draft 2020-12) of the whole payload, as JSON text.


class ListSubscriptionsResponse(TypedDict, total=False):
    """Response of ListSubscriptions."""

    subscriptions: list[Subscription]  # Subscriptions, oldest first.
    page_info: PageInfo  # Pagination.


class Subscription(TypedDict, total=False):
    """An endpoint subscribed to event types."""

    subscription_id: str  # Subscription id.
    url: str  # Where deliveries are POSTed.
    description: str  # What it is for (free text).
    event_types: list[str]  # Event types delivered (ListEventTypes).
    state: Literal[
        "SUBSCRIPTION_STATE_UNSPECIFIED", "SUBSCRIPTION_STATE_ACTIVE", "SUBSCRIPTION_STATE_PAUSED"
    ]  # Active or paused.
    policy: DeliveryPolicy  # Pacing and retries, with every default filled in.
    secrets: list[SecretInfo]  # The secrets signing its deliveries, newest first.
    circuit: Circuit  # The circuit breaker.
    version: int  # Version; increases with each change (UpdateSubscription's expected_version).
    created_by: str  # Who created it.
    created_at: str  # When created.
    updated_at: str  # When last changed.


class SecretInfo(TypedDict, total=False):
    """A signing secret's public face (never the secret itself)."""

    hint: str  # The secret's last four characters, to tell secrets apart.
    created_at: str  # When made.
    expires_at: str  # When it stops signing; unset for the newest secret.


class Circuit(TypedDict, total=False):
    """A subscription's circuit breaker, as its lane last recorded it."""

    state: Literal[
        "CIRCUIT_STATE_UNSPECIFIED",
        "CIRCUIT_STATE_CLOSED",
        "CIRCUIT_STATE_OPEN",
        "CIRCUIT_STATE_HALF_OPEN",
    ]  # State.
    consecutive_failures: int  # Consecutive failed attempts.
    open_until: str  # When an open breaker lets a probe through; unset unless OPEN.


class CreateSubscriptionResponse(TypedDict, total=False):
    """Response of CreateSubscription."""

    subscription: Subscription  # The subscription.
    secret: str  # The signing secret ("whsec_..."); shown only here.


class GetSubscriptionResponse(TypedDict, total=False):
    """Response of GetSubscription."""

    subscription: Subscription  # The subscription.


class UpdateSubscriptionResponse(TypedDict, total=False):
    """Response of UpdateSubscription."""

    subscription: Subscription  # The subscription after the change.


class DeleteSubscriptionResponse(TypedDict, total=False):
    """Response of DeleteSubscription."""

    deliveries_removed: int  # Deliveries removed with it.


class RotateSecretResponse(TypedDict, total=False):
    """Response of RotateSecret."""

    subscription: Subscription  # The subscription after the rotation.
    secret: str  # The new signing secret; shown only here.


class ListWebhookDeliveriesResponse(TypedDict, total=False):
    """Response of ListDeliveries."""

    deliveries: list[WebhookDelivery]  # Deliveries, newest first.
    page_info: PageInfo  # Pagination.


class WebhookDelivery(TypedDict, total=False):
    """One event for one subscription."""

    delivery_id: (
        str  # Delivery id ("<subscription_id>:<event_id>"; also the Loyalty-Delivery-Id header).
    )
    subscription_id: str  # Subscription.
    event_id: str  # The event's id (the payload's "id"; the Loyalty-Event-Id header).
    event_type: str  # The event's public type, e.g.
    member_id: str  # The member the event is about.
    occurred_at: str  # When the event happened.
    status: Literal[
        "WEBHOOK_DELIVERY_STATUS_UNSPECIFIED",
        "WEBHOOK_DELIVERY_STATUS_PENDING",
        "WEBHOOK_DELIVERY_STATUS_DELIVERED",
        "WEBHOOK_DELIVERY_STATUS_RETRYING",
        "WEBHOOK_DELIVERY_STATUS_DEAD_LETTERED",
    ]  # Status.
    attempts: int  # Attempts made since it was created or last replayed.
    next_attempt_at: str  # Next attempt (PENDING, RETRYING); unset otherwise.
    last_error: str  # The last attempt's error; empty after a success.
    payload: str  # The JSON body POSTed (the same bytes on every attempt).
    attempt_log: list[
        WebhookAttempt
    ]  # Every attempt, oldest first; replays are noted between them.
    created_at: str  # When created.
    updated_at: str  # When last changed.
    delivered_at: str  # When the receiver accepted it; unset until DELIVERED.
    replays: int  # Times it was replayed by an operator.


class WebhookAttempt(TypedDict, total=False):
    """One attempt at a delivery."""

    attempt: int  # Attempt number, from 1; 0 marks a replay (error then says by whom and why).
    at: str  # When it started.
    status_code: int  # The receiver's HTTP status; 0 when none came (timeout, connection refused).
    error: str  # What went wrong, e.g.
    latency_ms: int  # How long it took, milliseconds.
    response_excerpt: str  # The start of the receiver's answer (at most 256 characters).


class GetWebhookDeliveryResponse(TypedDict, total=False):
    """Response of GetDelivery."""

    delivery: WebhookDelivery  # The delivery.


class ListWebhookDeadLettersResponse(TypedDict, total=False):
    """Response of ListDeadLetters."""

    deliveries: list[WebhookDelivery]  # Dead-lettered deliveries, oldest first.
    page_info: PageInfo  # Pagination.


class ReplayDeliveriesResponse(TypedDict, total=False):
    """Response of ReplayDeliveries."""

    replayed: (
        int  # How many deliveries are pending again (a range replays at most 10,000 per call).
    )
    delivery_ids: list[str]  # The ids replayed (at most the first 500).


class ListApiKeysResponse(TypedDict, total=False):
    """Response of ListApiKeys."""

    keys: list[ApiKey]  # Keys, newest first.


class ApiKey(TypedDict, total=False):
    """An API key (without its secret)."""

    key_id: str  # Key id (the part of the key before its secret).
    name: str  # What the key is for, e.g.
    role: Literal[
        "API_KEY_ROLE_UNSPECIFIED",
        "API_KEY_ROLE_PARTNER",
        "API_KEY_ROLE_VIEWER",
        "API_KEY_ROLE_OPERATOR",
        "API_KEY_ROLE_ADMIN",
    ]  # Role.
    partner_id: str  # Partner (partner keys).
    store_ids: list[
        str
    ]  # Stores the key may act for (partner keys); empty = every store of the partner.
    created_at: str  # When created.
    created_by: str  # Who created it.
    revoked_at: str  # When revoked; unset while active.
    revoked_by: str  # Who revoked it.


class CreateApiKeyResponse(TypedDict, total=False):
    """Response of CreateApiKey."""

    key: ApiKey  # The key.
    secret: str  # The whole key to present ("lsk_<key_id>_<secret>"); shown only here.


class RevokeApiKeyResponse(TypedDict, total=False):
    """Response of RevokeApiKey."""

    key: ApiKey  # The key, revoked.


class RecordCustomEventResponse(TypedDict, total=False):
    """Response of RecordCustomEvent."""

    event: CustomEvent  # The event.
    awards: list[CustomEventAward]  # What each matching bonus rule gave, by bonus_rule_id.
    points: int  # Points credited for the event in all.
    replayed: bool  # True when the idempotency key returned the original result.


class CustomEvent(TypedDict, total=False):
    """A member's custom event as recorded."""

    event_id: str  # Event id (derived from the idempotency key); the bonus entries' reference.
    member_id: str  # The member.
    name: str  # The event's name (a catalogue type).
    attributes: dict[str, str]  # Its attributes.
    occurred_at: str  # When it happened, UTC.
    recorded_at: str  # When the service recorded it.
    source: Literal[
        "CUSTOM_EVENT_SOURCE_UNSPECIFIED", "CUSTOM_EVENT_SOURCE_APP", "CUSTOM_EVENT_SOURCE_PARTNER"
    ]  # Who sent it.
    partner_id: str  # The partner that sent it (PARTNER source).
    store_id: str  # The store it happened at, if the till named one.


class CustomEventAward(TypedDict, total=False):
    """What one bonus rule gave for an event."""

    bonus_rule_id: str  # The bonus rule.
    points: int  # Points credited; 0 when withheld.
    entry_id: str  # The BONUS ledger entry; empty when withheld.
    withheld: str  # Why nothing was credited: "CAP_PER_MEMBER_DAY", "CAP_PER_MEMBER_WEEK", "CAP_PER_MEMBER_LIFETIME"...


class ListCustomEventTypesResponse(TypedDict, total=False):
    """Response of ListCustomEventTypes."""

    event_types: list[CustomEventType]  # The catalogue, by name (at most 200 types).


class DefineCustomEventTypeResponse(TypedDict, total=False):
    """Response of DefineCustomEventType."""

    event_type: CustomEventType  # The stored type with its new version.


class ListEventSegmentsResponse(TypedDict, total=False):
    """Response of ListEventSegments."""

    segments: list[EventSegment]  # The custom event segments, by segment id.


class DefineEventSegmentResponse(TypedDict, total=False):
    """Response of DefineEventSegment."""

    segment: EventSegment  # The segment as stored.


class DeleteEventSegmentResponse(TypedDict, total=False):
    """Response of DeleteEventSegment."""

    segment: EventSegment  # The segment removed.


class CreateImportResponse(TypedDict, total=False):
    """Response of CreateImport."""

    bulk_import: Import  # The import.
    replayed: bool  # True when the import existed already (the same request again).


class Import(TypedDict, total=False):
    """An import and its progress."""

    import_id: str  # The import's id, chosen by its creator.
    kind: Literal[
        "IMPORT_KIND_UNSPECIFIED",
        "IMPORT_KIND_MEMBERS",
        "IMPORT_KIND_VOUCHER_CODES",
        "IMPORT_KIND_STORES",
    ]  # What the file holds.
    mode: Literal[
        "IMPORT_MODE_UNSPECIFIED", "IMPORT_MODE_ALL_OR_NOTHING", "IMPORT_MODE_SKIP_BAD_ROWS"
    ]  # All or nothing, or skip bad rows.
    state: Literal[
        "IMPORT_STATE_UNSPECIFIED",
        "IMPORT_STATE_RECEIVING",
        "IMPORT_STATE_VALIDATING",
        "IMPORT_STATE_APPLYING",
        "IMPORT_STATE_STOPPED",
        "IMPORT_STATE_COMPLETED",
        "IMPORT_STATE_REJECTED",
    ]  # Where it is.
    notify_members: (
        bool  # Imported members are sent the welcome message (members imports; default false).
    )
    rows_total: int  # Rows in the file.
    rows_received: int  # Rows added so far.
    rows_validated: int  # Rows validated so far.
    rows_applied: int  # Rows applied so far.
    rows_failed: int  # Rows found bad (left out, or the reason for a rejection).
    errors: list[
        ImportError
    ]  # The first errors by row (at most 20; ListImportErrors has them all).
    created_by: str  # Who created it.
    created_at: str  # When it was created.
    started_at: str  # When it was last started (or resumed).
    finished_at: str  # When it completed or was rejected; unset before.


class ImportError(TypedDict, total=False):
    """Why one row was not applied."""

    row: int  # The row's number (1: the first line after the header).
    field: str  # The column at fault ("row" when it is the row as a whole).
    reason: str  # Why, in words, e.g.


class AddImportRowsResponse(TypedDict, total=False):
    """Response of AddImportRows."""

    rows_received: int  # Rows added so far, this page's included.
    rows_replayed: int  # Rows of this page that had been added before (a page sent again).


class StartImportResponse(TypedDict, total=False):
    """Response of StartImport."""

    bulk_import: Import  # The import as it starts.


class StopImportResponse(TypedDict, total=False):
    """Response of StopImport."""

    bulk_import: Import  # The import as it stops.


class GetImportResponse(TypedDict, total=False):
    """Response of GetImport."""

    bulk_import: Import  # The import.


class ListImportErrorsResponse(TypedDict, total=False):
    """Response of ListImportErrors."""

    errors: list[ImportError]  # Errors by row number.
    page_info: PageInfo  # Next page.


class ErrorErrorFieldsItem(TypedDict, total=False):
    """ErrorErrorFieldsItem"""

    field: Required[str]  # The field's path, e.g.
    reason: Required[str]  # What is wrong with it.


class ErrorError(TypedDict, total=False):
    """What went wrong."""

    code: Required[
        str
    ]  # Machine-readable: the gRPC status or the business rule's reason, in lower case ("invalid_argumen...
    message: Required[str]  # For people (developers, not members): what to change.
    fields: Required[
        list[ErrorErrorFieldsItem]
    ]  # Every bad field of the request, each once; empty when the error is not about a field.


class Error(TypedDict, total=False):
    """The one shape of every error the API answers."""

    error: ErrorError  # What went wrong.


class IssuePresenceCodeForMemberBody(TypedDict, total=False):
    """Request of IssuePresenceCode."""


class UpdateMemberForMemberBody(TypedDict, total=False):
    """Request of UpdateMember."""

    profile: Required[MemberProfile]  # New values of the fields named in update_mask.
    phone_region: str  # ISO-3166 region for a national-format phone; empty = "VN".
    expected_version: int  # Version the caller read; 0 = do not check.
    reason: str  # Why (required for staff actors).


class UpdateConsentsForMemberBody(TypedDict, total=False):
    """Request of UpdateConsents."""

    consents: Required[list[ConsentInput]]  # Consents to set: at least one, 1 per channel at most.
    source: Required[str]  # Where (as in Consent.source).


class RotateQrTokenForMemberBody(TypedDict, total=False):
    """Request of RotateQrToken."""


class RecordNpsAnswerForMemberBody(TypedDict, total=False):
    """Request of RecordNpsAnswer."""

    score: int  # Score 0..10.
    comment: str  # Free-text comment; 0..2000 characters; erased with the member.
    answered_at: str  # When answered; unset = now.
    survey: str  # Survey or touchpoint, e.g.


class RedeemRewardForMemberBody(TypedDict, total=False):
    """Request of RedeemReward."""

    reward_id: Required[str]  # Reward id.
    points: int  # Points to convert (POINTS_AS_PAYMENT only: a multiple of payment_rate.points within its min/max)...


class MarkInboxReadForMemberBody(TypedDict, total=False):
    """Request of MarkInboxRead."""

    inbox_message_ids: list[str]  # Messages to mark read; up to 500.
    all: bool  # Mark every message of the member read (ids ignored).


class RecordNpsAnswerForPartnerBody(TypedDict, total=False):
    """Request of RecordNpsAnswer."""

    member_id: Required[str]  # Member who answered.
    score: int  # Score 0..10.
    comment: str  # Free-text comment; 0..2000 characters; erased with the member.
    answered_at: str  # When answered; unset = now.
    survey: str  # Survey or touchpoint, e.g.


class EnrolMemberForPartnerBody(TypedDict, total=False):
    """Request of EnrolMember."""

    profile: Required[MemberProfile]  # Profile.
    phone_region: str  # ISO-3166 region for a national-format phone; empty = "VN".
    consents: list[
        ConsentInput
    ]  # Marketing consents given at enrolment; channels not listed are not granted.
    consent_source: (
        str  # Where consent was given (as in Consent.source); required when consents are given.
    )
    referral_code: str  # A referral code of an existing member; optional.
    card_number: str  # A pre-printed card handed over at the till; empty = one is generated.
    enrolment_channel: str  # Where: "app", "web", "pos", "import".
    store_id: str  # Store (enrolment at a till).


class EarnForPartnerBody(TypedDict, total=False):
    """Request of Earn."""

    member_id: Required[
        str
    ]  # Member id (recognised at the till through MembersService.FindMember).
    store_id: Required[str]  # Store id.
    transaction_id: Required[
        str
    ]  # The partner's transaction id, unique per partner; 1..128 characters.
    amount: Required[
        Money
    ]  # Purchase total after discounts; amount_minor > 0; known ISO-4217 currency.
    lines: list[
        LineItem
    ]  # Purchase lines; optional; up to 500; amounts sum to amount, same currency.
    occurred_at: Required[str]  # When the purchase happened (the till's clock, UTC).
    language: str  # Language for rule names in the breakdown; empty = "vi".


class ReturnForPartnerBody(TypedDict, total=False):
    """Request of Return."""

    store_id: Required[str]  # Store taking the return (any store of the partner).
    return_id: Required[
        str
    ]  # The partner's id of this return, unique per partner; 1..128 characters.
    original_transaction_id: Required[str]  # The original purchase's transaction_id.
    member_id: str  # Optional check: when set, must be the purchase's member (else NOT_FOUND).
    full: bool  # Everything not yet returned.
    lines: ReturnLines  # By line: points of a line reversed in proportion quantity / line quantity.
    amount: Money  # By amount: points reversed in proportion amount / purchase amount; same currency, > 0; cumulativ...
    occurred_at: str  # When the return happened; unset = now.


class PlaceHoldForPartnerBody(TypedDict, total=False):
    """Request of PlaceHold."""

    member_id: Required[str]  # Member id.
    points: Required[int]  # Points to reserve; > 0.
    store_id: Required[str]  # Store placing the hold.
    reference: str  # Caller's reference (e.g.
    ttl_seconds: int  # Seconds until the hold expires unresolved; 0 = ProgrammeSettings.hold_ttl_seconds; 1..86400.
    presence: PresenceProof  # Proof the member is at the till (presence.proto); not needed below the programme's presence_waiv...


class CaptureHoldForPartnerBody(TypedDict, total=False):
    """Request of CaptureHold."""

    points: int  # Points to capture; 0 = all; at most the hold's points; the rest is released.
    transaction_id: str  # The till transaction the points paid for; optional.


class ReleaseHoldForPartnerBody(TypedDict, total=False):
    """Request of ReleaseHold."""

    reason: str  # Why (e.g.


class RedeemForPartnerBody(TypedDict, total=False):
    """Request of Redeem."""

    member_id: Required[str]  # Member id.
    points: Required[int]  # Points to spend; > 0.
    reference: str  # Redemption id (REWARD) or till transaction id (PAYMENT); 0..128 characters.
    store_id: str  # Store where points are spent.
    presence: PresenceProof  # PAYMENT: proof the member is at the till (presence.proto); not needed below the programme's pres...


class UseVoucherForPartnerBody(TypedDict, total=False):
    """Request of UseVoucher."""

    store_id: str  # Store of the till.
    transaction_id: Required[str]  # Till transaction the voucher is used on.
    member_id: str  # The member at the till; empty = not checked (required for a batch code: they claim it).
    purchase_amount: Money  # Purchase amount (checked against min_purchase); optional.
    presence: (
        PresenceProof  # Proof the voucher's member is at the till (presence.proto); always needed.
    )


class SimulateForPartnerBody(TypedDict, total=False):
    """Request of Simulate."""

    member_id: str  # Member to simulate for (tier, segments, caps used today); empty = a member of tier_code with seg...
    tier_code: str  # Tier to assume when member_id is empty (or to override the member's tier).
    segment_ids: list[
        str
    ]  # Segments to assume when member_id is empty (or to override the member's).
    store_id: str  # Store of the purchase.
    amount: Required[Money]  # Purchase total; amount_minor > 0.
    lines: list[LineItem]  # Purchase lines (optional; amounts must sum to amount).
    occurred_at: str  # Purchase time; unset = now.
    language: str  # Language of rule_name in the breakdown; empty = "vi".


class CreatePartnerBody(TypedDict, total=False):
    """Request of CreatePartner."""

    partner_id: Required[str]  # Id to register (a-z, 0-9, hyphen; 1..64).
    name: Required[str]  # Display name (1..200 characters).
    currency: Required[str]  # Default ISO-4217 currency.


class CreateStoreBody(TypedDict, total=False):
    """Request of CreateStore."""

    store_id: Required[str]  # Id to register (a-z, 0-9, hyphen; 1..64), unique across partners.
    partner_id: Required[str]  # Owning partner.
    name: Required[str]  # Display name (1..200 characters).
    time_zone: str  # IANA time zone; empty means "Asia/Ho_Chi_Minh".


class UpdatePartnerBody(TypedDict, total=False):
    """Request of UpdatePartner."""

    name: str  # New display name; empty keeps it.
    status: Literal[
        "PARTNER_STATUS_UNSPECIFIED", "PARTNER_STATUS_ACTIVE", "PARTNER_STATUS_SUSPENDED"
    ]  # New status; UNSPECIFIED keeps it.
    version: Required[int]  # The version read; a stale one is ABORTED.
    reason: str  # Why (required when suspending).


class UpdateStoreBody(TypedDict, total=False):
    """Request of UpdateStore."""

    name: str  # New display name; empty keeps it.
    status: Literal[
        "PARTNER_STATUS_UNSPECIFIED", "PARTNER_STATUS_ACTIVE", "PARTNER_STATUS_SUSPENDED"
    ]  # New status; UNSPECIFIED keeps it.
    time_zone: str  # New IANA time zone; empty keeps it.
    version: Required[int]  # The version read; a stale one is ABORTED.
    reason: str  # Why (required when closing).


class RunExpiryBody(TypedDict, total=False):
    """Request of RunExpiry."""

    as_of: str  # Expire lots with expires_at <= as_of; unset = now.
    limit: int  # Maximum lots in this run; 0 = all.


class ActivatePendingBody(TypedDict, total=False):
    """Request of ActivatePending."""

    as_of: str  # Activate lots with available_at <= as_of; unset = now.
    limit: int  # Maximum lots in this run; 0 = all.


class ExpireHoldsBody(TypedDict, total=False):
    """Request of ExpireHolds."""

    as_of: str  # Expire holds with expires_at <= as_of; unset = now.
    limit: int  # Maximum holds in this run; 0 = all.


class RunBirthdayBonusesBody(TypedDict, total=False):
    """Request of RunBirthdayBonuses."""

    as_of: str  # The run's instant (its month in the programme time zone is the birthday month); unset = now.
    limit: int  # Maximum members to award in this run; 0 = all.


class RunTierReviewBody(TypedDict, total=False):
    """Request of RunTierReview."""

    as_of: str  # Review members due at or before this instant; unset = now.
    dry_run: bool  # Compute and report, change nothing.
    limit: int  # Maximum members in this run; 0 = all.


class RunExpiryRemindersBody(TypedDict, total=False):
    """Request of RunExpiryReminders."""

    as_of: str  # The run's instant; unset = now.
    days_ahead: int  # Look-ahead in days; 0 = DeliverySettings.expiry_reminder_days.


class RunBirthdayGreetingsBody(TypedDict, total=False):
    """Request of RunBirthdayGreetings."""

    as_of: str  # The run's instant (birthdays in each member's own time zone at this instant); unset = now.


class EnrolMemberBody(TypedDict, total=False):
    """Request of EnrolMember."""

    profile: Required[MemberProfile]  # Profile.
    phone_region: str  # ISO-3166 region for a national-format phone; empty = "VN".
    consents: list[
        ConsentInput
    ]  # Marketing consents given at enrolment; channels not listed are not granted.
    consent_source: (
        str  # Where consent was given (as in Consent.source); required when consents are given.
    )
    referral_code: str  # A referral code of an existing member; optional.
    card_number: str  # A pre-printed card handed over at the till; empty = one is generated.
    enrolment_channel: str  # Where: "app", "web", "pos", "import".
    partner_id: str  # Partner (enrolment at a till).
    store_id: str  # Store (enrolment at a till).


class UpdateMemberBody(TypedDict, total=False):
    """Request of UpdateMember."""

    profile: Required[MemberProfile]  # New values of the fields named in update_mask.
    phone_region: str  # ISO-3166 region for a national-format phone; empty = "VN".
    expected_version: int  # Version the caller read; 0 = do not check.
    reason: str  # Why (required for staff actors).


class BlockMemberBody(TypedDict, total=False):
    """Request of BlockMember."""

    reason: Required[str]  # Why.


class UnblockMemberBody(TypedDict, total=False):
    """Request of UnblockMember."""

    reason: Required[str]  # Why.


class EraseMemberBody(TypedDict, total=False):
    """Request of EraseMember."""

    reason: Required[str]  # Why (e.g.


class RefundRedemptionBody(TypedDict, total=False):
    """Request of RefundRedemption."""

    reason: Required[str]  # Why.


class RotateQrTokenBody(TypedDict, total=False):
    """Request of RotateQrToken."""


class SetMemberTierBody(TypedDict, total=False):
    """Request of SetMemberTier."""

    tier_code: Required[str]  # Tier code to set.
    reason: Required[str]  # Why.


class SendMessageBody(TypedDict, total=False):
    """Request of SendMessage."""

    message_type: Required[
        Literal[
            "MESSAGE_TYPE_UNSPECIFIED",
            "MESSAGE_TYPE_WELCOME",
            "MESSAGE_TYPE_PURCHASE_THANK_YOU",
            "MESSAGE_TYPE_TIER_UPGRADE",
            "MESSAGE_TYPE_REWARD_REDEEMED",
            "MESSAGE_TYPE_POINTS_EXPIRING",
            "MESSAGE_TYPE_BIRTHDAY",
            "MESSAGE_TYPE_APOLOGY",
            "MESSAGE_TYPE_GIFT",
            "MESSAGE_TYPE_MARKETING",
            "MESSAGE_TYPE_WIN_BACK",
            "MESSAGE_TYPE_SIGN_IN_CODE",
            "MESSAGE_TYPE_GENERIC",
            "MESSAGE_TYPE_POINTS_REVERSED",
        ]
    ]  # Message type.
    channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Channels to use; empty = chosen per the rules (file comment); SIGN_IN_CODE is always SMS.
    category: Literal[
        "MESSAGE_CATEGORY_UNSPECIFIED",
        "MESSAGE_CATEGORY_TRANSACTIONAL",
        "MESSAGE_CATEGORY_MARKETING",
    ]  # Category (GENERIC only; required there).
    variables: dict[str, str]  # Template variables, e.g.
    language: str  # Language override; empty = the member's.
    not_before: str  # Send no earlier than this instant; unset = now.
    to_phone: str  # SIGN_IN_CODE only: the phone (E.164) to send to; empty = the member's phone.


class AdjustBody(TypedDict, total=False):
    """Request of Adjust."""

    member_id: Required[str]  # Member id.
    points: Required[
        int
    ]  # Signed points: > 0 credits a new lot, < 0 debits available (lots expiring first); non-zero.
    expires_at: str  # Expiry of a credit's lot; unset = the programme's expiry rule from now.
    counts_for_tier: bool  # A credit counts toward tier qualification (e.g.
    reason: Required[str]  # Why.


class SetTierLadderBody(TypedDict, total=False):
    """Request of SetTierLadder."""

    ladder: Required[TierLadder]  # The new ladder (read-only fields ignored).
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    reason: Required[str]  # Why.


class ValidateTierLadderBody(TypedDict, total=False):
    """Request of ValidateTierLadder."""

    ladder: TierLadder  # The ladder to check.


class RecomputeSegmentsBody(TypedDict, total=False):
    """Request of RecomputeSegments."""

    as_of: str  # Compute as of this instant; unset = now.
    params: SegmentationParams  # Parameters; unset = defaults.


class UpdateProgrammeSettingsBody(TypedDict, total=False):
    """Request of UpdateProgrammeSettings."""

    settings: Required[ProgrammeSettings]  # The new settings (read-only fields ignored).
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    reason: Required[str]  # Why.


class CreateEarningRuleBody(TypedDict, total=False):
    """Request of CreateEarningRule."""

    rule: Required[EarningRule]  # The rule; read-only fields are ignored.
    validate_only: bool  # Validate and return the rule as it would be stored, storing nothing.
    reason: Required[str]  # Why (audit trail).


class UpdateEarningRuleBody(TypedDict, total=False):
    """Request of UpdateEarningRule."""

    rule: Required[EarningRule]  # The new rule content; rule.rule_id names the rule.
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    validate_only: bool  # Validate only, store nothing.
    reason: Required[str]  # Why.


class DeleteEarningRuleBody(TypedDict, total=False):
    """Request of DeleteEarningRule."""

    reason: Required[str]  # Why.


class CreateBonusRuleBody(TypedDict, total=False):
    """Request of CreateBonusRule."""

    rule: Required[BonusRule]  # The rule; read-only fields ignored.
    validate_only: bool  # Validate only, store nothing.
    reason: Required[str]  # Why.


class UpdateBonusRuleBody(TypedDict, total=False):
    """Request of UpdateBonusRule."""

    rule: Required[BonusRule]  # New content; rule.bonus_rule_id names the rule.
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    validate_only: bool  # Validate only.
    reason: Required[str]  # Why.


class DeleteBonusRuleBody(TypedDict, total=False):
    """Request of DeleteBonusRule."""

    reason: Required[str]  # Why.


class GrantGiftBody(TypedDict, total=False):
    """Request of GrantGift."""

    member_id: str  # One member.
    segment_id: (
        str  # Every member of a segment at the time of the grant (InsightsService segment id).
    )
    points: int  # Points to credit per member (a BONUS entry, available at once); 0 = none; >= 0 and at most the p...
    reward_id: str  # Reward whose voucher to issue per member (reason GIFT); empty = none.
    points_expire_at: str  # Expiry of the gifted points; unset = the programme's expiry rule.
    note: dict[str, str]  # Text shown to the member with the gift, per language; optional.
    reason: Required[str]  # Why (audit trail).


class SimulateBody(TypedDict, total=False):
    """Request of Simulate."""

    member_id: str  # Member to simulate for (tier, segments, caps used today); empty = a member of tier_code with seg...
    tier_code: str  # Tier to assume when member_id is empty (or to override the member's tier).
    segment_ids: list[
        str
    ]  # Segments to assume when member_id is empty (or to override the member's).
    partner_id: Required[str]  # Partner of the purchase.
    store_id: str  # Store of the purchase.
    amount: Required[Money]  # Purchase total; amount_minor > 0.
    lines: list[LineItem]  # Purchase lines (optional; amounts must sum to amount).
    occurred_at: str  # Purchase time; unset = now.
    language: str  # Language of rule_name in the breakdown; empty = "vi".
    with_rule_ids: list[
        str
    ]  # Draft earning rules to evaluate as if they were published (enabled), to try a rule before publis...


class CreateRewardBody(TypedDict, total=False):
    """Request of CreateReward."""

    reward: Required[
        Reward
    ]  # The reward; read-only fields ignored except stock_total (initial stock).
    validate_only: bool  # Validate only, store nothing.
    reason: Required[str]  # Why.


class UpdateRewardBody(TypedDict, total=False):
    """Request of UpdateReward."""

    reward: Required[Reward]  # New content; reward.reward_id names it; stock fields ignored.
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    validate_only: bool  # Validate only.
    reason: Required[str]  # Why.


class AdjustRewardStockBody(TypedDict, total=False):
    """Request of AdjustRewardStock."""

    delta: Required[int]  # Units to add (> 0) or remove (< 0); non-zero.
    reason: Required[str]  # Why.


class ArchiveRewardBody(TypedDict, total=False):
    """Request of ArchiveReward."""

    reason: Required[str]  # Why.


class IssueVoucherBody(TypedDict, total=False):
    """Request of IssueVoucher."""

    member_id: Required[str]  # Member id.
    reward_id: Required[str]  # Reward whose value the voucher carries (any non-payment type).
    issue_reason: Required[
        Literal[
            "VOUCHER_REASON_UNSPECIFIED",
            "VOUCHER_REASON_REDEMPTION",
            "VOUCHER_REASON_BIRTHDAY",
            "VOUCHER_REASON_COMPENSATION",
            "VOUCHER_REASON_GIFT",
            "VOUCHER_REASON_BONUS",
            "VOUCHER_REASON_IMPORT",
            "VOUCHER_REASON_BATCH",
        ]
    ]  # Why; BIRTHDAY, COMPENSATION, GIFT or BONUS.
    expires_at: str  # Expiry override; unset = the reward's voucher validity.
    complaint_reference: str  # Complaint reference, from the CRM system; required for COMPENSATION (at most 100 characters).
    reason: Required[str]  # Why (audit trail, shown to staff).


class CreateVoucherBatchBody(TypedDict, total=False):
    """Request of CreateVoucherBatch."""

    reward_id: Required[str]  # Reward whose value the codes carry (any non-payment type).
    count: Required[int]  # Codes to generate, 1..10,000.
    label: Required[str]  # A label for staff, 1..100 characters.
    expires_at: str  # When the codes expire (in the future); unset = the reward's voucher validity.
    reason: Required[str]  # Why (audit trail).


class VoidVoucherBatchBody(TypedDict, total=False):
    """Request of VoidVoucherBatch."""

    reason: Required[str]  # Why (kept on the batch).


class CancelRedemptionBody(TypedDict, total=False):
    """Request of CancelRedemption."""

    reason: Required[str]  # Why.


class SaveTemplateBody(TypedDict, total=False):
    """Request of SaveTemplate."""

    template: Required[Template]  # The template (read-only fields ignored).
    expected_version: int  # Current version the caller read; 0 = do not check.
    validate_only: bool  # Check and render only, store nothing.
    reason: str  # Why (audit trail); optional.


class PreviewTemplateBody(TypedDict, total=False):
    """Request of PreviewTemplate."""

    member_id: Required[
        str
    ]  # Member to render for (name, language, time zone from the contact copy).
    message_type: Required[
        Literal[
            "MESSAGE_TYPE_UNSPECIFIED",
            "MESSAGE_TYPE_WELCOME",
            "MESSAGE_TYPE_PURCHASE_THANK_YOU",
            "MESSAGE_TYPE_TIER_UPGRADE",
            "MESSAGE_TYPE_REWARD_REDEEMED",
            "MESSAGE_TYPE_POINTS_EXPIRING",
            "MESSAGE_TYPE_BIRTHDAY",
            "MESSAGE_TYPE_APOLOGY",
            "MESSAGE_TYPE_GIFT",
            "MESSAGE_TYPE_MARKETING",
            "MESSAGE_TYPE_WIN_BACK",
            "MESSAGE_TYPE_SIGN_IN_CODE",
            "MESSAGE_TYPE_GENERIC",
            "MESSAGE_TYPE_POINTS_REVERSED",
        ]
    ]  # Message type.
    channel: Literal[
        "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
    ]  # Channel.
    language: str  # Language; empty = the member's.
    variables: dict[str, str]  # Variable values; others get sample values.
    draft: Template  # Unsaved draft to render instead of the saved template; optional.


class InstallDefaultTemplatesBody(TypedDict, total=False):
    """Request of InstallDefaultTemplates."""

    overwrite: bool  # Replace existing templates with the defaults (as new versions).


class ResendMessageBody(TypedDict, total=False):
    """Request of ResendMessage."""

    channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Channels to send on, each among the original's; empty = all the original's.


class UpdateDeliverySettingsBody(TypedDict, total=False):
    """Request of UpdateDeliverySettings."""

    settings: Required[DeliverySettings]  # New settings (read-only fields ignored).
    expected_version: int  # The version the caller read; a different stored version is ABORTED.
    reason: Required[str]  # Why.


class StartBulkSendBody(TypedDict, total=False):
    """Request of StartBulkSend."""

    name: Required[str]  # Internal name, e.g.
    segment_id: Required[str]  # Target segment id.
    message_type: Required[
        Literal[
            "MESSAGE_TYPE_UNSPECIFIED",
            "MESSAGE_TYPE_WELCOME",
            "MESSAGE_TYPE_PURCHASE_THANK_YOU",
            "MESSAGE_TYPE_TIER_UPGRADE",
            "MESSAGE_TYPE_REWARD_REDEEMED",
            "MESSAGE_TYPE_POINTS_EXPIRING",
            "MESSAGE_TYPE_BIRTHDAY",
            "MESSAGE_TYPE_APOLOGY",
            "MESSAGE_TYPE_GIFT",
            "MESSAGE_TYPE_MARKETING",
            "MESSAGE_TYPE_WIN_BACK",
            "MESSAGE_TYPE_SIGN_IN_CODE",
            "MESSAGE_TYPE_GENERIC",
            "MESSAGE_TYPE_POINTS_REVERSED",
        ]
    ]  # MARKETING, WIN_BACK or GENERIC.
    category: Literal[
        "MESSAGE_CATEGORY_UNSPECIFIED",
        "MESSAGE_CATEGORY_TRANSACTIONAL",
        "MESSAGE_CATEGORY_MARKETING",
    ]  # Category (GENERIC only; required there).
    channels: list[
        Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
    ]  # Channels; empty = per-member choice.
    variables: dict[str, str]  # Variables for every message.
    scheduled_at: str  # Start time; unset = now.
    rate_per_second: (
        int  # Throttle, messages per second; 0 = DeliverySettings.bulk_rate_per_second.
    )
    reason: str  # Why (audit trail); optional.


class CancelBulkSendBody(TypedDict, total=False):
    """Request of CancelBulkSend."""

    reason: Required[str]  # Why.


class RetryDeadLettersBody(TypedDict, total=False):
    """Request of RetryDeadLetters."""

    delivery_ids: Required[list[str]]  # Deliveries to requeue; 1..500.
    reason: str  # Why (e.g.


class CreateSubscriptionBody(TypedDict, total=False):
    """Request of CreateSubscription."""

    url: Required[
        str
    ]  # Endpoint URL: https (http to loopback outside production), at most 2048 characters, no user or p...
    event_types: Required[list[str]]  # Event types to deliver; 1..50 names from ListEventTypes.
    description: str  # What it is for; at most 500 characters.
    policy: DeliveryPolicy  # Pacing and retries; unset fields take their defaults.
    paused: bool  # Start paused (deliveries queue until resumed).


class UpdateSubscriptionBody(TypedDict, total=False):
    """Request of UpdateSubscription."""

    update_mask: Required[
        list[str]
    ]  # Fields to change, by name: "event_types", "description", "paused", "policy".
    event_types: list[str]  # New event types (update_mask "event_types"); 1..50 names.
    description: str  # New description (update_mask "description").
    paused: bool  # Pause (true) or resume (false) (update_mask "paused").
    policy: DeliveryPolicy  # New policy (update_mask "policy"); unset fields take their defaults.
    expected_version: int  # The version the caller read; 0 = no check.


class RotateSecretBody(TypedDict, total=False):
    """Request of RotateSecret."""

    overlap_seconds: int  # How long the secret in force keeps signing beside the new one, seconds; 0..604800 (0 = stops at ...


class ReplayDeliveriesBody(TypedDict, total=False):
    """Request of ReplayDeliveries: delivery_ids, or subscription_id with a time range."""

    delivery_ids: list[
        str
    ]  # Deliveries to send again; 1..500 (or give subscription_id and a range).
    subscription_id: (
        str  # The subscription whose deliveries in [created_from, created_to) are sent again.
    )
    created_from: str  # Start of the range (inclusive).
    created_to: str  # End of the range (exclusive); unset = now.
    statuses: list[
        Literal[
            "WEBHOOK_DELIVERY_STATUS_UNSPECIFIED",
            "WEBHOOK_DELIVERY_STATUS_PENDING",
            "WEBHOOK_DELIVERY_STATUS_DELIVERED",
            "WEBHOOK_DELIVERY_STATUS_RETRYING",
            "WEBHOOK_DELIVERY_STATUS_DEAD_LETTERED",
        ]
    ]  # Statuses replayed in a range: DEAD_LETTERED and/or DELIVERED; empty = DEAD_LETTERED.
    reason: str  # Why (e.g.


class CreateApiKeyBody(TypedDict, total=False):
    """Request of CreateApiKey."""

    name: Required[str]  # What the key is for; 1..200 characters.
    role: Required[
        Literal[
            "API_KEY_ROLE_UNSPECIFIED",
            "API_KEY_ROLE_PARTNER",
            "API_KEY_ROLE_VIEWER",
            "API_KEY_ROLE_OPERATOR",
            "API_KEY_ROLE_ADMIN",
        ]
    ]  # Role.
    partner_id: str  # Partner (partner keys only).
    store_ids: list[
        str
    ]  # Stores (partner keys only); each must be the partner's; empty = all its stores.


class RevokeApiKeyBody(TypedDict, total=False):
    """Request of RevokeApiKey."""

    reason: Required[str]  # Why.


class RecordCustomEventForMemberBody(TypedDict, total=False):
    """Request of RecordCustomEvent."""

    name: Required[str]  # The event's name, a type of the catalogue.
    attributes: dict[str, str]  # Attributes, e.g.
    occurred_at: (
        str  # When it happened (PARTNER only; unset = now); an app's event must leave it unset.
    )
    partner_id: str  # The partner that sends it (PARTNER only; the gateway sets it from the key).
    store_id: str  # The store where it happened (PARTNER only; optional).


class RecordCustomEventForPartnerBody(TypedDict, total=False):
    """Request of RecordCustomEvent."""

    member_id: Required[str]  # The member who did it.
    name: Required[str]  # The event's name, a type of the catalogue.
    attributes: dict[str, str]  # Attributes, e.g.
    occurred_at: (
        str  # When it happened (PARTNER only; unset = now); an app's event must leave it unset.
    )
    store_id: str  # The store where it happened (PARTNER only; optional).


class DefineCustomEventTypeBody(TypedDict, total=False):
    """Request of DefineCustomEventType."""

    event_type: Required[CustomEventType]  # The type; read-only fields are ignored.
    expected_version: (
        int  # The version the caller read; 0 = define it only if the name is new (else ABORTED).
    )
    reason: Required[str]  # Why (audit trail).


class DefineEventSegmentBody(TypedDict, total=False):
    """Request of DefineEventSegment."""

    segment: Required[EventSegment]  # The segment; read-only fields are ignored.


class CreateImportBody(TypedDict, total=False):
    """Request of CreateImport."""

    import_id: Required[
        str
    ]  # The import's id: 1..64 letters, digits, '-', '_' or '.'; it makes every row's idempotency key.
    kind: Required[
        Literal[
            "IMPORT_KIND_UNSPECIFIED",
            "IMPORT_KIND_MEMBERS",
            "IMPORT_KIND_VOUCHER_CODES",
            "IMPORT_KIND_STORES",
        ]
    ]  # What the file holds.
    mode: Required[
        Literal[
            "IMPORT_MODE_UNSPECIFIED", "IMPORT_MODE_ALL_OR_NOTHING", "IMPORT_MODE_SKIP_BAD_ROWS"
        ]
    ]  # What a bad row does.
    rows_total: Required[int]  # How many rows the file has, 1..1,000,000.
    notify_members: bool  # Send imported members the welcome message (default false: members moving from another programme ...


class AddImportRowsBody(TypedDict, total=False):
    """Request of AddImportRows."""

    first_row_number: Required[int]  # The number of the first row given, 1..rows_total.
    rows: Required[list[ImportRow]]  # The rows, in order: 1..1,000.


class StartImportBody(TypedDict, total=False):
    """Request of StartImport."""


class StopImportBody(TypedDict, total=False):
    """Request of StopImport."""


class SendSignInCodeBody(TypedDict, total=False):
    """SendSignInCodeBody"""

    phone: Required[str]  # The member's phone, national (0905 123 456) or E.164 (+84905123456).


class SendSignInCodeAnswer(TypedDict, total=False):
    """SendSignInCodeAnswer"""

    sent: Required[Literal[True]]  # Always true: a code was sent if the phone is a member's.


class SignInBody(TypedDict, total=False):
    """SignInBody"""

    phone: Required[str]  # The member's phone, national (0905 123 456) or E.164 (+84905123456).
    code: Required[str]  # The six-digit code the SMS carried.


class SignInAnswer(TypedDict, total=False):
    """SignInAnswer"""

    access_token: Required[str]  # A JWT for /v1/me, valid for expires_in seconds.
    token_type: Required[Literal["Bearer"]]  # Always Bearer.
    expires_in: Required[int]  # Seconds the access token is valid for.
    refresh_token: Required[str]  # Trades for a new pair once (/v1/auth/refresh).


class RefreshTokensBody(TypedDict, total=False):
    """RefreshTokensBody"""

    refresh_token: Required[str]  # Trades for a new pair once (/v1/auth/refresh).


class RefreshTokensAnswer(TypedDict, total=False):
    """RefreshTokensAnswer"""

    access_token: Required[str]  # A JWT for /v1/me, valid for expires_in seconds.
    token_type: Required[Literal["Bearer"]]  # Always Bearer.
    expires_in: Required[int]  # Seconds the access token is valid for.
    refresh_token: Required[str]  # Trades for a new pair once (/v1/auth/refresh).


class RecogniseMemberAnswer(TypedDict, total=False):
    """RecogniseMemberAnswer"""

    member_id: Required[str]  # The member's id.
    name_on_receipt: Required[str]  # Initials and given name, e.g.
    tier_code: Required[str]  # The member's tier.
    points: Required[int]  # Points the member can spend now.
    status: Required[str]  # MEMBER_STATUS_ACTIVE, MEMBER_STATUS_BLOCKED or MEMBER_STATUS_ERASED.


class MemberApi:
    """The member app: every call acts for the signed-in member (/v1/me)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def issue_presence_code(
        self, body: IssuePresenceCodeForMemberBody
    ) -> IssuePresenceCodeResponse:
        """A presence code to show at the till when paying with points or a voucher: a QR code (token) and ..."""
        return self._transport.send("POST", "/v1/me/presence-codes", body=body)

    def get_member(self) -> GetMemberResponse:
        """My profile and consents"""
        return self._transport.send("GET", "/v1/me")

    def update_member(
        self, body: UpdateMemberForMemberBody, *, idempotency_key: str
    ) -> UpdateMemberResponse:
        """Change my profile: send only the fields that change"""
        return self._transport.send("PATCH", "/v1/me", body=body, idempotency_key=idempotency_key)

    def update_consents(
        self, body: UpdateConsentsForMemberBody, *, idempotency_key: str
    ) -> UpdateConsentsResponse:
        """Give or withdraw marketing consents"""
        return self._transport.send(
            "PUT", "/v1/me/consents", body=body, idempotency_key=idempotency_key
        )

    def list_consent_history(
        self,
        *,
        channel: Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListConsentHistoryResponse:
        """My consent history, newest first"""
        return self._transport.send(
            "GET",
            "/v1/me/consents",
            query={"channel": channel, "page.page_size": page_size, "page.cursor": cursor},
        )

    def rotate_qr_token(
        self, body: RotateQrTokenForMemberBody, *, idempotency_key: str
    ) -> RotateQrTokenResponse:
        """A new QR code for the till (the old one stops working at once)"""
        return self._transport.send(
            "POST", "/v1/me/qr-token", body=body, idempotency_key=idempotency_key
        )

    def list_referrals(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListReferralsResponse:
        """The friends I referred, newest first"""
        return self._transport.send(
            "GET", "/v1/me/referrals", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def record_nps_answer(
        self, body: RecordNpsAnswerForMemberBody, *, idempotency_key: str
    ) -> RecordNpsAnswerResponse:
        """Answer the satisfaction survey (0 to 10)"""
        return self._transport.send(
            "POST", "/v1/me/nps-answers", body=body, idempotency_key=idempotency_key
        )

    def get_balance(self) -> GetBalanceResponse:
        """My points"""
        return self._transport.send("GET", "/v1/me/balance")

    def list_entries(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListEntriesResponse:
        """My points history, newest first"""
        return self._transport.send(
            "GET", "/v1/me/entries", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def get_member_tier(self) -> GetMemberTierResponse:
        """My tier and my progress to the next one"""
        return self._transport.send("GET", "/v1/me/tier")

    def list_lots(
        self,
        *,
        states: list[
            Literal[
                "LOT_STATE_UNSPECIFIED",
                "LOT_STATE_PENDING",
                "LOT_STATE_AVAILABLE",
                "LOT_STATE_SPENT",
                "LOT_STATE_EXPIRED",
                "LOT_STATE_REVERSED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListLotsResponse:
        """My points by the lot they came in, with when each expires"""
        return self._transport.send(
            "GET",
            "/v1/me/lots",
            query={"states": states, "page.page_size": page_size, "page.cursor": cursor},
        )

    def list_tier_history(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListTierHistoryResponse:
        """How my tier changed, newest first"""
        return self._transport.send(
            "GET", "/v1/me/tier/history", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def list_rewards_for_member(
        self,
        *,
        affordable_only: bool | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListRewardsForMemberResponse:
        """Rewards I can see, with what I can afford"""
        return self._transport.send(
            "GET",
            "/v1/me/rewards",
            query={
                "affordable_only": affordable_only,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def redeem_reward(
        self, body: RedeemRewardForMemberBody, *, idempotency_key: str
    ) -> RedeemRewardResponse:
        """Redeem a reward"""
        return self._transport.send(
            "POST", "/v1/me/redemptions", body=body, idempotency_key=idempotency_key
        )

    def list_redemptions(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListRedemptionsResponse:
        """My redemptions, newest first"""
        return self._transport.send(
            "GET", "/v1/me/redemptions", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def list_member_vouchers(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListMemberVouchersResponse:
        """My vouchers, soonest expiry first"""
        return self._transport.send(
            "GET", "/v1/me/vouchers", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def list_inbox_messages(
        self,
        *,
        unread_only: bool | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListInboxMessagesResponse:
        """My inbox, newest first"""
        return self._transport.send(
            "GET",
            "/v1/me/inbox",
            query={"unread_only": unread_only, "page.page_size": page_size, "page.cursor": cursor},
        )

    def get_unread_count(self) -> GetUnreadCountResponse:
        """How many inbox messages I have not read"""
        return self._transport.send("GET", "/v1/me/inbox/unread")

    def mark_inbox_read(
        self, body: MarkInboxReadForMemberBody, *, idempotency_key: str
    ) -> MarkInboxReadResponse:
        """Mark inbox messages read"""
        return self._transport.send(
            "POST", "/v1/me/inbox/read", body=body, idempotency_key=idempotency_key
        )

    def record_custom_event(
        self, body: RecordCustomEventForMemberBody, *, idempotency_key: str
    ) -> RecordCustomEventResponse:
        """Record something I did in the app (e.g."""
        return self._transport.send(
            "POST", "/v1/me/events", body=body, idempotency_key=idempotency_key
        )


class PartnerApi:
    """A partner's tills, with a partner key (/v1/partner)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list_stores(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListStoresResponse:
        """My stores"""
        return self._transport.send(
            "GET", "/v1/partner/stores", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def get_hold(self, hold_id: str) -> GetHoldResponse:
        """A hold this partner placed"""
        return self._transport.send("GET", f"/v1/partner/holds/{_segment(hold_id)}")

    def record_nps_answer(
        self, body: RecordNpsAnswerForPartnerBody, *, idempotency_key: str
    ) -> RecordNpsAnswerResponse:
        """Record a member's satisfaction answer taken at the till (0 to 10)"""
        return self._transport.send(
            "POST", "/v1/partner/nps-answers", body=body, idempotency_key=idempotency_key
        )

    def enrol_member(
        self, body: EnrolMemberForPartnerBody, *, idempotency_key: str
    ) -> EnrolMemberResponse:
        """Enrol a member at the till"""
        return self._transport.send(
            "POST", "/v1/partner/enrolments", body=body, idempotency_key=idempotency_key
        )

    def earn(self, body: EarnForPartnerBody, *, idempotency_key: str | None = None) -> EarnResponse:
        """Earn points for a purchase (the transaction id makes a retry safe; an Idempotency-Key may be sen..."""
        return self._transport.send(
            "POST", "/v1/partner/earns", body=body, idempotency_key=idempotency_key
        )

    def return_(self, body: ReturnForPartnerBody, *, idempotency_key: str) -> ReturnResponse:
        """Take back the points of returned goods"""
        return self._transport.send(
            "POST", "/v1/partner/returns", body=body, idempotency_key=idempotency_key
        )

    def place_hold(
        self, body: PlaceHoldForPartnerBody, *, idempotency_key: str
    ) -> PlaceHoldResponse:
        """Reserve points for a payment in progress"""
        return self._transport.send(
            "POST", "/v1/partner/holds", body=body, idempotency_key=idempotency_key
        )

    def capture_hold(
        self, hold_id: str, body: CaptureHoldForPartnerBody, *, idempotency_key: str
    ) -> CaptureHoldResponse:
        """Spend a hold's points"""
        return self._transport.send(
            "POST",
            f"/v1/partner/holds/{_segment(hold_id)}/capture",
            body=body,
            idempotency_key=idempotency_key,
        )

    def release_hold(
        self, hold_id: str, body: ReleaseHoldForPartnerBody, *, idempotency_key: str
    ) -> ReleaseHoldResponse:
        """Give a hold's points back"""
        return self._transport.send(
            "POST",
            f"/v1/partner/holds/{_segment(hold_id)}/release",
            body=body,
            idempotency_key=idempotency_key,
        )

    def redeem(self, body: RedeemForPartnerBody, *, idempotency_key: str) -> RedeemResponse:
        """Pay with points at the till"""
        return self._transport.send(
            "POST", "/v1/partner/payments", body=body, idempotency_key=idempotency_key
        )

    def check_voucher(
        self,
        code: str,
        *,
        store_id: str | None = None,
        member_id: str | None = None,
        amount_minor: int | None = None,
        currency: str | None = None,
    ) -> CheckVoucherResponse:
        """Check whether a voucher can be used here"""
        return self._transport.send(
            "GET",
            f"/v1/partner/vouchers/{_segment(code)}",
            query={
                "store_id": store_id,
                "member_id": member_id,
                "purchase_amount.amount_minor": amount_minor,
                "purchase_amount.currency": currency,
            },
        )

    def use_voucher(
        self, code: str, body: UseVoucherForPartnerBody, *, idempotency_key: str
    ) -> UseVoucherResponse:
        """Use a voucher"""
        return self._transport.send(
            "POST",
            f"/v1/partner/vouchers/{_segment(code)}/use",
            body=body,
            idempotency_key=idempotency_key,
        )

    def simulate(self, body: SimulateForPartnerBody) -> SimulateResponse:
        """How many points a purchase would earn (changes nothing)"""
        return self._transport.send("POST", "/v1/partner/simulate", body=body)

    def record_custom_event(
        self, body: RecordCustomEventForPartnerBody, *, idempotency_key: str
    ) -> RecordCustomEventResponse:
        """Record something a member did at the store (a visit, a survey); it may earn bonus points"""
        return self._transport.send(
            "POST", "/v1/partner/events", body=body, idempotency_key=idempotency_key
        )

    def recognise_member(
        self,
        *,
        phone: str | None = None,
        card_number: str | None = None,
        qr_token: str | None = None,
    ) -> RecogniseMemberAnswer:
        """Recognise a member by phone, card or QR token (only what a till needs)"""
        return self._transport.send(
            "GET",
            "/v1/partner/members",
            query={"phone": phone, "card_number": card_number, "qr_token": qr_token},
        )


class AdminApi:
    """The CRM team and ops, with a staff key (/v1/admin)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def check(self) -> HealthCheckResponse:
        """The points service's health"""
        return self._transport.send("GET", "/v1/admin/ping/points")

    def list_partners(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListPartnersResponse:
        """Partners"""
        return self._transport.send(
            "GET", "/v1/admin/partners", query={"page.page_size": page_size, "page.cursor": cursor}
        )

    def create_partner(self, body: CreatePartnerBody) -> CreatePartnerResponse:
        """Register a partner"""
        return self._transport.send("POST", "/v1/admin/partners", body=body)

    def create_store(self, body: CreateStoreBody) -> CreateStoreResponse:
        """Register a partner's store"""
        return self._transport.send("POST", "/v1/admin/stores", body=body)

    def get_partner(self, partner_id: str) -> GetPartnerResponse:
        """A partner"""
        return self._transport.send("GET", f"/v1/admin/partners/{_segment(partner_id)}")

    def update_partner(self, partner_id: str, body: UpdatePartnerBody) -> UpdatePartnerResponse:
        """Rename, suspend or reinstate a partner (give the version you read)"""
        return self._transport.send("PUT", f"/v1/admin/partners/{_segment(partner_id)}", body=body)

    def list_stores(
        self, partner_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListStoresResponse:
        """A partner's stores"""
        return self._transport.send(
            "GET",
            f"/v1/admin/partners/{_segment(partner_id)}/stores",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def get_store(self, store_id: str) -> GetStoreResponse:
        """A store"""
        return self._transport.send("GET", f"/v1/admin/stores/{_segment(store_id)}")

    def update_store(self, store_id: str, body: UpdateStoreBody) -> UpdateStoreResponse:
        """Rename, close or reopen a store, or set its time zone (give the version you read)"""
        return self._transport.send("PUT", f"/v1/admin/stores/{_segment(store_id)}", body=body)

    def run_expiry(self, body: RunExpiryBody) -> RunExpiryResponse:
        """Expire the points due by now"""
        return self._transport.send("POST", "/v1/admin/jobs/expiry", body=body)

    def activate_pending(self, body: ActivatePendingBody) -> ActivatePendingResponse:
        """Make pending points whose wait is over spendable"""
        return self._transport.send("POST", "/v1/admin/jobs/activate-pending", body=body)

    def expire_holds(self, body: ExpireHoldsBody) -> ExpireHoldsResponse:
        """Release holds past their expiry"""
        return self._transport.send("POST", "/v1/admin/jobs/expire-holds", body=body)

    def run_birthday_bonuses(self, body: RunBirthdayBonusesBody) -> RunBirthdayBonusesResponse:
        """Pay today's birthday bonuses"""
        return self._transport.send("POST", "/v1/admin/jobs/birthday-bonuses", body=body)

    def run_tier_review(self, body: RunTierReviewBody) -> RunTierReviewResponse:
        """Review tiers that are due"""
        return self._transport.send("POST", "/v1/admin/jobs/tier-review", body=body)

    def run_expiry_reminders(self, body: RunExpiryRemindersBody) -> RunExpiryRemindersResponse:
        """Remind members of points about to expire"""
        return self._transport.send("POST", "/v1/admin/jobs/expiry-reminders", body=body)

    def run_birthday_greetings(
        self, body: RunBirthdayGreetingsBody
    ) -> RunBirthdayGreetingsResponse:
        """Greet today's birthdays"""
        return self._transport.send("POST", "/v1/admin/jobs/birthday-greetings", body=body)

    def enrol_member(self, body: EnrolMemberBody, *, idempotency_key: str) -> EnrolMemberResponse:
        """Enrol a member"""
        return self._transport.send(
            "POST", "/v1/admin/members", body=body, idempotency_key=idempotency_key
        )

    def list_members(
        self,
        *,
        statuses: list[
            Literal[
                "MEMBER_STATUS_UNSPECIFIED",
                "MEMBER_STATUS_ACTIVE",
                "MEMBER_STATUS_BLOCKED",
                "MEMBER_STATUS_ERASED",
            ]
        ]
        | None = None,
        tier_codes: list[str] | None = None,
        name_query: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListMembersResponse:
        """List members"""
        return self._transport.send(
            "GET",
            "/v1/admin/members",
            query={
                "statuses": statuses,
                "tier_codes": tier_codes,
                "name_query": name_query,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def find_member(
        self,
        *,
        phone: str | None = None,
        email: str | None = None,
        card_number: str | None = None,
        phone_region: str | None = None,
    ) -> FindMemberResponse:
        """Find a member by one key: phone, e-mail or card number (erased members are not found)"""
        return self._transport.send(
            "GET",
            "/v1/admin/member-lookup",
            query={
                "phone": phone,
                "email": email,
                "card_number": card_number,
                "phone_region": phone_region,
            },
        )

    def get_member(self, member_id: str) -> GetMemberResponse:
        """A member"""
        return self._transport.send("GET", f"/v1/admin/members/{_segment(member_id)}")

    def update_member(
        self, member_id: str, body: UpdateMemberBody, *, idempotency_key: str
    ) -> UpdateMemberResponse:
        """Change a member's profile (send only the fields that change, and why)"""
        return self._transport.send(
            "PATCH",
            f"/v1/admin/members/{_segment(member_id)}",
            body=body,
            idempotency_key=idempotency_key,
        )

    def block_member(self, member_id: str, body: BlockMemberBody) -> BlockMemberResponse:
        """Block a member"""
        return self._transport.send(
            "POST", f"/v1/admin/members/{_segment(member_id)}/block", body=body
        )

    def unblock_member(self, member_id: str, body: UnblockMemberBody) -> UnblockMemberResponse:
        """Unblock a member"""
        return self._transport.send(
            "POST", f"/v1/admin/members/{_segment(member_id)}/unblock", body=body
        )

    def erase_member(
        self, member_id: str, body: EraseMemberBody, *, idempotency_key: str
    ) -> EraseMemberResponse:
        """Erase a member's personal data"""
        return self._transport.send(
            "POST",
            f"/v1/admin/members/{_segment(member_id)}/erase",
            body=body,
            idempotency_key=idempotency_key,
        )

    def get_balance(self, member_id: str) -> GetBalanceResponse:
        """A member's points"""
        return self._transport.send("GET", f"/v1/admin/members/{_segment(member_id)}/balance")

    def list_entries(
        self, member_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListEntriesResponse:
        """A member's points history"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/entries",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def list_lots(
        self,
        member_id: str,
        *,
        states: list[
            Literal[
                "LOT_STATE_UNSPECIFIED",
                "LOT_STATE_PENDING",
                "LOT_STATE_AVAILABLE",
                "LOT_STATE_SPENT",
                "LOT_STATE_EXPIRED",
                "LOT_STATE_REVERSED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListLotsResponse:
        """A member's points by lot, with when each expires"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/lots",
            query={"states": states, "page.page_size": page_size, "page.cursor": cursor},
        )

    def list_redemptions(
        self, member_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListRedemptionsResponse:
        """A member's redemptions, newest first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/redemptions",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def list_member_vouchers(
        self,
        member_id: str,
        *,
        states: list[
            Literal[
                "VOUCHER_STATE_UNSPECIFIED",
                "VOUCHER_STATE_ACTIVE",
                "VOUCHER_STATE_USED",
                "VOUCHER_STATE_EXPIRED",
                "VOUCHER_STATE_CANCELLED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListMemberVouchersResponse:
        """A member's vouchers (unused unless states say), soonest expiry first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/vouchers",
            query={"states": states, "page.page_size": page_size, "page.cursor": cursor},
        )

    def refund_redemption(
        self,
        member_id: str,
        redeem_entry_id: str,
        body: RefundRedemptionBody,
        *,
        idempotency_key: str,
    ) -> RefundRedemptionResponse:
        """Give back the points of a redemption (once)"""
        return self._transport.send(
            "POST",
            f"/v1/admin/members/{_segment(member_id)}/entries/{_segment(redeem_entry_id)}/refund",
            body=body,
            idempotency_key=idempotency_key,
        )

    def list_consent_history(
        self,
        member_id: str,
        *,
        channel: Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListConsentHistoryResponse:
        """A member's consent history, newest first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/consents",
            query={"channel": channel, "page.page_size": page_size, "page.cursor": cursor},
        )

    def list_referrals(
        self, member_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListReferralsResponse:
        """The friends a member referred, newest first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/referrals",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def rotate_qr_token(
        self, member_id: str, body: RotateQrTokenBody, *, idempotency_key: str
    ) -> RotateQrTokenResponse:
        """A new QR code for a member (the old one stops working at once)"""
        return self._transport.send(
            "POST",
            f"/v1/admin/members/{_segment(member_id)}/qr-token",
            body=body,
            idempotency_key=idempotency_key,
        )

    def list_tier_history(
        self, member_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListTierHistoryResponse:
        """How a member's tier changed, newest first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/tier-history",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def get_member_tier(self, member_id: str) -> GetMemberTierResponse:
        """A member's tier and progress to the next"""
        return self._transport.send("GET", f"/v1/admin/members/{_segment(member_id)}/tier")

    def set_member_tier(
        self, member_id: str, body: SetMemberTierBody, *, idempotency_key: str
    ) -> SetMemberTierResponse:
        """Place a member in a tier by hand, with a reason"""
        return self._transport.send(
            "PUT",
            f"/v1/admin/members/{_segment(member_id)}/tier",
            body=body,
            idempotency_key=idempotency_key,
        )

    def get_member_segment(self, member_id: str) -> GetMemberSegmentResponse:
        """The segments a member is in"""
        return self._transport.send("GET", f"/v1/admin/members/{_segment(member_id)}/segment")

    def send_message(
        self, member_id: str, body: SendMessageBody, *, idempotency_key: str
    ) -> SendMessageResponse:
        """Send one member a message"""
        return self._transport.send(
            "POST",
            f"/v1/admin/members/{_segment(member_id)}/messages",
            body=body,
            idempotency_key=idempotency_key,
        )

    def list_deliveries(
        self,
        member_id: str,
        *,
        message_id: str | None = None,
        statuses: list[
            Literal[
                "DELIVERY_STATUS_UNSPECIFIED",
                "DELIVERY_STATUS_QUEUED",
                "DELIVERY_STATUS_SENT",
                "DELIVERY_STATUS_DEFERRED",
                "DELIVERY_STATUS_SUPPRESSED",
                "DELIVERY_STATUS_FAILED",
                "DELIVERY_STATUS_DEAD_LETTERED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListDeliveriesResponse:
        """The messages sent to a member and what became of each"""
        return self._transport.send(
            "GET",
            f"/v1/admin/members/{_segment(member_id)}/deliveries",
            query={
                "message_id": message_id,
                "statuses": statuses,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def list_birthdays(
        self,
        *,
        date: str | None = None,
        month: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListBirthdaysResponse:
        """Active members whose birthday falls on a date or in a month"""
        return self._transport.send(
            "GET",
            "/v1/admin/birthdays",
            query={
                "date": date,
                "month": month,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def adjust(self, body: AdjustBody, *, idempotency_key: str) -> AdjustResponse:
        """Credit or debit a member's points"""
        return self._transport.send(
            "POST", "/v1/admin/adjustments", body=body, idempotency_key=idempotency_key
        )

    def get_tier_ladder(self) -> GetTierLadderResponse:
        """The tier ladder"""
        return self._transport.send("GET", "/v1/admin/tiers")

    def set_tier_ladder(self, body: SetTierLadderBody) -> SetTierLadderResponse:
        """Replace the tier ladder"""
        return self._transport.send("PUT", "/v1/admin/tiers", body=body)

    def validate_tier_ladder(self, body: ValidateTierLadderBody) -> ValidateTierLadderResponse:
        """Check a tier ladder without saving it"""
        return self._transport.send("POST", "/v1/admin/tiers/validate", body=body)

    def list_segments(
        self,
        *,
        kind: Literal[
            "SEGMENT_KIND_UNSPECIFIED",
            "SEGMENT_KIND_BEHAVIOUR",
            "SEGMENT_KIND_LOYAL",
            "SEGMENT_KIND_VALUE",
            "SEGMENT_KIND_LIFECYCLE",
            "SEGMENT_KIND_RFM",
            "SEGMENT_KIND_TIER",
            "SEGMENT_KIND_FREQUENCY",
            "SEGMENT_KIND_REFERRALS",
            "SEGMENT_KIND_EVENT",
        ]
        | None = None,
    ) -> ListSegmentsResponse:
        """Segments of the latest computation"""
        return self._transport.send("GET", "/v1/admin/segments", query={"kind": kind})

    def list_segment_members(
        self,
        segment_id: str,
        *,
        computation_id: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListSegmentMembersResponse:
        """The members of a segment"""
        return self._transport.send(
            "GET",
            f"/v1/admin/segments/{_segment(segment_id)}/members",
            query={
                "computation_id": computation_id,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def recompute_segments(self, body: RecomputeSegmentsBody) -> RecomputeSegmentsResponse:
        """Recompute the segments"""
        return self._transport.send("POST", "/v1/admin/segments/recompute", body=body)

    def get_kpis(
        self,
        *,
        period_start: str | None = None,
        period_end: str | None = None,
        currency: str | None = None,
        partner_id: str | None = None,
    ) -> GetKpisResponse:
        """The programme's KPIs for a period"""
        return self._transport.send(
            "GET",
            "/v1/admin/kpis",
            query={
                "period_start": period_start,
                "period_end": period_end,
                "currency": currency,
                "partner_id": partner_id,
            },
        )

    def get_kpis_series(
        self,
        *,
        boundaries: list[str] | None = None,
        currency: str | None = None,
        partner_id: str | None = None,
    ) -> GetKpisSeriesResponse:
        """The programme's KPIs for consecutive periods"""
        return self._transport.send(
            "GET",
            "/v1/admin/kpis/series",
            query={"boundaries": boundaries, "currency": currency, "partner_id": partner_id},
        )

    def get_settlement(
        self,
        *,
        partner_id: str | None = None,
        period_start: str | None = None,
        period_end: str | None = None,
    ) -> GetSettlementResponse:
        """Points issued and redeemed by partner"""
        return self._transport.send(
            "GET",
            "/v1/admin/settlement",
            query={
                "partner_id": partner_id,
                "period_start": period_start,
                "period_end": period_end,
            },
        )

    def get_liability(self) -> GetLiabilityResponse:
        """Points the programme owes"""
        return self._transport.send("GET", "/v1/admin/liability")

    def list_expiring_points(
        self,
        *,
        window_start: str | None = None,
        window_end: str | None = None,
        min_points: int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListExpiringPointsResponse:
        """Points that expire in a window, by member"""
        return self._transport.send(
            "GET",
            "/v1/admin/expiring-points",
            query={
                "window_start": window_start,
                "window_end": window_end,
                "min_points": min_points,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def get_programme_settings(self) -> GetProgrammeSettingsResponse:
        """The programme's settings (earn rate, expiry, pending days, limits)"""
        return self._transport.send("GET", "/v1/admin/programme")

    def update_programme_settings(
        self, body: UpdateProgrammeSettingsBody
    ) -> UpdateProgrammeSettingsResponse:
        """Change the programme's settings, with a reason"""
        return self._transport.send("PUT", "/v1/admin/programme", body=body)

    def audit(self) -> AuditResponse:
        """Audit every balance against its entries"""
        return self._transport.send("GET", "/v1/admin/audit")

    def list_earning_rules(
        self,
        *,
        kinds: list[
            Literal[
                "EARNING_RULE_KIND_UNSPECIFIED",
                "EARNING_RULE_KIND_BASE_RATE",
                "EARNING_RULE_KIND_TIER_MULTIPLIER",
                "EARNING_RULE_KIND_CATEGORY_MULTIPLIER",
                "EARNING_RULE_KIND_SKU_MULTIPLIER",
                "EARNING_RULE_KIND_CATEGORY_EXCLUSION",
                "EARNING_RULE_KIND_SKU_EXCLUSION",
                "EARNING_RULE_KIND_MINIMUM_SPEND",
                "EARNING_RULE_KIND_CAMPAIGN",
                "EARNING_RULE_KIND_EARNING_CAP",
            ]
        ]
        | None = None,
        include_archived: bool | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListEarningRulesResponse:
        """Earning rules and campaigns in evaluation order"""
        return self._transport.send(
            "GET",
            "/v1/admin/rules",
            query={
                "kinds": kinds,
                "include_archived": include_archived,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def create_earning_rule(
        self, body: CreateEarningRuleBody, *, idempotency_key: str
    ) -> CreateEarningRuleResponse:
        """Create an earning rule or campaign"""
        return self._transport.send(
            "POST", "/v1/admin/rules", body=body, idempotency_key=idempotency_key
        )

    def get_earning_rule(self, rule_id: str) -> GetEarningRuleResponse:
        """An earning rule"""
        return self._transport.send("GET", f"/v1/admin/rules/{_segment(rule_id)}")

    def update_earning_rule(
        self, rule_id: str, body: UpdateEarningRuleBody
    ) -> UpdateEarningRuleResponse:
        """Replace an earning rule"""
        return self._transport.send("PUT", f"/v1/admin/rules/{_segment(rule_id)}", body=body)

    def delete_earning_rule(
        self, rule_id: str, body: DeleteEarningRuleBody
    ) -> DeleteEarningRuleResponse:
        """Archive an earning rule"""
        return self._transport.send(
            "POST", f"/v1/admin/rules/{_segment(rule_id)}/archive", body=body
        )

    def list_bonus_rules(
        self,
        *,
        include_archived: bool | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListBonusRulesResponse:
        """Bonus rules"""
        return self._transport.send(
            "GET",
            "/v1/admin/bonus-rules",
            query={
                "include_archived": include_archived,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def create_bonus_rule(
        self, body: CreateBonusRuleBody, *, idempotency_key: str
    ) -> CreateBonusRuleResponse:
        """Create a bonus rule"""
        return self._transport.send(
            "POST", "/v1/admin/bonus-rules", body=body, idempotency_key=idempotency_key
        )

    def get_bonus_rule(self, bonus_rule_id: str) -> GetBonusRuleResponse:
        """A bonus rule"""
        return self._transport.send("GET", f"/v1/admin/bonus-rules/{_segment(bonus_rule_id)}")

    def update_bonus_rule(
        self, bonus_rule_id: str, body: UpdateBonusRuleBody
    ) -> UpdateBonusRuleResponse:
        """Replace a bonus rule"""
        return self._transport.send(
            "PUT", f"/v1/admin/bonus-rules/{_segment(bonus_rule_id)}", body=body
        )

    def delete_bonus_rule(
        self, bonus_rule_id: str, body: DeleteBonusRuleBody
    ) -> DeleteBonusRuleResponse:
        """Archive a bonus rule"""
        return self._transport.send(
            "POST", f"/v1/admin/bonus-rules/{_segment(bonus_rule_id)}/archive", body=body
        )

    def grant_gift(self, body: GrantGiftBody, *, idempotency_key: str) -> GrantGiftResponse:
        """Give points or a voucher to a member or a segment"""
        return self._transport.send(
            "POST", "/v1/admin/gifts", body=body, idempotency_key=idempotency_key
        )

    def get_gift_grant(self, grant_id: str) -> GetGiftGrantResponse:
        """A gift grant's progress"""
        return self._transport.send("GET", f"/v1/admin/gifts/{_segment(grant_id)}")

    def simulate(self, body: SimulateBody) -> SimulateResponse:
        """How many points a purchase would earn"""
        return self._transport.send("POST", "/v1/admin/simulate", body=body)

    def list_rewards(
        self,
        *,
        statuses: list[
            Literal[
                "REWARD_STATUS_UNSPECIFIED",
                "REWARD_STATUS_DRAFT",
                "REWARD_STATUS_ACTIVE",
                "REWARD_STATUS_ARCHIVED",
            ]
        ]
        | None = None,
        types: list[
            Literal[
                "REWARD_TYPE_UNSPECIFIED",
                "REWARD_TYPE_PERCENTAGE_VOUCHER",
                "REWARD_TYPE_FIXED_VOUCHER",
                "REWARD_TYPE_FREE_ITEM",
                "REWARD_TYPE_GIFT",
                "REWARD_TYPE_EVENT_TICKET",
                "REWARD_TYPE_POINTS_AS_PAYMENT",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListRewardsResponse:
        """The reward catalogue"""
        return self._transport.send(
            "GET",
            "/v1/admin/rewards",
            query={
                "statuses": statuses,
                "types": types,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def create_reward(
        self, body: CreateRewardBody, *, idempotency_key: str
    ) -> CreateRewardResponse:
        """Create a reward"""
        return self._transport.send(
            "POST", "/v1/admin/rewards", body=body, idempotency_key=idempotency_key
        )

    def get_reward(self, reward_id: str) -> GetRewardResponse:
        """A reward"""
        return self._transport.send("GET", f"/v1/admin/rewards/{_segment(reward_id)}")

    def update_reward(self, reward_id: str, body: UpdateRewardBody) -> UpdateRewardResponse:
        """Replace a reward"""
        return self._transport.send("PUT", f"/v1/admin/rewards/{_segment(reward_id)}", body=body)

    def adjust_reward_stock(
        self, reward_id: str, body: AdjustRewardStockBody, *, idempotency_key: str
    ) -> AdjustRewardStockResponse:
        """Add or remove stock"""
        return self._transport.send(
            "POST",
            f"/v1/admin/rewards/{_segment(reward_id)}/stock",
            body=body,
            idempotency_key=idempotency_key,
        )

    def archive_reward(self, reward_id: str, body: ArchiveRewardBody) -> ArchiveRewardResponse:
        """Withdraw a reward"""
        return self._transport.send(
            "POST", f"/v1/admin/rewards/{_segment(reward_id)}/archive", body=body
        )

    def issue_voucher(
        self, body: IssueVoucherBody, *, idempotency_key: str
    ) -> IssueVoucherResponse:
        """Issue a voucher (compensation, gift, birthday)"""
        return self._transport.send(
            "POST", "/v1/admin/vouchers", body=body, idempotency_key=idempotency_key
        )

    def get_voucher(self, code: str) -> GetVoucherResponse:
        """A voucher by its code"""
        return self._transport.send("GET", f"/v1/admin/vouchers/{_segment(code)}")

    def list_voucher_batches(
        self,
        *,
        reward_id: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListVoucherBatchesResponse:
        """Voucher batches, newest first, with their counts"""
        return self._transport.send(
            "GET",
            "/v1/admin/voucher-batches",
            query={"reward_id": reward_id, "page.page_size": page_size, "page.cursor": cursor},
        )

    def create_voucher_batch(
        self, body: CreateVoucherBatchBody, *, idempotency_key: str
    ) -> CreateVoucherBatchResponse:
        """Generate a voucher batch (1..10,000 codes for one reward)"""
        return self._transport.send(
            "POST", "/v1/admin/voucher-batches", body=body, idempotency_key=idempotency_key
        )

    def get_voucher_batch(self, batch_id: str) -> GetVoucherBatchResponse:
        """A voucher batch with its counts"""
        return self._transport.send("GET", f"/v1/admin/voucher-batches/{_segment(batch_id)}")

    def list_batch_vouchers(
        self, batch_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListBatchVouchersResponse:
        """A voucher batch's codes with their state (page through them to export)"""
        return self._transport.send(
            "GET",
            f"/v1/admin/voucher-batches/{_segment(batch_id)}/vouchers",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def void_voucher_batch(
        self, batch_id: str, body: VoidVoucherBatchBody
    ) -> VoidVoucherBatchResponse:
        """Void a voucher batch (its unused codes stop working)"""
        return self._transport.send(
            "POST", f"/v1/admin/voucher-batches/{_segment(batch_id)}/void", body=body
        )

    def get_redemption(self, redemption_id: str) -> GetRedemptionResponse:
        """A redemption"""
        return self._transport.send("GET", f"/v1/admin/redemptions/{_segment(redemption_id)}")

    def cancel_redemption(
        self, redemption_id: str, body: CancelRedemptionBody, *, idempotency_key: str
    ) -> CancelRedemptionResponse:
        """Cancel an unused redemption"""
        return self._transport.send(
            "POST",
            f"/v1/admin/redemptions/{_segment(redemption_id)}/cancel",
            body=body,
            idempotency_key=idempotency_key,
        )

    def list_templates(
        self,
        *,
        message_type: Literal[
            "MESSAGE_TYPE_UNSPECIFIED",
            "MESSAGE_TYPE_WELCOME",
            "MESSAGE_TYPE_PURCHASE_THANK_YOU",
            "MESSAGE_TYPE_TIER_UPGRADE",
            "MESSAGE_TYPE_REWARD_REDEEMED",
            "MESSAGE_TYPE_POINTS_EXPIRING",
            "MESSAGE_TYPE_BIRTHDAY",
            "MESSAGE_TYPE_APOLOGY",
            "MESSAGE_TYPE_GIFT",
            "MESSAGE_TYPE_MARKETING",
            "MESSAGE_TYPE_WIN_BACK",
            "MESSAGE_TYPE_SIGN_IN_CODE",
            "MESSAGE_TYPE_GENERIC",
            "MESSAGE_TYPE_POINTS_REVERSED",
        ]
        | None = None,
        language: str | None = None,
        channel: Literal[
            "CHANNEL_UNSPECIFIED", "CHANNEL_EMAIL", "CHANNEL_SMS", "CHANNEL_PUSH", "CHANNEL_INBOX"
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListTemplatesResponse:
        """Message templates"""
        return self._transport.send(
            "GET",
            "/v1/admin/templates",
            query={
                "message_type": message_type,
                "language": language,
                "channel": channel,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def save_template(self, body: SaveTemplateBody) -> SaveTemplateResponse:
        """Save a template (a new version)"""
        return self._transport.send("POST", "/v1/admin/templates", body=body)

    def preview_template(self, body: PreviewTemplateBody) -> PreviewTemplateResponse:
        """Render a template for a member"""
        return self._transport.send("POST", "/v1/admin/templates/preview", body=body)

    def get_template(
        self, message_type: str, language: str, channel: str, *, version: int | None = None
    ) -> GetTemplateResponse:
        """The template in use for a message, language and channel (or a version)"""
        return self._transport.send(
            "GET",
            f"/v1/admin/templates/{_segment(message_type)}/{_segment(language)}/{_segment(channel)}",
            query={"version": version},
        )

    def list_template_variables(
        self,
        *,
        message_type: Literal[
            "MESSAGE_TYPE_UNSPECIFIED",
            "MESSAGE_TYPE_WELCOME",
            "MESSAGE_TYPE_PURCHASE_THANK_YOU",
            "MESSAGE_TYPE_TIER_UPGRADE",
            "MESSAGE_TYPE_REWARD_REDEEMED",
            "MESSAGE_TYPE_POINTS_EXPIRING",
            "MESSAGE_TYPE_BIRTHDAY",
            "MESSAGE_TYPE_APOLOGY",
            "MESSAGE_TYPE_GIFT",
            "MESSAGE_TYPE_MARKETING",
            "MESSAGE_TYPE_WIN_BACK",
            "MESSAGE_TYPE_SIGN_IN_CODE",
            "MESSAGE_TYPE_GENERIC",
            "MESSAGE_TYPE_POINTS_REVERSED",
        ]
        | None = None,
    ) -> ListTemplateVariablesResponse:
        """The variables a message's templates may use"""
        return self._transport.send(
            "GET", "/v1/admin/template-variables", query={"message_type": message_type}
        )

    def install_default_templates(
        self, body: InstallDefaultTemplatesBody
    ) -> InstallDefaultTemplatesResponse:
        """Install the default templates (vi and en)"""
        return self._transport.send("POST", "/v1/admin/templates/install-defaults", body=body)

    def get_message(self, message_id: str) -> GetMessageResponse:
        """A message and its deliveries"""
        return self._transport.send("GET", f"/v1/admin/messages/{_segment(message_id)}")

    def resend_message(
        self, message_id: str, body: ResendMessageBody, *, idempotency_key: str
    ) -> ResendMessageResponse:
        """Send a message again: a new message, with the original's variables, on its channels"""
        return self._transport.send(
            "POST",
            f"/v1/admin/messages/{_segment(message_id)}/resend",
            body=body,
            idempotency_key=idempotency_key,
        )

    def get_delivery_settings(self) -> GetDeliverySettingsResponse:
        """Quiet hours, frequency caps and retries"""
        return self._transport.send("GET", "/v1/admin/delivery-settings")

    def update_delivery_settings(
        self, body: UpdateDeliverySettingsBody
    ) -> UpdateDeliverySettingsResponse:
        """Change the delivery settings, with a reason"""
        return self._transport.send("PUT", "/v1/admin/delivery-settings", body=body)

    def start_bulk_send(
        self, body: StartBulkSendBody, *, idempotency_key: str
    ) -> StartBulkSendResponse:
        """Send a message to a segment"""
        return self._transport.send(
            "POST", "/v1/admin/bulk-sends", body=body, idempotency_key=idempotency_key
        )

    def list_bulk_sends(
        self,
        *,
        states: list[
            Literal[
                "BULK_SEND_STATE_UNSPECIFIED",
                "BULK_SEND_STATE_SCHEDULED",
                "BULK_SEND_STATE_RUNNING",
                "BULK_SEND_STATE_COMPLETED",
                "BULK_SEND_STATE_CANCELLED",
                "BULK_SEND_STATE_FAILED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListBulkSendsResponse:
        """Bulk sends, newest first"""
        return self._transport.send(
            "GET",
            "/v1/admin/bulk-sends",
            query={"states": states, "page.page_size": page_size, "page.cursor": cursor},
        )

    def get_bulk_send(self, bulk_send_id: str) -> GetBulkSendResponse:
        """A bulk send's progress"""
        return self._transport.send("GET", f"/v1/admin/bulk-sends/{_segment(bulk_send_id)}")

    def cancel_bulk_send(
        self, bulk_send_id: str, body: CancelBulkSendBody
    ) -> CancelBulkSendResponse:
        """Stop a bulk send"""
        return self._transport.send(
            "POST", f"/v1/admin/bulk-sends/{_segment(bulk_send_id)}/cancel", body=body
        )

    def list_dead_letters(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListDeadLettersResponse:
        """Deliveries that gave up"""
        return self._transport.send(
            "GET",
            "/v1/admin/dead-letters",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def retry_dead_letters(self, body: RetryDeadLettersBody) -> RetryDeadLettersResponse:
        """Send dead letters again"""
        return self._transport.send("POST", "/v1/admin/dead-letters/retry", body=body)

    def list_event_types(self) -> ListEventTypesResponse:
        """The events a webhook can subscribe to, with their JSON Schemas"""
        return self._transport.send("GET", "/v1/admin/webhooks/event-types")

    def list_subscriptions(
        self, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListSubscriptionsResponse:
        """Webhook subscriptions (never their secrets)"""
        return self._transport.send(
            "GET",
            "/v1/admin/webhooks/subscriptions",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )

    def create_subscription(self, body: CreateSubscriptionBody) -> CreateSubscriptionResponse:
        """Subscribe an endpoint to events (its signing secret is shown once)"""
        return self._transport.send("POST", "/v1/admin/webhooks/subscriptions", body=body)

    def get_subscription(self, subscription_id: str) -> GetSubscriptionResponse:
        """A webhook subscription"""
        return self._transport.send(
            "GET", f"/v1/admin/webhooks/subscriptions/{_segment(subscription_id)}"
        )

    def update_subscription(
        self, subscription_id: str, body: UpdateSubscriptionBody
    ) -> UpdateSubscriptionResponse:
        """Change a subscription's events, description, pause or delivery policy"""
        return self._transport.send(
            "PATCH", f"/v1/admin/webhooks/subscriptions/{_segment(subscription_id)}", body=body
        )

    def delete_subscription(self, subscription_id: str) -> DeleteSubscriptionResponse:
        """Delete a subscription and its delivery log"""
        return self._transport.send(
            "DELETE", f"/v1/admin/webhooks/subscriptions/{_segment(subscription_id)}"
        )

    def rotate_secret(self, subscription_id: str, body: RotateSecretBody) -> RotateSecretResponse:
        """A new signing secret (the old one keeps signing alongside for the overlap)"""
        return self._transport.send(
            "POST",
            f"/v1/admin/webhooks/subscriptions/{_segment(subscription_id)}/rotate-secret",
            body=body,
        )

    def list_webhook_deliveries(
        self,
        subscription_id: str,
        *,
        statuses: list[
            Literal[
                "WEBHOOK_DELIVERY_STATUS_UNSPECIFIED",
                "WEBHOOK_DELIVERY_STATUS_PENDING",
                "WEBHOOK_DELIVERY_STATUS_DELIVERED",
                "WEBHOOK_DELIVERY_STATUS_RETRYING",
                "WEBHOOK_DELIVERY_STATUS_DEAD_LETTERED",
            ]
        ]
        | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListWebhookDeliveriesResponse:
        """A subscription's deliveries and their attempts, newest first"""
        return self._transport.send(
            "GET",
            f"/v1/admin/webhooks/subscriptions/{_segment(subscription_id)}/deliveries",
            query={"statuses": statuses, "page.page_size": page_size, "page.cursor": cursor},
        )

    def get_webhook_delivery(self, delivery_id: str) -> GetWebhookDeliveryResponse:
        """A webhook delivery and its attempts"""
        return self._transport.send("GET", f"/v1/admin/webhooks/deliveries/{_segment(delivery_id)}")

    def list_webhook_dead_letters(
        self,
        *,
        subscription_id: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> ListWebhookDeadLettersResponse:
        """Webhook deliveries given up on"""
        return self._transport.send(
            "GET",
            "/v1/admin/webhooks/dead-letters",
            query={
                "subscription_id": subscription_id,
                "page.page_size": page_size,
                "page.cursor": cursor,
            },
        )

    def replay_deliveries(self, body: ReplayDeliveriesBody) -> ReplayDeliveriesResponse:
        """Send deliveries again: by id, or a subscription's in a time range"""
        return self._transport.send("POST", "/v1/admin/webhooks/replays", body=body)

    def list_api_keys(
        self, *, partner_id: str | None = None, include_revoked: bool | None = None
    ) -> ListApiKeysResponse:
        """API keys (never their secrets)"""
        return self._transport.send(
            "GET",
            "/v1/admin/api-keys",
            query={"partner_id": partner_id, "include_revoked": include_revoked},
        )

    def create_api_key(self, body: CreateApiKeyBody) -> CreateApiKeyResponse:
        """Create an API key (its secret is shown once)"""
        return self._transport.send("POST", "/v1/admin/api-keys", body=body)

    def revoke_api_key(self, key_id: str, body: RevokeApiKeyBody) -> RevokeApiKeyResponse:
        """Revoke an API key (at once)"""
        return self._transport.send(
            "POST", f"/v1/admin/api-keys/{_segment(key_id)}/revoke", body=body
        )

    def list_custom_event_types(
        self, *, enabled_only: bool | None = None
    ) -> ListCustomEventTypesResponse:
        """The catalogue of custom events"""
        return self._transport.send(
            "GET", "/v1/admin/custom-event-types", query={"enabled_only": enabled_only}
        )

    def define_custom_event_type(
        self, name: str, body: DefineCustomEventTypeBody
    ) -> DefineCustomEventTypeResponse:
        """Define a custom event (who may send it), or change its definition"""
        return self._transport.send(
            "PUT", f"/v1/admin/custom-event-types/{_segment(name)}", body=body
        )

    def list_event_segments(self) -> ListEventSegmentsResponse:
        """The custom event segments"""
        return self._transport.send("GET", "/v1/admin/event-segments")

    def define_event_segment(self, body: DefineEventSegmentBody) -> DefineEventSegmentResponse:
        """Define a segment of the members who did an event N times in D days"""
        return self._transport.send("POST", "/v1/admin/event-segments", body=body)

    def delete_event_segment(self, segment_id: str) -> DeleteEventSegmentResponse:
        """Remove a custom event segment"""
        return self._transport.send("DELETE", f"/v1/admin/event-segments/{_segment(segment_id)}")

    def create_import(self, body: CreateImportBody) -> CreateImportResponse:
        """Create a bulk import"""
        return self._transport.send("POST", "/v1/admin/imports", body=body)

    def add_import_rows(self, import_id: str, body: AddImportRowsBody) -> AddImportRowsResponse:
        """Add a page of an import's rows"""
        return self._transport.send(
            "POST", f"/v1/admin/imports/{_segment(import_id)}/rows", body=body
        )

    def start_import(self, import_id: str, body: StartImportBody) -> StartImportResponse:
        """Start (or resume) an import"""
        return self._transport.send(
            "POST", f"/v1/admin/imports/{_segment(import_id)}/start", body=body
        )

    def stop_import(self, import_id: str, body: StopImportBody) -> StopImportResponse:
        """Stop a running import"""
        return self._transport.send(
            "POST", f"/v1/admin/imports/{_segment(import_id)}/stop", body=body
        )

    def get_import(self, import_id: str) -> GetImportResponse:
        """An import's state and progress"""
        return self._transport.send("GET", f"/v1/admin/imports/{_segment(import_id)}")

    def list_import_errors(
        self, import_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> ListImportErrorsResponse:
        """An import's errors by row"""
        return self._transport.send(
            "GET",
            f"/v1/admin/imports/{_segment(import_id)}/errors",
            query={"page.page_size": page_size, "page.cursor": cursor},
        )


class AuthApi:
    """Sign-in: codes by SMS and tokens (/v1/auth)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def send_sign_in_code(self, body: SendSignInCodeBody) -> SendSignInCodeAnswer:
        """Send a sign-in code by SMS to a member's phone (the same answer whether or not the phone is a me..."""
        return self._transport.send("POST", "/v1/auth/code", body=body)

    def sign_in(self, body: SignInBody) -> SignInAnswer:
        """Exchange the code for an access and a refresh token"""
        return self._transport.send("POST", "/v1/auth/token", body=body)

    def refresh_tokens(self, body: RefreshTokensBody) -> RefreshTokensAnswer:
        """A new pair of tokens for a refresh token (each refresh token works once)"""
        return self._transport.send("POST", "/v1/auth/refresh", body=body)
