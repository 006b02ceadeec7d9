"""The console's words in Vietnamese (the default) and English, and how it writes
money, points and times (VND as 1.250.000 ₫, times in Asia/Ho_Chi_Minh)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from common.clock import DEFAULT_TIME_ZONE

LANGUAGES = ("vi", "en")
ZONE = ZoneInfo(DEFAULT_TIME_ZONE)

# key: (vi, en)
WORDS = {
    "console": ("Bảng điều khiển", "Staff console"),
    "sign_in": ("Đăng nhập", "Sign in"),
    "sign_out": ("Đăng xuất", "Sign out"),
    "email": ("E-mail", "E-mail"),
    "password": ("Mật khẩu", "Password"),
    "dashboard": ("Tổng quan", "Dashboard"),
    "members": ("Hội viên", "Members"),
    "programme": ("Chương trình", "Programme"),
    "staff": ("Nhân viên", "Staff"),
    "activity": ("Nhật ký", "Activity"),
    "find_member": ("Tìm hội viên", "Find a member"),
    "find": ("Tìm", "Find"),
    "not_found": ("Không tìm thấy hội viên", "No member found"),
    "profile": ("Hồ sơ", "Profile"),
    "name": ("Tên", "Name"),
    "phone": ("Điện thoại", "Phone"),
    "card": ("Số thẻ", "Card"),
    "tier": ("Hạng", "Tier"),
    "status": ("Trạng thái", "Status"),
    "enrolled": ("Ngày tham gia", "Enrolled"),
    "balance": ("Số dư điểm", "Points balance"),
    "available": ("Khả dụng", "Available"),
    "pending": ("Chờ duyệt", "Pending"),
    "held": ("Đang giữ", "Held"),
    "expiring": ("Sắp hết hạn", "Expiring soon"),
    "lifetime": ("Tích lũy", "Lifetime"),
    "lots": ("Lô điểm", "Point lots"),
    "earned": ("Ngày tích", "Earned"),
    "expires": ("Hết hạn", "Expires"),
    "remaining": ("Còn lại", "Remaining"),
    "points": ("Điểm", "Points"),
    "history": ("Lịch sử", "History"),
    "when": ("Thời gian", "When"),
    "type": ("Loại", "Type"),
    "reason": ("Lý do", "Reason"),
    "by": ("Người thực hiện", "By"),
    "adjust_points": ("Điều chỉnh điểm", "Adjust points"),
    "adjust_hint": (
        "Số dương để cộng, số âm để trừ; chương trình cho phép tối đa ±",
        "Positive to credit, negative to debit; the programme allows at most ±",
    ),
    "adjust": ("Điều chỉnh", "Adjust"),
    "block": ("Khóa hội viên", "Block member"),
    "unblock": ("Mở khóa hội viên", "Unblock member"),
    "kpis": ("Chỉ số chương trình", "Programme KPIs"),
    "members_total": ("Tổng hội viên", "Members"),
    "new_members": ("Hội viên mới", "New members"),
    "liability": ("Điểm chưa đổi", "Points liability"),
    "clv": ("Giá trị vòng đời TB", "Average lifetime value"),
    "nps": ("NPS", "NPS"),
    "retention": ("Tỷ lệ giữ chân", "Retention rate"),
    "repeat": ("Tỷ lệ mua lại", "Repeat purchase rate"),
    "redemption": ("Tỷ lệ đổi điểm", "Redemption rate"),
    "issued": ("Điểm phát hành", "Points issued"),
    "redeemed": ("Điểm đã đổi", "Points redeemed"),
    "tiers": ("Phân bố hạng", "Tier distribution"),
    "rules": ("Quy tắc tích điểm và chiến dịch", "Earning rules and campaigns"),
    "new_campaign": ("Chiến dịch mới (bản nháp)", "New campaign (draft)"),
    "multiplier": ("Hệ số nhân (vd 2 = gấp đôi)", "Multiplier (e.g. 2 = double)"),
    "starts": ("Bắt đầu", "Starts"),
    "ends": ("Kết thúc", "Ends"),
    "save_draft": ("Lưu bản nháp", "Save draft"),
    "draft": ("Bản nháp", "Draft"),
    "live": ("Đang chạy", "Published"),
    "simulator": ("Thử giỏ hàng", "Try a basket"),
    "simulate": ("Tính thử", "Simulate"),
    "partner": ("Đối tác", "Partner"),
    "amount": ("Số tiền (₫)", "Amount (₫)"),
    "at_time": ("Thời điểm mua", "Purchase time"),
    "would_earn": ("Giỏ hàng này được", "This basket earns"),
    "publish": ("Xuất bản", "Publish"),
    "published": ("Đã xuất bản", "Published"),
    "breakdown": ("Chi tiết", "Breakdown"),
    "role": ("Vai trò", "Role"),
    "create": ("Tạo", "Create"),
    "change": ("Đổi", "Change"),
    "disable": ("Vô hiệu hóa", "Disable"),
    "enable": ("Kích hoạt", "Enable"),
    "new_staff": ("Tài khoản nhân viên mới", "New staff account"),
    "action": ("Hành động", "Action"),
    "subject": ("Đối tượng", "Subject"),
    "detail": ("Chi tiết", "Detail"),
    "refused": ("Không được phép", "Not allowed"),
    "done": ("Đã xong", "Done"),
    "language": ("Ngôn ngữ", "Language"),
    "skip": ("Bỏ qua điều hướng", "Skip to content"),
    "signed_in_as": ("Đăng nhập với", "Signed in as"),
    "none": ("Không có", "None"),
    # A wide table's own scrolling box (a region the keyboard can reach and scroll).
    "scroll_table": ("Bảng (cuộn ngang để xem hết)", "Table (scroll sideways to see it all)"),
    "month": ("Tháng", "Month"),
    "rewards": ("Quà tặng", "Rewards"),
    "stock": ("Tồn kho", "Stock"),
    "cost": ("Điểm đổi", "Cost"),
    "page_not_found": ("Không có trang này.", "There is no such page."),
    # Words several areas use (an area's own words are beside its routes).
    "channel": ("Kênh", "Channel"),
    "created": ("Ngày tạo", "Created"),
    "event": ("Sự kiện", "Event"),
    "filter": ("Lọc", "Filter"),
    "first_page": ("Trang đầu", "First page"),
    "next_page": ("Trang sau", "Next page"),
    "member_id": ("Mã hội viên", "Member id"),
    "message_type": ("Loại tin", "Message type"),
    "message_subject": ("Tiêu đề", "Subject"),
    "message_text": ("Nội dung", "Text"),
    "version": ("Phiên bản", "Version"),
}


def add(words: dict[str, tuple[str, str]]) -> None:
    """A page's own words; a key two pages both define is a mistake, found at start."""
    clash = set(words) & set(WORDS)
    if clash:
        raise ValueError(f"console words defined twice: {sorted(clash)}")
    WORDS.update(words)


def word(key: str, language: str) -> str:
    vi, en = WORDS.get(key, (key, key))
    return en if language == "en" else vi


def grouped(number: int) -> str:
    """1250000 -> "1.250.000" (Vietnamese groups thousands with dots)."""
    sign = "-" if number < 0 else ""
    return sign + f"{abs(int(number)):,}".replace(",", ".")


def vnd(amount_minor: int | str) -> str:
    return f"{grouped(int(amount_minor or 0))} ₫"


def points(value: int | str) -> str:
    return grouped(int(value or 0))


def percent(fraction: float) -> str:
    return f"{fraction * 100:.1f}".replace(".", ",") + " %"


def last_day(value) -> str:
    """The last local day something is valid on, as dd/mm/yyyy, from the instant it stops
    being valid (a voucher's expires_at is exclusive: 01/02 00:00 means through 31/01)."""
    if value is None or (hasattr(value, "ToDatetime") and not value.seconds and not value.nanos):
        return ""
    if hasattr(value, "ToDatetime"):
        value = value.ToDatetime(tzinfo=ZONE)
    return (value.astimezone(ZONE) - timedelta(microseconds=1)).strftime("%d/%m/%Y")


def day(value: str) -> str:
    """A "YYYY-MM-DD" date as dd/mm/yyyy, like every other date the console shows."""
    try:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    except ValueError:
        return value


def local_time(value) -> str:
    """A Timestamp (proto) or datetime, as dd/mm/yyyy HH:MM in the programme's zone."""
    if value is None:
        return ""
    if hasattr(value, "ToDatetime"):
        if not value.seconds and not value.nanos:
            return ""
        value = value.ToDatetime(tzinfo=ZONE)
    if isinstance(value, datetime):
        return value.astimezone(ZONE).strftime("%d/%m/%Y %H:%M")
    return str(value)
