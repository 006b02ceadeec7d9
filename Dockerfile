# One image for the whole suite; each process is one command (see k8s/ and
# docker-compose.yml):
#   python -m services.points | services.members | services.notifications
#   gunicorn -c python:gateway.gunicorn_conf 'gateway.app:create_app()'
#   loyalty job NAME
# Runs as a non-root user on a read-only root filesystem (no .pyc written at run time;
# gunicorn's metrics and temp files go to /tmp, an emptyDir/tmpfs).

# --- build: regenerate the contracts' code and install the pinned dependencies --------
FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml requirements.lock README.md ./
COPY proto ./proto
COPY common ./common
COPY services ./services
COPY gateway ./gateway
COPY cli ./cli
COPY gen ./gen
# The generated code is rebuilt from proto/ so the image never ships stale stubs.
RUN python -m venv /opt/tools \
 && /opt/tools/bin/pip install -c requirements.lock grpcio-tools \
 && /opt/tools/bin/python proto/generate.py
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install -c requirements.lock . \
 && /opt/venv/bin/python -m compileall -q /opt/venv/lib

# --- app: the venv and nothing else ------------------------------------------------------
FROM python:3.11-slim AS app
RUN groupadd --gid 10001 loyalty && useradd --uid 10001 --gid loyalty --no-create-home loyalty
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER 10001:10001
EXPOSE 8080 8081 50051 50052 50053 9101 9102 9103
# The default process is the gateway; each service's manifest names its own command.
CMD ["gunicorn", "-c", "python:gateway.gunicorn_conf", "gateway.app:create_app()"]

# --- load: the runtime plus Locust and the load scenarios (docker compose --profile load)
FROM app AS load
USER root
RUN /opt/venv/bin/pip install --no-cache-dir locust==2.47.0
COPY tests/load /load
USER 10001:10001
ENTRYPOINT ["locust", "-f", "/load/locustfile.py"]

# --- runtime (the default target): the app image ------------------------------------------
FROM app AS runtime
