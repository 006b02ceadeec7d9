"""gunicorn writes no access line: the app logs one line per request itself."""

from __future__ import annotations

import datetime
import logging
import types

from gunicorn.config import Config
from gunicorn.glogging import Logger

from gateway import gunicorn_conf


def _access_lines(logger_class) -> list[logging.LogRecord]:
    config = Config()
    config.set("logconfig_dict", gunicorn_conf.logconfig_dict)
    logger = logger_class(config)
    caught: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = caught.append
    logger.access_log.addHandler(handler)
    try:
        response = types.SimpleNamespace(status="200 OK", response_length=2, sent=2, headers=[])
        request = types.SimpleNamespace(headers=[], method="GET", path="/", query="", uri="/")
        environ = {"REQUEST_METHOD": "GET", "RAW_URI": "/", "SERVER_PROTOCOL": "HTTP/1.1"}
        logger.access(response, request, environ, datetime.timedelta(milliseconds=3))
    finally:
        logger.access_log.removeHandler(handler)
    return caught


def test_the_gateway_logger_writes_no_access_line_where_gunicorns_own_would():
    assert gunicorn_conf.logger_class is gunicorn_conf.AppLogsRequests
    assert _access_lines(Logger)  # with the JSON handler configured, gunicorn's would log
    assert _access_lines(gunicorn_conf.AppLogsRequests) == []
