"""/v1/openapi.json (the contract) and /v1/docs (a page that reads it, with no script or
style from anywhere else, so it works offline)."""

from __future__ import annotations

import html

from flask import Blueprint, Response, current_app, jsonify

from gateway.openapi import document

blueprint = Blueprint("docs", __name__)


@blueprint.get("/v1/openapi.json")
def openapi():
    return jsonify(document(current_app.extensions["api"]))


@blueprint.get("/v1/docs")
def docs():
    spec = document(current_app.extensions["api"])
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
        "<!doctype html><html><head><meta charset='utf-8'><title>Loyalty Suite API</title>"
        "<style>body{font-family:sans-serif;margin:2em}td{padding:4px 8px;"
        "border-bottom:1px solid #ddd;vertical-align:top}</style></head><body>"
        f"<h1>{html.escape(spec['info']['title'])} {spec['info']['version']}</h1>"
        f"<p>{html.escape(spec['info']['description'])}</p>"
        "<p>The whole contract, with every request and response schema: "
        "<a href='/v1/openapi.json'>/v1/openapi.json</a>.</p>"
        "<table><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th><th>Answers</th></tr>"
        + "".join(rows)
        + "</table></body></html>"
    )
    return Response(page, mimetype="text/html")
