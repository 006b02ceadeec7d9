"""What became of the programme's messages and webhooks: a member's delivery log, the
message dead letters (sent again by an operator: selected ones or all of them), and the
webhook subscriptions' deliveries and dead letters (replayed). Recipients appear as the
notifications service gives them, masked ("+8491****678"); a webhook's payload is not
shown (it can carry a member's data; the REST API's delivery resource has it for whoever
must see it). Every retry and replay is written to the staff activity log."""

from __future__ import annotations

from collections.abc import Callable

from flask import g, redirect, render_template, request
from werkzeug.wrappers import Response

from gateway.console import forms, roles, text
from gateway.console.calls import change, error_message, rpc_call
from gateway.console.lookup import find_member
from gateway.errors import ApiError
from loyalty.common.v1 import common_pb2
from loyalty.notifications.v1 import messages_pb2, templates_pb2, webhooks_pb2

PLACE = 70

MESSAGES = "loyalty.notifications.v1.MessagesService"
WEBHOOKS = "loyalty.notifications.v1.WebhooksService"
PAGE_SIZE = 50
AT_ONCE = 500  # the services' most ids in one retry or replay; "all" means up to this many
STATUSES = ("QUEUED", "SENT", "DEFERRED", "SUPPRESSED", "FAILED", "DEAD_LETTERED")
HOOK_STATUSES = ("PENDING", "DELIVERED", "RETRYING", "DEAD_LETTERED")
CHANNELS = ("EMAIL", "SMS", "PUSH", "INBOX")

MENU = [
    ("console.deliveries", "dlv_menu", f"{MESSAGES}/ListDeadLetters"),
    ("console.webhook_deliveries", "dlv_hooks_menu", f"{WEBHOOKS}/ListDeadLetters"),
]

WORDS = {
    "dlv_menu": ("Gửi tin", "Deliveries"),
    "dlv_hooks_menu": ("Webhook", "Webhooks"),
    "dlv_title": ("Nhật ký gửi tin", "Message delivery log"),
    "dlv_log": ("Nhật ký gửi của hội viên", "A member's delivery log"),
    "dlv_member_unknown": (
        "member: không có hội viên nào có số điện thoại, số thẻ, số hội viên, e-mail hoặc mã này",
        "member: no member has this phone, card number, member number, e-mail or id",
    ),
    "dlv_any": ("Tất cả", "Any"),
    "dlv_show": ("Xem", "Show"),
    "dlv_address": ("Người nhận (ẩn bớt)", "Recipient (masked)"),
    "dlv_attempts": ("Số lần thử", "Attempts"),
    "dlv_why": ("Lý do", "Why"),
    "dlv_log_hint": (
        "Nhập mã hội viên để xem các tin đã gửi cho họ.",
        "Enter a member id to see the messages sent to them.",
    ),
    "dlv_channel_hint": (
        "Kênh lọc danh sách tin thất bại; nhật ký của hội viên lọc theo trạng thái.",
        "The channel filters the dead letters; a member's log filters by status.",
    ),
    "dlv_dead": ("Tin gửi thất bại (dead letter)", "Dead letters"),
    "dlv_dead_none": ("Không có tin nào thất bại.", "No dead letters."),
    "dlv_select": ("Chọn", "Select"),
    "dlv_retry_reason": ("Lý do gửi lại (tùy chọn)", "Why send again (optional)"),
    "dlv_retry_selected": ("Gửi lại các tin đã chọn", "Retry selected"),
    "dlv_retry_all": ("Gửi lại tất cả (tối đa 500)", "Retry all (at most 500)"),
    "dlv_retried": ("Đã đưa lại vào hàng đợi", "Queued again"),
    "dlv_none_selected": ("Chưa chọn tin nào.", "Nothing selected."),
    "dlv_hooks_title": ("Webhook: gửi đi và thất bại", "Webhooks: deliveries and dead letters"),
    "dlv_subscriptions": ("Đăng ký webhook", "Webhook subscriptions"),
    "dlv_url": ("Địa chỉ", "URL"),
    "dlv_events": ("Sự kiện", "Events"),
    "dlv_error": ("Lỗi gần nhất", "Last error"),
    "dlv_replay_selected": ("Gửi lại các mục đã chọn", "Replay selected"),
    "dlv_replay_all": ("Gửi lại tất cả (tối đa 500)", "Replay all (at most 500)"),
    "dlv_replayed": ("Đã gửi lại", "Replayed"),
    "dlv_subscription_deliveries": ("Các lần gửi của đăng ký", "The subscription's deliveries"),
}


def register(bp) -> None:
    @bp.get("/deliveries")
    def deliveries():
        member_id = request.args.get("member", "").strip()[:64]
        status = _choice(request.args.get("status", ""), STATUSES)
        channel = _choice(request.args.get("channel", ""), CHANNELS)
        log, log_error = None, ""
        found = find_member(member_id) if member_id else ""  # a phone, a card number...
        if member_id and not found:
            log_error = text.word("dlv_member_unknown", g.language)
        if found:
            try:
                log = rpc_call(
                    f"{MESSAGES}/ListDeliveries",
                    member_id=found,
                    statuses=[f"DELIVERY_STATUS_{status}"] if status else [],
                    page=_page("log_cursor"),
                )
            except ApiError as error:
                if error.status not in (400, 404):
                    raise
                log_error = error_message(error)
        dead = rpc_call(
            f"{MESSAGES}/ListDeadLetters",
            channel=f"CHANNEL_{channel}" if channel else "CHANNEL_UNSPECIFIED",
            page=_page("dead_cursor"),
        )
        return render_template(
            "console/deliveries.html",
            member_id=member_id,
            status=status,
            channel=channel,
            statuses=STATUSES,
            channels=CHANNELS,
            log=[_delivery(d) for d in log.deliveries] if log else None,
            log_next=log.page_info.next_cursor if log else "",
            log_error=log_error,
            dead=[_delivery(d) for d in dead.deliveries],
            dead_next=dead.page_info.next_cursor,
            may_retry=roles.may(g.role, f"{MESSAGES}/RetryDeadLetters"),
        )

    @bp.post("/deliveries/retry")
    def retry_dead_letters():
        channel = _choice(forms.field("channel", 16), CHANNELS)
        ids = _every_dead_letter(channel) if request.form.get("scope") == "all" else _selected()
        return _send_again(
            f"{MESSAGES}/RetryDeadLetters",
            "dead_letters.retried",
            ids,
            lambda reply: f"{text.word('dlv_retried', g.language)}: {len(reply.deliveries)}",
        )

    @bp.get("/deliveries/webhooks")
    def webhook_deliveries():
        subscriptions = []
        if roles.may(g.role, f"{WEBHOOKS}/ListSubscriptions"):
            subscriptions = rpc_call(
                f"{WEBHOOKS}/ListSubscriptions", page={"page_size": 100}
            ).subscriptions
        dead = rpc_call(f"{WEBHOOKS}/ListDeadLetters", page=_page("dead_cursor"))
        return render_template(
            "console/deliveries_webhooks.html",
            subscriptions=[_subscription(s) for s in subscriptions],
            dead=[_hook_delivery(d) for d in dead.deliveries],
            dead_next=dead.page_info.next_cursor,
            may_replay=roles.may(g.role, f"{WEBHOOKS}/ReplayDeliveries"),
        )

    @bp.get("/deliveries/webhooks/<subscription_id>")
    def subscription_deliveries(subscription_id: str):
        status = _choice(request.args.get("status", ""), HOOK_STATUSES)
        reply = rpc_call(
            f"{WEBHOOKS}/ListDeliveries",
            subscription_id=subscription_id,
            statuses=[f"WEBHOOK_DELIVERY_STATUS_{status}"] if status else [],
            page=_page("cursor"),
        )
        return render_template(
            "console/deliveries_subscription.html",
            subscription_id=subscription_id,
            status=status,
            statuses=HOOK_STATUSES,
            deliveries=[_hook_delivery(d) for d in reply.deliveries],
            next_cursor=reply.page_info.next_cursor,
            may_replay=roles.may(g.role, f"{WEBHOOKS}/ReplayDeliveries"),
        )

    @bp.post("/deliveries/webhooks/replay")
    def replay_webhook_deliveries():
        ids = _every_hook_dead_letter() if request.form.get("scope") == "all" else _selected()
        return _send_again(
            f"{WEBHOOKS}/ReplayDeliveries",
            "webhooks.replayed",
            ids,
            lambda reply: f"{text.word('dlv_replayed', g.language)}: {reply.replayed}",
        )


def _send_again(rpc: str, action: str, ids: list[str], done: Callable) -> Response:
    """Dead letters sent again (retried or replayed) with the form's reason, and the
    answer's count told; nothing chosen sends nothing."""
    if not ids:
        forms.flash("error", text.word("dlv_none_selected", g.language))
        return redirect(forms.back(), 303)
    reason = forms.field("reason", 200)
    try:
        reply = change(
            rpc,
            action,
            f"{len(ids)} deliveries",
            ", ".join(ids)[:400] + (f" ({reason})" if reason else ""),
            delivery_ids=ids,
            reason=reason,
        )
    except ApiError as error:
        return _refused(error)
    forms.flash("ok", done(reply))
    return redirect(forms.back(), 303)


def _page(name: str) -> dict:
    return {"page_size": PAGE_SIZE, "cursor": request.args.get(name, "")[:200]}


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else ""


def _selected() -> list[str]:
    return [i[:200] for i in request.form.getlist("delivery_id")[:AT_ONCE] if i]


def _every_dead_letter(channel: str) -> list[str]:
    """The ids of the message dead letters (of one channel), oldest first, at most AT_ONCE."""
    ids, cursor = [], ""
    while len(ids) < AT_ONCE:
        reply = rpc_call(
            f"{MESSAGES}/ListDeadLetters",
            channel=f"CHANNEL_{channel}" if channel else "CHANNEL_UNSPECIFIED",
            page={"page_size": AT_ONCE - len(ids), "cursor": cursor},
        )
        ids += [d.delivery_id for d in reply.deliveries]
        cursor = reply.page_info.next_cursor
        if not cursor or not reply.deliveries:
            break
    return ids[:AT_ONCE]


def _every_hook_dead_letter() -> list[str]:
    ids, cursor = [], ""
    while len(ids) < AT_ONCE:
        reply = rpc_call(
            f"{WEBHOOKS}/ListDeadLetters", page={"page_size": AT_ONCE - len(ids), "cursor": cursor}
        )
        ids += [d.delivery_id for d in reply.deliveries]
        cursor = reply.page_info.next_cursor
        if not cursor or not reply.deliveries:
            break
    return ids[:AT_ONCE]


def _refused(error: ApiError):
    """The service's reason (e.g. NOT_DEAD_LETTERED: someone retried it meanwhile) as a
    note on the page the form came from."""
    if error.status >= 500 or error.status == 403:
        raise error
    forms.flash("error", error_message(error))
    return redirect(forms.back(), 303)


def _name(enum, value: int, prefix: str) -> str:
    return enum.Name(value).removeprefix(prefix) if value else ""


def _delivery(d) -> dict:
    return {
        "id": d.delivery_id,
        "member_id": d.member_id,
        "type": _name(templates_pb2.MessageType, d.message_type, "MESSAGE_TYPE_"),
        "channel": _name(common_pb2.Channel, d.channel, "CHANNEL_"),
        "status": _name(messages_pb2.DeliveryStatus, d.status, "DELIVERY_STATUS_"),
        "reason": _name(messages_pb2.DeliveryReason, d.reason, "DELIVERY_REASON_"),
        "detail": d.detail[:200],
        "attempts": d.attempts,
        "address": d.address,  # masked by the service
        "updated": d.updated_at,
    }


def _hook_delivery(d) -> dict:
    return {
        "id": d.delivery_id,
        "subscription_id": d.subscription_id,
        "event_type": d.event_type,
        "member_id": d.member_id,
        "status": _name(webhooks_pb2.WebhookDeliveryStatus, d.status, "WEBHOOK_DELIVERY_STATUS_"),
        "attempts": d.attempts,
        "error": d.last_error[:200],
        "replays": d.replays,
        "updated": d.updated_at,
    }


def _subscription(s) -> dict:
    return {
        "id": s.subscription_id,
        "url": s.url,
        "description": s.description,
        "events": ", ".join(s.event_types),
        "state": _name(webhooks_pb2.SubscriptionState, s.state, "SUBSCRIPTION_STATE_"),
        "circuit": _name(webhooks_pb2.CircuitState, s.circuit.state, "CIRCUIT_STATE_"),
    }
