"""python -m services.points: run the points service until SIGTERM."""

from common.service import run_service
from services.points.bootstrap import bootstrap
from services.points.config import PointsSettings

if __name__ == "__main__":
    raise SystemExit(run_service("points", PointsSettings, bootstrap))
