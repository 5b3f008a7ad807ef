# arb in a container: the daemon (`arb run`) as a non-root user, its records in a volume.
#   docker build -t arb .
#   docker run --rm -p 127.0.0.1:8742:8742 -v arb-data:/var/lib/arb arb          # bundled sample
# or, with a config and secrets: compose.yaml (docs/operations.md, "Container").
# Stages: web (npm: the dashboard's pinned chart library), build (Maven: the runnable jar),
# runtime (JRE only).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG MAVEN_IMAGE=maven:3.8.7-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-jammy

FROM ${NODE_IMAGE} AS web
WORKDIR /src/engine/daemon/web
COPY engine/daemon/web/package.json engine/daemon/web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM ${MAVEN_IMAGE} AS build
# The arb-daemon build runs engine/daemon/web/vendor.js with node (it copies the chart library
# into the jar); node comes from the web stage, with the node_modules it installed.
COPY --from=web /usr/local/bin/node /usr/local/bin/node
WORKDIR /src
COPY . .
COPY --from=web /src/engine/daemon/web/node_modules engine/daemon/web/node_modules
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true package -pl cli -am

FROM ${RUNTIME_IMAGE} AS runtime
RUN groupadd --system --gid 10001 arb \
    && useradd --system --uid 10001 --gid arb --home-dir /var/lib/arb --no-create-home \
       --shell /usr/sbin/nologin arb \
    && install -d -o arb -g arb -m 700 /var/lib/arb \
    && install -d -m 755 /etc/arb
COPY --from=build /src/cli/target/arb.jar /opt/arb/arb.jar
COPY scripts/docker/arb /usr/local/bin/arb
# Records (arb.db) and state in /var/lib/arb; the config, read-only, in /etc/arb (compose.yaml
# mounts it and sets ARB_CONFIG). Secrets only from the environment, never in the image.
ENV ARB_DATA_DIR=/var/lib/arb \
    ARB_HTTP_HOST=0.0.0.0 \
    ARB_HTTP_PORT=8742 \
    ARB_LOG_FORMAT=json \
    ARB_JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
VOLUME ["/var/lib/arb"]
EXPOSE 8742
USER arb:arb
WORKDIR /var/lib/arb
# /health answers 200 while running or paused and records are written, 503 otherwise; bash's
# /dev/tcp needs no HTTP client in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${ARB_HTTP_PORT:-8742} && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# arb stops cleanly on SIGTERM within arb.run.shutdown-timeout (20s): give it 30s
# (docker stop -t 30, compose stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/arb"]
CMD ["run"]
