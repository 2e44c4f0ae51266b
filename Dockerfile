# FastCI images, built from the project's jar: run `mvn -B -DskipTests package` first, then e.g.
#   docker build --target server -t fastci-server .
#   docker build --target worker -t fastci-worker .
# temporal-compose/docker-compose.yml builds both.
FROM eclipse-temurin:17-jre AS base
RUN useradd --system --home-dir /var/lib/fastci --create-home fastci
COPY app/target/fastci.jar /opt/fastci/fastci.jar
# Started like ./fastci: the JVM options of jvm.options, then FASTCI_JAVA_OPTS.
COPY jvm.options /opt/fastci/jvm.options
ENV FASTCI_DATA_DIR=/var/lib/fastci \
    MALLOC_ARENA_MAX=2
WORKDIR /var/lib/fastci

# The web UI, the HTTP API and the run store; jobs run on the workers.
FROM base AS server
USER fastci
ENV SERVER_ADDRESS=0.0.0.0 \
    FASTCI_WORKER_ENABLED=false
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec java $(grep -v '^#' /opt/fastci/jvm.options) ${FASTCI_JAVA_OPTS:-} -jar /opt/fastci/fastci.jar \"$0\" \"$@\"", "server"]

# A worker host: runs jobs on the Docker engine whose socket is mounted at /var/run/docker.sock.
# It runs as root to reach that socket; its data dir must be bind-mounted at the same path on the
# Docker host, because job containers mount pipeline dirs by their host path.
FROM base AS worker
ENTRYPOINT ["sh", "-c", "exec java $(grep -v '^#' /opt/fastci/jvm.options) ${FASTCI_JAVA_OPTS:-} -jar /opt/fastci/fastci.jar \"$0\" \"$@\"", "worker"]
