"""python -m services.notifications: run the notifications service until SIGTERM."""

from common.service import run_service
from services.notifications.bootstrap import bootstrap
from services.notifications.config import NotificationsSettings

if __name__ == "__main__":
    raise SystemExit(run_service("notifications", NotificationsSettings, bootstrap))
