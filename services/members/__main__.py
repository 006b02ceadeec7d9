"""python -m services.members: run the members service until SIGTERM; `... migrate`: create
its indexes (and what else is done once per deployment) and exit."""

import sys

from common.service import main
from services.members.bootstrap import bootstrap
from services.members.config import MembersSettings

if __name__ == "__main__":
    raise SystemExit(main("members", MembersSettings, bootstrap, sys.argv[1:]))
