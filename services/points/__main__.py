"""python -m services.points: run the points service until SIGTERM."""

from common.service import run_service
from services.points.config import PointsSettings
from services.points.server import registrations

if __name__ == "__main__":
    raise SystemExit(run_service("points", PointsSettings, registrations))
