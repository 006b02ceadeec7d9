"""python -m services.members: run the members service until SIGTERM."""

from common.service import run_service
from services.members.bootstrap import bootstrap
from services.members.config import MembersSettings

if __name__ == "__main__":
    raise SystemExit(run_service("members", MembersSettings, bootstrap))
