"""python -m services.points: run the points service until SIGTERM; `... migrate`: create
its indexes (and what else is done once per deployment) and exit."""

import sys

from common.service import main
from services.points.bootstrap import bootstrap
from services.points.config import PointsSettings

if __name__ == "__main__":
    raise SystemExit(main("points", PointsSettings, bootstrap, sys.argv[1:]))
