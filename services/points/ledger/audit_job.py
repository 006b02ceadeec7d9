"""python -m services.points.ledger.audit_job: the whole-ledger audit as a job of its own,
for the audit CronJob.

The points service's own code, reading the points service's own database (MONGODB_URI,
MONGODB_DB as the service reads them) in this process: the accounts a batch at a time
with running totals (Reports.audit), so the job's memory stays the same whatever the
number of accounts, and neither a points pod nor a gRPC call carries the audit. (A call
cannot: the services close a connection GRPC_MAX_CONNECTION_AGE_SECONDS after it opened,
plus 10 s of grace for the calls on it, which `loyalty audit`'s one Audit call over a
large ledger outlives.)

Prints the report `loyalty audit` prints (the AuditResponse as JSON: the same figures
and drifts), on one line; exit 0 when clean, 1 on any drift (or an error: the store
unreachable, ...), 2 on a configuration error.
"""

from __future__ import annotations

import dataclasses
import sys

from google.protobuf import json_format

from common import clock, logs
from common.service import load_settings_or_exit
from common.settings import ProcessSettings, database_var, mongodb_uri, var
from services.points.ledger.reports import Reports
from services.points.ledger.servicer import audit_reply
from services.points.ledger.store import LedgerStore, audit_database


@dataclasses.dataclass(frozen=True)
class AuditSettings(ProcessSettings):
    mongodb_uri: str = var(
        "MONGODB_URI", mongodb_uri, "", "The points service's MongoDB connection string"
    )
    mongodb_db: str = database_var("loyalty_points")


def main() -> int:
    settings = load_settings_or_exit("points-audit", AuditSettings)
    logs.configure("points-audit", settings.log_level)
    clock.use_offset(settings.clock_offset)
    if not settings.mongodb_uri:
        sys.stderr.write("points-audit: invalid configuration: MONGODB_URI is required\n")
        return 2
    db = audit_database(settings.mongodb_uri, settings.mongodb_db)
    try:
        started = clock.now()
        result = Reports(LedgerStore(db)).audit([])
        reply = audit_reply(result, started, clock.now())
    finally:
        db.client.close()
    # One line, after any log line (logs go to stdout too, as JSON lines).
    report = json_format.MessageToJson(
        reply, always_print_fields_with_no_presence=True, indent=None
    )
    print(report)
    return 0 if reply.clean else 1


if __name__ == "__main__":
    raise SystemExit(main())
