"""/v1/openapi.json (the contract) and /v1/docs (interactive docs that read it: Swagger UI,
vendored under gateway/static/ and served by the gateway, so the page works offline and
loads nothing from another host). /v1/docs?view=routes is the plain route table, for a
terminal or a browser without scripts."""

from __future__ import annotations

import html
import json

from flask import Blueprint, Flask, Response, current_app, request, url_for

from gateway.openapi import document

blueprint = Blueprint("docs", __name__)


def _document_text(app: Flask) -> str:
    """The document as JSON, built once per app (its routes are fixed when it starts)."""
    if "openapi_text" not in app.extensions:
        app.extensions["openapi_text"] = json.dumps(
            document(app.extensions["api"]), ensure_ascii=False, separators=(",", ":")
        )
    return app.extensions["openapi_text"]


@blueprint.get("/v1/openapi.json")
def openapi():
    return Response(_document_text(current_app), mimetype="application/json")


@blueprint.get("/v1/docs")
def docs():
    if request.args.get("view") == "routes":
        return _route_table()
    spec = html.escape(url_for("docs.openapi"))
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>Loyalty Suite API</title>"
        f"<link rel='stylesheet' href='{_asset('swagger-ui/swagger-ui.css')}'>"
        f"<link rel='icon' type='image/png' href='{_asset('swagger-ui/favicon-32x32.png')}'>"
        "</head><body>"
        "<noscript><p>The interactive docs need scripts: read "
        f"<a href='{spec}'>the OpenAPI document</a> or "
        "<a href='?view=routes'>the route table</a>.</p></noscript>"
        f"<div id='swagger-ui' data-spec='{spec}'></div>"
        f"<script src='{_asset('swagger-ui/swagger-ui-bundle.js')}'></script>"
        f"<script src='{_asset('api-docs.js')}'></script>"
        "</body></html>"
    )
    return Response(page, mimetype="text/html")


def _asset(name: str) -> str:
    return html.escape(url_for("static", filename=name))


def _route_table() -> Response:
    spec = json.loads(_document_text(current_app))
    rows = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            responses = ", ".join(sorted(operation["responses"]))
            rows.append(
                f"<tr><td><b>{method.upper()}</b></td><td><code>{html.escape(path)}</code></td>"
                f"<td>{html.escape(operation['summary'])}</td>"
                f"<td>{html.escape(', '.join(operation['tags']))}</td><td>{responses}</td></tr>"
            )
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Loyalty Suite API: routes</title>"
        "<style>body{font-family:sans-serif;margin:2em}td{padding:4px 8px;"
        "border-bottom:1px solid #ddd;vertical-align:top}</style></head><body>"
        f"<h1>{html.escape(spec['info']['title'])} {spec['info']['version']}</h1>"
        f"<p>{html.escape(spec['info']['description'])}</p>"
        "<p>The whole contract, with every request and response schema: "
        f"<a href='{html.escape(url_for('docs.openapi'))}'>/v1/openapi.json</a>; "
        f"interactive: <a href='{html.escape(url_for('docs.docs'))}'>/v1/docs</a>.</p>"
        "<table><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th><th>Answers</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
    return Response(page, mimetype="text/html")
