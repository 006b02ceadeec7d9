"""/v1/admin/imports: bulk imports (issue #22) of members with opening balances and tiers,
voucher codes from another system, and partners' stores (loyalty.members.v1.ImportsService).

The file is parsed where it enters (`loyalty import` reads the CSV); here the rows come as
JSON pages: POST the import, POST its rows (numbered, up to 1,000 a page and within the
256 KiB a request body may be; a page sent again changes nothing), POST start, then GET the
import (its state and counts: the progress resource) and its errors (row, field, reason).
Creating, feeding, starting and stopping an import need an admin (it can credit points to
thousands of members at once); reading its progress a viewer."""

from __future__ import annotations

from flask import Blueprint

from gateway.api import Route

blueprint = Blueprint("imports", __name__)
IMPORTS = "loyalty.members.v1.ImportsService"
ONE = "/v1/admin/imports/<import_id>"


def _staff(method, path, summary, rpc, role="viewer", **options) -> Route:
    return Route(
        method, path, summary, "staff", "members", f"{IMPORTS}/{rpc}", role=role, **options
    )


ROUTES = [
    _staff(
        "POST", "/v1/admin/imports", "Create a bulk import", "CreateImport", "admin", status=201
    ),
    _staff("POST", f"{ONE}/rows", "Add a page of an import's rows", "AddImportRows", "admin"),
    _staff("POST", f"{ONE}/start", "Start (or resume) an import", "StartImport", "admin"),
    _staff("POST", f"{ONE}/stop", "Stop a running import", "StopImport", "admin"),
    _staff("GET", ONE, "An import's state and progress", "GetImport"),
    _staff(
        "GET",
        f"{ONE}/errors",
        "An import's errors by row",
        "ListImportErrors",
        query=("page.page_size", "page.cursor"),
    ),
]
