"""python -m services.notifications: run the notifications service until SIGTERM;
`... migrate`: create its indexes (and what else is done once per deployment) and exit."""

import sys

from common.service import main
from services.notifications.bootstrap import bootstrap
from services.notifications.config import NotificationsSettings

if __name__ == "__main__":
    raise SystemExit(main("notifications", NotificationsSettings, bootstrap, sys.argv[1:]))
