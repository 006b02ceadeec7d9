"""Settings of the points service, from environment variables."""

import dataclasses

from common.settings import (
    ServiceSettings,
    SettingsError,
    address_var,
    database_var,
    grpc_port_var,
    metrics_port_var,
    text,
    var,
)
from services.points.partners.domain import KEY, parse_key
from services.points.staff.domain import email_problem, normal_email, password_problem


@dataclasses.dataclass(frozen=True)
class PointsSettings(ServiceSettings):
    grpc_port: int = grpc_port_var("50051")
    metrics_port: int = metrics_port_var("9101")
    mongodb_db: str = database_var("loyalty_points")
    members_addr: str = address_var(
        "MEMBERS_ADDR", "members", "127.0.0.1:50052", "tier ladder, segments, birthdays for rules"
    )
    bootstrap_admin_key: str = var(
        "BOOTSTRAP_ADMIN_KEY",
        text,
        "",
        "An admin API key (lsk_<id>_<secret>) made valid at start, to create the others "
        "(a secret; a malformed one is refused)",
        production_required=True,
    )
    presence_secret: str = var(
        "PRESENCE_SECRET",
        text,
        "dev-only-presence-secret",  # refused in production (production_required)
        "Signs the presence codes members show at tills (a secret; every replica the same)",
        production_required=True,
    )
    bootstrap_staff_email: str = var(
        "BOOTSTRAP_STAFF_EMAIL",
        text,
        "",
        "E-mail of the console's first admin, made at the first start with "
        "BOOTSTRAP_STAFF_PASSWORD (empty = none; later starts change nothing)",
    )
    bootstrap_staff_password: str = var(
        "BOOTSTRAP_STAFF_PASSWORD",
        text,
        "",
        "Password of that first admin, 12..200 characters (a secret; change it after signing in)",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_bootstrap_staff()
        # Partners.bootstrap would skip a malformed key, leaving an installation with no
        # admin: refuse it here instead. The value is a secret, so the message omits it.
        if self.bootstrap_admin_key and parse_key(self.bootstrap_admin_key) is None:
            pattern = KEY.pattern.removesuffix(r"\Z")
            raise SettingsError(
                "BOOTSTRAP_ADMIN_KEY is malformed (value not shown, a secret): expected "
                f"lsk_<id>_<secret>, the whole key matching {pattern}"
            )

    def _check_bootstrap_staff(self) -> None:
        email, password = self.bootstrap_staff_email, self.bootstrap_staff_password
        if bool(email) != bool(password):
            raise SettingsError(
                "BOOTSTRAP_STAFF_EMAIL and BOOTSTRAP_STAFF_PASSWORD go together: set both "
                "or neither"
            )
        if email and (problem := email_problem(normal_email(email))):
            raise SettingsError(f"BOOTSTRAP_STAFF_EMAIL {problem}")
        if password and (problem := password_problem(password)):
            raise SettingsError(f"BOOTSTRAP_STAFF_PASSWORD (value not shown, a secret) {problem}")
