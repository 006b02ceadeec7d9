"""The templates the suite ships: every message type, in Vietnamese and English, for
every channel. Each type has a subject, a short text (SMS, push) and a long text (inbox,
and the e-mail, which wraps it in a simple HTML page)."""

from __future__ import annotations

import dataclasses

from services.notifications.contacts.domain import Channel
from services.notifications.templates.domain.catalogue import MessageType

CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.PUSH, Channel.INBOX)


@dataclasses.dataclass(frozen=True)
class Wording:
    subject: str
    short: str
    long: str


VI = {
    MessageType.WELCOME: Wording(
        "Chào mừng {name} đến với chương trình thành viên",
        "Chào mừng {name}! Số thẻ thành viên của bạn: {member_number}.",
        "Xin chào {name},\n\nCảm ơn bạn đã tham gia chương trình thành viên. "
        "Số thẻ của bạn là {member_number}, hạng hiện tại: {tier}.\n\n"
        "Mỗi lần mua sắm, bạn sẽ được tích điểm để đổi những phần quà hấp dẫn."
        "{#if referral_code} Giới thiệu bạn bè bằng mã {referral_code} để cùng nhận thưởng."
        "{/if}",
    ),
    MessageType.PURCHASE_THANK_YOU: Wording(
        "Cảm ơn {name}! Bạn vừa nhận {points} điểm",
        "Cảm ơn {name}! Bạn nhận {points} điểm cho hóa đơn {amount}. Số dư: {balance} điểm.",
        "Xin chào {name},\n\nCảm ơn bạn đã mua sắm. Hóa đơn {amount} mang lại cho bạn "
        "{points} điểm.{#if pending_until} Điểm sẽ khả dụng từ ngày {pending_until}.{/if}\n\n"
        "Số dư hiện tại: {balance} điểm.",
    ),
    MessageType.TIER_UPGRADE: Wording(
        "Chúc mừng {name} đã lên hạng {tier}!",
        "Chúc mừng {name}! Bạn đã lên hạng {tier}.",
        "Xin chào {name},\n\nChúc mừng bạn đã lên hạng {tier}"
        "{#if previous_tier} từ hạng {previous_tier}{/if}. "
        "{#if multiplier}Từ nay mỗi lần mua sắm bạn được tích điểm {multiplier}.{/if}",
    ),
    MessageType.REWARD_REDEEMED: Wording(
        "Bạn đã đổi quà: {reward}",
        "Bạn đã đổi {points} điểm lấy {reward}. Mã: {code}, dùng đến {valid_until}.",
        "Xin chào {name},\n\nBạn đã đổi {points} điểm lấy {reward}.\n\n"
        "Mã ưu đãi: {code}\nHạn sử dụng: {valid_until}\n\nSố dư còn lại: {balance} điểm.",
    ),
    MessageType.POINTS_REVERSED: Wording(
        "{points} điểm được trừ cho đơn trả hàng",
        "{name} ơi, đơn trả hàng {return_id} đã trừ {points} điểm. Số dư: {balance} điểm."
        "{#if owed} Bạn đang nợ {owed} điểm, sẽ trừ vào lần mua tới.{/if}",
        "Xin chào {name},\n\nĐơn trả hàng {return_id} đã trừ {points} điểm đã tích cho "
        "hàng được trả. Số dư hiện tại: {balance} điểm.{#if owed} Vì điểm đã được dùng, bạn "
        "đang nợ {owed} điểm; số điểm này sẽ được trừ vào những lần mua tới.{/if}"
        "{#if not_taken} Chương trình đã bỏ qua {not_taken} điểm không thể thu hồi.{/if}",
    ),
    MessageType.POINTS_EXPIRING: Wording(
        "{points} điểm của bạn sắp hết hạn",
        "{name} ơi, {points} điểm của bạn sẽ hết hạn sau ngày {expiry_date}. Hãy dùng ngay nhé!",
        "Xin chào {name},\n\n{points} điểm của bạn sẽ hết hạn sau ngày {expiry_date}. "
        "Hãy đổi quà hoặc dùng điểm khi thanh toán trước ngày đó.",
    ),
    MessageType.BIRTHDAY: Wording(
        "Chúc mừng sinh nhật {name}!",
        "Chúc mừng sinh nhật {name}!{#if code} Tặng anh/chị mã giảm giá cho lần mua tới: "
        "{code}.{/if}",
        "Chúc mừng sinh nhật {name}!\n\nChúc anh/chị một tuổi mới thật nhiều niềm vui."
        "{#if code} Tặng anh/chị {reward} cho lần mua tới: mã {code}, "
        "dùng đến {valid_until}.{/if}",
    ),
    MessageType.APOLOGY: Wording(
        "Lời xin lỗi gửi {name}",
        "Chúng tôi xin lỗi vì trải nghiệm chưa tốt. Xin gửi {name} mã {code} ({reward}).",
        "Xin chào {name},\n\nChúng tôi thành thật xin lỗi vì trải nghiệm chưa tốt"
        "{#if complaint} (yêu cầu {complaint}){/if}. Xin gửi anh/chị {reward}: "
        "mã {code}, dùng đến {valid_until}.",
    ),
    MessageType.GIFT: Wording(
        "Quà tặng dành cho {name}",
        "{name} ơi, bạn có quà:{#if points} {points} điểm{/if}{#if code} mã {code}{/if}.",
        "Xin chào {name},\n\n{#if note}{note}\n\n{/if}Bạn nhận được"
        "{#if points} {points} điểm{/if}{#if code} {reward}, mã {code}, "
        "dùng đến {valid_until}{/if}.",
    ),
    MessageType.MARKETING: Wording(
        "{title}",
        "{title}: {text}{#if code} Mã: {code}{/if}",
        "Xin chào {name},\n\n{text}{#if code}\n\nMã ưu đãi: {code}{/if}",
    ),
    MessageType.WIN_BACK: Wording(
        "{name} ơi, chúng tôi nhớ bạn!",
        "{name} ơi, đã lâu không gặp! {text}{#if code} Mã: {code}{/if}",
        "Xin chào {name},\n\nĐã lâu rồi bạn chưa ghé thăm. {text}{#if code}\n\n"
        "Mã ưu đãi: {code}{/if}",
    ),
    MessageType.SIGN_IN_CODE: Wording(
        "Mã đăng nhập",
        "Mã đăng nhập của bạn là {code}, có hiệu lực trong {minutes} phút. "
        "Không chia sẻ mã này cho bất kỳ ai.",
        "Mã đăng nhập của bạn là {code}, có hiệu lực trong {minutes} phút.",
    ),
    MessageType.GENERIC: Wording("{title}", "{text}", "Xin chào {name},\n\n{text}"),
}

EN = {
    MessageType.WELCOME: Wording(
        "Welcome to the loyalty programme, {name}",
        "Welcome, {name}! Your membership number is {member_number}.",
        "Hello {name},\n\nThank you for joining our loyalty programme. Your membership "
        "number is {member_number} and your tier is {tier}.\n\nEvery purchase earns points "
        "you can turn into rewards.{#if referral_code} Invite friends with the code "
        "{referral_code} and you both earn a bonus.{/if}",
    ),
    MessageType.PURCHASE_THANK_YOU: Wording(
        "Thank you, {name}! You earned {points} points",
        "Thank you, {name}! You earned {points} points on {amount}. Balance: {balance} points.",
        "Hello {name},\n\nThank you for shopping with us. Your purchase of {amount} earned "
        "{points} points.{#if pending_until} They become available on {pending_until}.{/if}"
        "\n\nYour balance: {balance} points.",
    ),
    MessageType.TIER_UPGRADE: Wording(
        "Congratulations, {name}: you are now {tier}!",
        "Congratulations, {name}! You have reached {tier}.",
        "Hello {name},\n\nCongratulations on reaching {tier}"
        "{#if previous_tier} from {previous_tier}{/if}. "
        "{#if multiplier}From now on every purchase earns points {multiplier}.{/if}",
    ),
    MessageType.REWARD_REDEEMED: Wording(
        "Your reward: {reward}",
        "You redeemed {points} points for {reward}. Code: {code}, valid until {valid_until}.",
        "Hello {name},\n\nYou redeemed {points} points for {reward}.\n\nVoucher code: {code}"
        "\nValid until: {valid_until}\n\nYour balance: {balance} points.",
    ),
    MessageType.POINTS_REVERSED: Wording(
        "{points} points taken back for a return",
        "{name}, return {return_id} took back {points} points. Balance: {balance} points."
        "{#if owed} You owe {owed} points, taken from your next purchases.{/if}",
        "Hello {name},\n\nReturn {return_id} took back the {points} points earned on the "
        "goods returned. Your balance is now {balance} points.{#if owed} As those points "
        "were already spent, you owe {owed} points; your next purchases pay them off.{/if}"
        "{#if not_taken} The programme let go of {not_taken} points it could not take back."
        "{/if}",
    ),
    MessageType.POINTS_EXPIRING: Wording(
        "{points} of your points expire soon",
        "{name}, {points} of your points expire after {expiry_date}. Use them soon!",
        "Hello {name},\n\n{points} of your points expire after {expiry_date}. Redeem a "
        "reward or pay with points before then.",
    ),
    MessageType.BIRTHDAY: Wording(
        "Happy birthday, {name}!",
        "Happy birthday, {name}!{#if code} Here is a gift for your next visit: {code}.{/if}",
        "Happy birthday, {name}!\n\nWe wish you a wonderful year ahead.{#if code} Enjoy "
        "{reward} on your next visit: code {code}, valid until {valid_until}.{/if}",
    ),
    MessageType.APOLOGY: Wording(
        "We are sorry, {name}",
        "We are sorry for your experience, {name}. Please accept {reward}: code {code}.",
        "Hello {name},\n\nWe are truly sorry for your experience"
        "{#if complaint} (case {complaint}){/if}. Please accept {reward}: code {code}, "
        "valid until {valid_until}.",
    ),
    MessageType.GIFT: Wording(
        "A gift for you, {name}",
        "{name}, a gift for you:{#if points} {points} points{/if}{#if code} code {code}{/if}.",
        "Hello {name},\n\n{#if note}{note}\n\n{/if}You received{#if points} {points} points"
        "{/if}{#if code} {reward}, code {code}, valid until {valid_until}{/if}.",
    ),
    MessageType.MARKETING: Wording(
        "{title}",
        "{title}: {text}{#if code} Code: {code}{/if}",
        "Hello {name},\n\n{text}{#if code}\n\nYour code: {code}{/if}",
    ),
    MessageType.WIN_BACK: Wording(
        "We miss you, {name}!",
        "{name}, it has been a while! {text}{#if code} Code: {code}{/if}",
        "Hello {name},\n\nIt has been a while since your last visit. {text}{#if code}\n\n"
        "Your code: {code}{/if}",
    ),
    MessageType.SIGN_IN_CODE: Wording(
        "Your sign-in code",
        "Your sign-in code is {code}. It is valid for {minutes} minutes. Never share it.",
        "Your sign-in code is {code}. It is valid for {minutes} minutes.",
    ),
    MessageType.GENERIC: Wording("{title}", "{text}", "Hello {name},\n\n{text}"),
}
WORDINGS = {"vi": VI, "en": EN}


def email_page(text: str) -> str:
    """The long text as a minimal HTML e-mail (paragraphs; the brand styles it later)."""
    paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
    return (
        '<!doctype html><html><head><meta charset="utf-8"></head>'
        f"<body>{paragraphs.replace(chr(10), '<br>')}</body></html>"
    )


def default(message_type: int, language: str, channel: int) -> tuple[str, str]:
    """(subject, body) shipped for the type, language and channel."""
    wording = WORDINGS[language][message_type]
    if channel == Channel.SMS:
        return "", wording.short
    if channel == Channel.PUSH:
        return wording.subject, wording.short
    if channel == Channel.EMAIL:
        return wording.subject, email_page(wording.long)
    return wording.subject, wording.long


def every_default():
    """(type, language, channel, subject, body) for every shipped template."""
    for language, wordings in WORDINGS.items():
        for message_type in wordings:
            for channel in CHANNELS:
                yield (message_type, language, channel, *default(message_type, language, channel))
