"""RewardsService over gRPC: checks and translates; the catalogue, redemptions and
vouchers are services/points/rewards/."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime

from common import events as bus
from common.grpc_errors import answering_refusals
from common.request_records import fingerprint
from common.validation import Checks
from loyalty.common.v1 import common_pb2
from loyalty.points.v1 import rewards_pb2 as pb
from loyalty.points.v1 import rewards_pb2_grpc
from services.points.ledger.domain.model import refuse
from services.points.ledger.domain.programme import CURRENCY_MINOR_UNITS
from services.points.ledger.messages import balance_message
from services.points.presence.messages import proof_from
from services.points.rewards.domain import batches, codes, model
from services.points.rewards.domain.model import PaymentRate, Reward, Visibility
from services.points.rewards.events import REASONS, TYPES, CatalogueEvents
from services.points.rewards.service.batches import NewBatch, VoucherBatches
from services.points.rewards.service.catalogue import Catalogue, MemberReward
from services.points.rewards.service.issuing import Issue, Issuer
from services.points.rewards.service.redemptions import RedeemRequest, Redemptions
from services.points.rewards.service.vouchers import ImportedVoucher, VoucherImports, Vouchers
from services.points.servicing import asked_page, change_checks, required_checks

DOMAIN = "loyalty.points.v1"
rpc = answering_refusals(DOMAIN)
TYPE_NAMES = {value: name for name, value in TYPES.items()}
REASON_NAMES = {value: name for name, value in REASONS.items()}
STATUSES = {
    model.DRAFT: pb.REWARD_STATUS_DRAFT,
    model.ACTIVE: pb.REWARD_STATUS_ACTIVE,
    model.ARCHIVED: pb.REWARD_STATUS_ARCHIVED,
}
STATUS_NAMES = {value: name for name, value in STATUSES.items()}
VOUCHER_STATES = {
    model.ACTIVE: pb.VOUCHER_STATE_ACTIVE,
    model.USED: pb.VOUCHER_STATE_USED,
    model.EXPIRED: pb.VOUCHER_STATE_EXPIRED,
    model.CANCELLED: pb.VOUCHER_STATE_CANCELLED,
}
STATE_NAMES = {value: name for name, value in VOUCHER_STATES.items()}
PROBLEMS = {
    "": pb.VOUCHER_PROBLEM_UNSPECIFIED,
    model.USED: pb.VOUCHER_PROBLEM_USED,
    model.EXPIRED: pb.VOUCHER_PROBLEM_EXPIRED,
    model.CANCELLED: pb.VOUCHER_PROBLEM_CANCELLED,
    "wrong_partner": pb.VOUCHER_PROBLEM_WRONG_PARTNER,
    "wrong_member": pb.VOUCHER_PROBLEM_WRONG_MEMBER,
    "below_min_purchase": pb.VOUCHER_PROBLEM_BELOW_MIN_PURCHASE,
    "member_blocked": pb.VOUCHER_PROBLEM_MEMBER_BLOCKED,
}
BLOCKERS = {
    "": pb.REDEEM_BLOCKER_UNSPECIFIED,
    "insufficient_points": pb.REDEEM_BLOCKER_INSUFFICIENT_POINTS,
    "out_of_stock": pb.REDEEM_BLOCKER_OUT_OF_STOCK,
    "member_limit_reached": pb.REDEEM_BLOCKER_MEMBER_LIMIT_REACHED,
    "not_available": pb.REDEEM_BLOCKER_NOT_AVAILABLE,
    "not_visible": pb.REDEEM_BLOCKER_NOT_VISIBLE,
    "member_blocked": pb.REDEEM_BLOCKER_MEMBER_BLOCKED,
}
BATCH_STATES = {
    batches.GENERATING: pb.VOUCHER_BATCH_STATE_GENERATING,
    batches.ACTIVE: pb.VOUCHER_BATCH_STATE_ACTIVE,
    batches.VOID: pb.VOUCHER_BATCH_STATE_VOID,
}
VOUCHER_TYPES = set(TYPES) - {model.PAYMENT}
MAX_IMPORTED = 1_000  # a bulk import's batch


@dataclasses.dataclass
class RewardsParts:
    catalogue: Catalogue
    redemptions: Redemptions
    vouchers: Vouchers
    issuer: Issuer
    events: CatalogueEvents
    viewer: Callable  # member_id -> (Viewer, tier ranks)
    known_tiers: Callable[[], set[str] | None]  # None when the ladder cannot be read
    ledger: object
    clock: Callable[[], datetime]
    batches: VoucherBatches


class RewardsServicer(rewards_pb2_grpc.RewardsServiceServicer):
    def __init__(self, parts: RewardsParts) -> None:
        self.parts = parts
        self.imports = VoucherImports(parts.vouchers, parts.catalogue.find)  # bulk imports
        self.batches = parts.batches

    # The catalogue

    @rpc
    def CreateReward(self, request, context):
        checks = change_checks(request, "idempotency_key")
        reward = self._checked_reward(checks, request.reward, "reward.")
        checks.check(request.reward.stock_total >= 0, "reward.stock_total", "must not be negative")
        checks.done()
        reward = dataclasses.replace(reward, stock_total=request.reward.stock_total)
        stored, replayed = self.parts.catalogue.create(
            reward,
            request.idempotency_key,
            fingerprint(request.reward),
            request.actor,
            request.validate_only,
        )
        return pb.CreateRewardResponse(reward=reward_message(stored), replayed=replayed)

    @rpc
    def UpdateReward(self, request, context):
        checks = change_checks(request, "reward.reward_id")
        reward = self._checked_reward(checks, request.reward, "reward.")
        checks.done()
        stored = self.parts.catalogue.update(
            reward, request.expected_version, request.actor, request.validate_only
        )
        return pb.UpdateRewardResponse(reward=reward_message(stored))

    @rpc
    def GetReward(self, request, context):
        return pb.GetRewardResponse(
            reward=reward_message(self.parts.catalogue.get(request.reward_id))
        )

    @rpc
    def ListRewards(self, request, context):
        page = asked_page(request)
        found = self.parts.catalogue.listing(
            [STATUS_NAMES[s] for s in request.statuses if s in STATUS_NAMES],
            [TYPE_NAMES[t] for t in request.types if t in TYPE_NAMES],
            page.skip,
            page.reading,
        )
        return pb.ListRewardsResponse(
            rewards=page.shown(found, reward_message), page_info=page.info(found)
        )

    @rpc
    def ArchiveReward(self, request, context):
        change_checks(request, "reward_id").done()
        archived = self.parts.catalogue.archive(request.reward_id, request.actor)
        return pb.ArchiveRewardResponse(reward=reward_message(archived))

    @rpc
    def AdjustRewardStock(self, request, context):
        checks = required_checks(request, "idempotency_key", "reward_id")
        checks.check(request.delta != 0, "delta", "must not be zero")
        checks.who_and_why(request)
        checks.done()
        reward, replayed = self.parts.catalogue.adjust_stock(
            request.reward_id, request.delta, request.idempotency_key, fingerprint(request)
        )
        return pb.AdjustRewardStockResponse(reward=reward_message(reward), replayed=replayed)

    # A member's side

    @rpc
    def ListRewardsForMember(self, request, context):
        page = asked_page(request, "member_id")
        viewer, ranks = self.parts.viewer(request.member_id)
        views = [
            v
            for v in self.parts.catalogue.for_member(viewer, ranks)
            if (v.visible or request.include_not_visible)
            and (v.affordable or not request.affordable_only)
            and (not request.types or TYPES[v.reward.type] in request.types)
        ]
        shown = page.of(views)
        return pb.ListRewardsForMemberResponse(
            rewards=page.shown(shown, member_reward_message),
            available_points=viewer.available_points,
            page_info=page.info(shown),
        )

    @rpc
    def RedeemReward(self, request, context):
        checks = required_checks(request, "idempotency_key", "member_id", "reward_id")
        checks.check(request.points >= 0, "points", "must not be negative")
        checks.check(
            bool(request.store_id) <= bool(request.partner_id),
            "partner_id",
            "is required with store_id",
        )
        checks.done()
        redemption, replayed = self.parts.redemptions.redeem(
            RedeemRequest(
                member_id=request.member_id,
                reward_id=request.reward_id,
                idempotency_key=request.idempotency_key,
                points=request.points,
                partner_id=request.partner_id,
                store_id=request.store_id,
                transaction_id=request.transaction_id,
            )
        )
        return pb.RedeemRewardResponse(
            redemption=self._redemption(redemption),
            balance=balance_message(self.parts.ledger.accounts.balance(request.member_id)),
            replayed=replayed,
        )

    @rpc
    def CancelRedemption(self, request, context):
        change_checks(request, "idempotency_key", "redemption_id").done()
        redemption, replayed = self.parts.redemptions.cancel(
            request.redemption_id, request.idempotency_key, request.actor, request.reason
        )
        return pb.CancelRedemptionResponse(
            redemption=self._redemption(redemption),
            points_refunded=redemption["points_spent"],
            balance=balance_message(self.parts.ledger.accounts.balance(redemption["member_id"])),
            replayed=replayed,
        )

    @rpc
    def GetRedemption(self, request, context):
        found = self.parts.redemptions.get(request.redemption_id)
        return pb.GetRedemptionResponse(redemption=self._redemption(found))

    @rpc
    def ListRedemptions(self, request, context):
        page = asked_page(request, "member_id")
        found = self.parts.redemptions.store.member_redemptions(
            request.member_id, page.skip, page.reading
        )
        return pb.ListRedemptionsResponse(
            redemptions=page.shown(found, self._redemption), page_info=page.info(found)
        )

    # Vouchers

    @rpc
    def IssueVoucher(self, request, context):
        checks = required_checks(request, "idempotency_key", "member_id", "reward_id")
        checks.check(
            request.issue_reason in REASON_NAMES
            and request.issue_reason
            not in (
                pb.VOUCHER_REASON_REDEMPTION,
                pb.VOUCHER_REASON_IMPORT,
                pb.VOUCHER_REASON_BATCH,
            ),
            "issue_reason",
            "must be BIRTHDAY, COMPENSATION, GIFT or BONUS",
        )
        # A compensation answers a complaint: without its reference nobody can tell later
        # which complaint it settled (nor that it was settled once).
        checks.text(
            "complaint_reference",
            request.complaint_reference,
            required=request.issue_reason == pb.VOUCHER_REASON_COMPENSATION,
            max_length=100,
        )
        checks.who_and_why(request)
        checks.done()
        voucher, replayed = self.parts.issuer.issue(
            Issue(
                member_id=request.member_id,
                reward_id=request.reward_id,
                reason=REASON_NAMES[request.issue_reason],
                key=request.idempotency_key,
                actor=request.actor,
                note=request.reason,
                expires_at=bus.instant(request, "expires_at"),
                complaint_reference=request.complaint_reference,
            )
        )
        return pb.IssueVoucherResponse(voucher=self._voucher(voucher), replayed=replayed)

    @rpc
    def GetVoucher(self, request, context):
        return pb.GetVoucherResponse(
            voucher=self._voucher(self.parts.vouchers.by_code(request.code))
        )

    @rpc
    def CheckVoucher(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("partner_id", request.partner_id)
        purchase = _optional_money(checks, "purchase_amount", request)
        checks.done()
        self.parts.ledger.partners.check_till(request.partner_id, request.store_id)
        voucher = self.parts.vouchers.by_code(request.code)
        problem = self.parts.vouchers.problem(
            voucher, request.partner_id, request.member_id, purchase
        )
        if not problem and self._owner_blocked(voucher, request.member_id):
            problem = "member_blocked"
        off = model.discount(voucher, purchase) if purchase else None
        return pb.CheckVoucherResponse(
            usable=not problem,
            problem=PROBLEMS[problem],
            voucher=self._voucher(voucher),
            discount=_money(off, voucher["currency"]),
        )

    @rpc
    def UseVoucher(self, request, context):
        checks = required_checks(request, "idempotency_key", "partner_id", "transaction_id")
        purchase = _optional_money(checks, "purchase_amount", request)
        presence = proof_from(checks, request.presence)
        checks.done()
        self.parts.ledger.partners.check_till(request.partner_id, request.store_id)
        voucher = self.parts.vouchers.by_code(request.code)
        if voucher["state"] == model.ACTIVE and self._owner_blocked(voucher, request.member_id):
            raise refuse("MEMBER_BLOCKED", "the voucher's member is blocked")
        till = {
            "partner_id": request.partner_id,
            "store_id": request.store_id,
            "transaction_id": request.transaction_id,
            "member_id": request.member_id,
        }
        used, replayed = self.parts.vouchers.use(
            request.code, till, request.idempotency_key, purchase, presence
        )
        off = model.discount(used, purchase) if purchase else None
        return pb.UseVoucherResponse(
            voucher=self._voucher(used), discount=_money(off, used["currency"]), replayed=replayed
        )

    @rpc
    def ListMemberVouchers(self, request, context):
        page = asked_page(request, "member_id")
        states = [STATE_NAMES[s] for s in request.states if s in STATE_NAMES] or [model.ACTIVE]
        found = self.parts.vouchers.of_member(request.member_id, states, page.skip, page.reading)
        return pb.ListMemberVouchersResponse(
            vouchers=page.shown(found, self._voucher), page_info=page.info(found)
        )

    # Translation

    def _checked_reward(self, checks: Checks, given: pb.Reward, prefix: str) -> Reward:
        reward_problems(checks, given, prefix, self.parts.known_tiers())
        return reward_from_message(given)

    @rpc
    def ImportVouchers(self, request, context):
        checks = Checks(DOMAIN)
        checks.text("import_id", request.import_id, max_length=64)
        count = len(request.vouchers)
        checks.check(1 <= count <= MAX_IMPORTED, "vouchers", f"give 1..{MAX_IMPORTED:,} vouchers")
        for index, item in enumerate(request.vouchers[:MAX_IMPORTED]):
            checks.text(f"vouchers[{index}].idempotency_key", item.idempotency_key)
            checks.text(f"vouchers[{index}].code", item.code, max_length=64)
            checks.text(f"vouchers[{index}].reward_id", item.reward_id)
            checks.text(f"vouchers[{index}].member_id", item.member_id)
        checks.done()
        outcomes = self.imports.run(
            request.import_id,
            [
                ImportedVoucher(
                    key=item.idempotency_key,
                    code=codes.imported(item.code) or item.code,
                    reward_id=item.reward_id,
                    member_id=item.member_id,
                    expires_at=bus.instant(item, "expires_at"),
                )
                for item in request.vouchers
            ],
            request.validate_only,
        )
        return pb.ImportVouchersResponse(
            outcomes=[
                pb.ImportedVoucherOutcome(
                    index=index, field=o.field, reason=o.reason, replayed=o.replayed
                )
                for index, o in enumerate(outcomes)
            ]
        )

    # Voucher batches

    @rpc
    def CreateVoucherBatch(self, request, context):
        checks = change_checks(request, "idempotency_key", "reward_id")
        checks.check(
            1 <= request.count <= batches.MAX_CODES,
            "count",
            f"must be 1..{batches.MAX_CODES:,}",
        )
        checks.text("label", request.label.strip(), max_length=batches.LABEL_LENGTH)
        checks.done()
        batch, replayed = self.batches.create(
            NewBatch(
                key=request.idempotency_key,
                reward_id=request.reward_id,
                count=request.count,
                label=request.label.strip(),
                expires_at=bus.instant(request, "expires_at"),
                actor=request.actor,
                fingerprint=fingerprint(request),
            )
        )
        return pb.CreateVoucherBatchResponse(batch=self._batch(batch), replayed=replayed)

    @rpc
    def GetVoucherBatch(self, request, context):
        return pb.GetVoucherBatchResponse(batch=self._batch(self.batches.get(request.batch_id)))

    @rpc
    def ListVoucherBatches(self, request, context):
        page = asked_page(request)
        found = self.batches.listing(request.reward_id, page.skip, page.reading)
        return pb.ListVoucherBatchesResponse(
            batches=page.shown(found, self._batch), page_info=page.info(found)
        )

    @rpc
    def ListBatchVouchers(self, request, context):
        page = asked_page(request, "batch_id")
        found = self.batches.codes(request.batch_id, page.skip, page.reading)
        return pb.ListBatchVouchersResponse(
            vouchers=page.shown(found, self._voucher), page_info=page.info(found)
        )

    @rpc
    def VoidVoucherBatch(self, request, context):
        change_checks(request, "batch_id").done()
        batch, replayed = self.batches.void(request.batch_id, request.actor, request.reason)
        return pb.VoidVoucherBatchResponse(batch=self._batch(batch), replayed=replayed)

    def _batch(self, doc: dict) -> pb.VoucherBatch:
        return batch_message(doc, self.batches.counts(doc))

    def _voucher(self, doc: dict) -> pb.Voucher:
        return voucher_message(doc, model.voucher_state(doc, self.parts.clock()))

    def _redemption(self, doc: dict) -> pb.Redemption:
        voucher = (
            self.parts.vouchers.store.voucher(doc["voucher_id"]) if doc["voucher_id"] else None
        )
        return redemption_message(doc, self._voucher(voucher) if voucher else None)

    def _owner_blocked(self, voucher: dict, at_till: str) -> bool:
        """Whether the voucher's owner is blocked; for a batch code nobody owns yet, the
        member at the till who would claim it (nobody named: nobody to check)."""
        owner = voucher["member_id"] or at_till
        if not owner:
            return False
        viewer, _ranks = self.parts.viewer(owner)
        return viewer.blocked


def reward_problems(checks: Checks, given: pb.Reward, prefix: str, tiers: set[str] | None) -> None:
    """Names every bad field of a reward."""
    checks.check(bool(given.name.get("vi", "").strip()), f"{prefix}name", 'a "vi" name is required')
    for language, text in given.name.items():
        checks.check(len(text) <= 200, f"{prefix}name[{language}]", "is over 200 characters")
    kind = TYPE_NAMES.get(given.type)
    if not checks.check(kind is not None, f"{prefix}type", "is required"):
        return
    if kind == model.PAYMENT:
        rate = given.payment_rate
        checks.positive(f"{prefix}payment_rate.points", rate.points)
        checks.positive(f"{prefix}payment_rate.value.amount_minor", rate.value.amount_minor)
        checks.check(
            rate.min_points >= 0 and rate.max_points >= 0,
            f"{prefix}payment_rate",
            "limits must not be negative",
        )
        checks.check(
            not rate.max_points or rate.max_points >= rate.min_points,
            f"{prefix}payment_rate.max_points",
            "must be at least min_points",
        )
    else:
        checks.check(
            given.points_cost >= 0,
            f"{prefix}points_cost",
            "must not be negative (0 = a voucher only staff and rules issue)",
        )
        checks.check(
            given.voucher_validity_days > 0 or given.HasField("voucher_expires_at"),
            f"{prefix}voucher_validity_days",
            "give voucher_validity_days or voucher_expires_at",
        )
        checks.check(
            given.voucher_validity_days >= 0,
            f"{prefix}voucher_validity_days",
            "must not be negative",
        )
    if kind == model.PERCENTAGE:
        checks.check(
            1 <= given.percent_off_bp <= 10_000, f"{prefix}percent_off_bp", "must be 1..10000"
        )
    if kind == model.FIXED:
        checks.positive(f"{prefix}fixed_value.amount_minor", given.fixed_value.amount_minor)
    if kind in (model.FREE_ITEM, model.GIFT):
        checks.text(f"{prefix}item_sku", given.item_sku, max_length=64)
    if kind == model.TICKET:
        checks.check(given.HasField("event_at"), f"{prefix}event_at", "is required for a ticket")
    for field in ("fixed_value", "max_discount", "min_purchase"):
        money = getattr(given, field)
        if given.HasField(field) and money.currency not in CURRENCY_MINOR_UNITS:
            checks.fail(f"{prefix}{field}.currency", f"unknown currency {money.currency!r}")
    if given.HasField("available_from") and given.HasField("available_until"):
        checks.check(
            given.available_until.ToDatetime() > given.available_from.ToDatetime(),
            f"{prefix}available_until",
            "must be after available_from",
        )
    checks.check(given.per_member_limit >= 0, f"{prefix}per_member_limit", "must not be negative")
    checks.check(
        given.status != pb.REWARD_STATUS_ARCHIVED, f"{prefix}status", "archive with ArchiveReward"
    )
    if given.image_url:
        checks.check(given.image_url.startswith("https://"), f"{prefix}image_url", "must be https")
    visibility = given.visibility
    named = (
        [visibility.min_tier_code, *visibility.tier_codes]
        if visibility.min_tier_code
        else list(visibility.tier_codes)
    )
    for code in named:
        checks.check(
            tiers is None or code in tiers, f"{prefix}visibility", f"unknown tier code {code!r}"
        )


def reward_from_message(given: pb.Reward) -> Reward:
    money = _first_currency(given)
    return Reward(
        reward_id=given.reward_id,
        name=dict(given.name),
        type=TYPE_NAMES.get(given.type, ""),
        status=STATUS_NAMES.get(given.status, model.DRAFT),
        description=dict(given.description),
        terms=dict(given.terms),
        image_url=given.image_url,
        points_cost=given.points_cost,
        currency=money,
        percent_off_bp=given.percent_off_bp,
        max_discount_minor=given.max_discount.amount_minor,
        fixed_value_minor=given.fixed_value.amount_minor,
        min_purchase_minor=given.min_purchase.amount_minor,
        item_sku=given.item_sku,
        payment_rate=PaymentRate(
            given.payment_rate.points,
            given.payment_rate.value.amount_minor,
            given.payment_rate.min_points,
            given.payment_rate.max_points,
        ),
        event_at=bus.instant(given, "event_at"),
        unlimited_stock=given.unlimited_stock,
        available_from=bus.instant(given, "available_from"),
        available_until=bus.instant(given, "available_until"),
        voucher_validity_days=given.voucher_validity_days,
        voucher_expires_at=bus.instant(given, "voucher_expires_at"),
        per_member_limit=given.per_member_limit,
        visibility=Visibility(
            given.visibility.min_tier_code,
            tuple(given.visibility.tier_codes),
            tuple(given.visibility.segment_ids),
            given.visibility.exclusive,
        ),
        partner_ids=tuple(given.partner_ids),
    )


def reward_message(reward: Reward) -> pb.Reward:
    def money(minor: int):
        return _money(minor or None, reward.currency)

    return pb.Reward(
        reward_id=reward.reward_id,
        name=reward.name,
        description=reward.description,
        terms=reward.terms,
        image_url=reward.image_url,
        type=TYPES.get(reward.type, 0),
        status=STATUSES[reward.status],
        points_cost=reward.points_cost,
        percent_off_bp=reward.percent_off_bp,
        max_discount=money(reward.max_discount_minor),
        fixed_value=money(reward.fixed_value_minor),
        min_purchase=money(reward.min_purchase_minor),
        item_sku=reward.item_sku,
        payment_rate=pb.PaymentRate(
            points=reward.payment_rate.points,
            value=money(reward.payment_rate.value_minor),
            min_points=reward.payment_rate.min_points,
            max_points=reward.payment_rate.max_points,
        ),
        event_at=bus.timestamp(reward.event_at),
        unlimited_stock=reward.unlimited_stock,
        stock_total=reward.stock_total,
        stock_remaining=reward.stock_remaining,
        available_from=bus.timestamp(reward.available_from),
        available_until=bus.timestamp(reward.available_until),
        voucher_validity_days=reward.voucher_validity_days,
        voucher_expires_at=bus.timestamp(reward.voucher_expires_at),
        per_member_limit=reward.per_member_limit,
        visibility=pb.RewardVisibility(
            min_tier_code=reward.visibility.min_tier_code,
            tier_codes=reward.visibility.tier_codes,
            segment_ids=reward.visibility.segment_ids,
            exclusive=reward.visibility.exclusive,
        ),
        partner_ids=reward.partner_ids,
        version=reward.version,
        created_at=bus.timestamp(reward.created_at),
        updated_at=bus.timestamp(reward.updated_at),
        updated_by=reward.updated_by,
    )


def member_reward_message(seen: MemberReward) -> pb.MemberReward:
    return pb.MemberReward(
        reward=reward_message(seen.reward),
        visible=seen.visible,
        affordable=seen.affordable,
        points_short=seen.points_short,
        redeemable=not seen.blocker,
        blocker=BLOCKERS[seen.blocker],
        remaining_for_member=seen.remaining_for_member,
    )


def voucher_message(doc: dict, state: str) -> pb.Voucher:
    currency = doc["currency"]
    return pb.Voucher(
        voucher_id=doc["_id"],
        code=doc["code"],
        member_id=doc["member_id"],
        reward_id=doc["reward_id"],
        reward_name=doc["reward_name"],
        type=TYPES[doc["type"]],
        issue_reason=REASONS[doc["issue_reason"]],
        state=VOUCHER_STATES[state],
        percent_off_bp=doc["percent_off_bp"],
        max_discount=_money(doc["max_discount_minor"] or None, currency),
        fixed_value=_money(doc["fixed_value_minor"] or None, currency),
        min_purchase=_money(doc["min_purchase_minor"] or None, currency),
        item_sku=doc["item_sku"],
        partner_ids=doc["partner_ids"],
        redemption_id=doc["redemption_id"],
        issued_at=bus.timestamp(doc["issued_at"]),
        expires_at=bus.timestamp(doc["expires_at"]),
        used_at=bus.timestamp(doc.get("used_at")),
        used_partner_id=doc.get("used_partner_id", ""),
        used_store_id=doc.get("used_store_id", ""),
        used_transaction_id=doc.get("used_transaction_id", ""),
        cancelled_at=bus.timestamp(doc.get("cancelled_at")),
        issued_by=doc["issued_by"],
        note=doc["note"],
        complaint_reference=doc["complaint_reference"],
        batch_id=doc.get("batch_id", ""),
    )


def batch_message(doc: dict, counts: batches.Counts) -> pb.VoucherBatch:
    return pb.VoucherBatch(
        batch_id=doc["_id"],
        reward_id=doc["reward_id"],
        reward_name=doc["reward_name"],
        label=doc["label"],
        state=BATCH_STATES[doc["state"]],
        count=doc["count"],
        generated=counts.generated,
        used=counts.used,
        voided=counts.voided,
        expired=counts.expired,
        unused=counts.unused,
        expires_at=bus.timestamp(doc["expires_at"]),
        created_at=bus.timestamp(doc["created_at"]),
        created_by=doc["created_by"],
        voided_at=bus.timestamp(doc.get("voided_at")),
        voided_by=doc.get("voided_by", ""),
        void_reason=doc.get("void_reason", ""),
    )


def redemption_message(doc: dict, voucher: pb.Voucher | None) -> pb.Redemption:
    return pb.Redemption(
        redemption_id=doc["_id"],
        member_id=doc["member_id"],
        reward_id=doc["reward_id"],
        reward_type=TYPES[doc["reward_type"]],
        reward_name=doc["reward_name"],
        points_spent=doc["points_spent"],
        value=_money(doc["value_minor"] or None, doc["currency"]),
        entry_id=doc["entry_id"],
        voucher=voucher,
        state=pb.REDEMPTION_STATE_CANCELLED
        if doc["state"] == model.CANCELLED
        else pb.REDEMPTION_STATE_COMPLETED,
        partner_id=doc["partner_id"],
        store_id=doc["store_id"],
        transaction_id=doc["transaction_id"],
        created_at=bus.timestamp(doc["created_at"]),
        cancelled_at=bus.timestamp(doc.get("cancelled_at")),
        cancel_reason=doc.get("cancel_reason", ""),
    )


def _optional_money(checks: Checks, field: str, request) -> int:
    if not request.HasField(field):
        return 0
    money = getattr(request, field)
    checks.check(money.amount_minor >= 0, f"{field}.amount_minor", "must not be negative")
    return money.amount_minor


def _money(minor: int | None, currency: str) -> common_pb2.Money | None:
    return None if minor is None else common_pb2.Money(amount_minor=minor, currency=currency)


def _first_currency(given: pb.Reward) -> str:
    for field in ("fixed_value", "max_discount", "min_purchase"):
        if given.HasField(field):
            return getattr(given, field).currency
    if given.payment_rate.HasField("value"):
        return given.payment_rate.value.currency
    return "VND"
