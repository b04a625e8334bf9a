# Jobdeck container image.
#   docker build -t jobdeck .
#   docker run -p 8080:8080 -v jobdeck-data:/data --stop-timeout 60 jobdeck
# The demo jobs are off in the image (add -e JOBDECK_DEMO_ENABLED=true to see them).
# Jobs as code: mount a definitions file or folder and point Jobdeck at it; it is applied at every start (merge mode;
# -e JOBDECK_JOBS_DEFINITIONSMODE=replace also deletes what it lacks), and secrets it refers to come from the environment:
#   docker run -p 8080:8080 -v jobdeck-data:/data -v ./jobs:/etc/jobdeck/jobs:ro \
#     -e JOBDECK_JOBS_DEFINITIONS=file:/etc/jobdeck/jobs -e REPORTS_NIGHTLY_AUTHORIZATION='Bearer …' jobdeck
# Stopping drains: up to 10 s for open requests, then up to jobdeck.scheduler.shutdown-timeout (30 s) for running
# jobs, so give `docker stop` (default 10 s before SIGKILL) at least 60 s: --stop-timeout 60 or `docker stop -t 60`.

# ---- build stage: the same wrapper and command as local builds ----
FROM eclipse-temurin:25-jdk AS build
# The build installs Node 24 for Vaadin's frontend bundle from the npm registry with whatever npm is on PATH
# (decision 0027): the distribution's npm is enough.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY frontend frontend
COPY src src
RUN chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- runtime stage ----
FROM eclipse-temurin:25-jre
# The JRE image has no HTTP client for the health check: add curl, then drop the apt lists.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system jobdeck \
 && useradd --system --gid jobdeck --home-dir /app --no-create-home --shell /usr/sbin/nologin jobdeck \
 && mkdir -p /app /data /etc/jobdeck/jobs \
 && chown jobdeck:jobdeck /data
WORKDIR /app
COPY --from=build /build/target/jobdeck-*.jar /app/jobdeck.jar
ENV JOBDECK_DATA_DIR=/data \
    JOBDECK_DEMO_ENABLED=false
# Declared after the chown so a new volume starts owned by jobdeck.
VOLUME /data
USER jobdeck
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["java", "-jar", "/app/jobdeck.jar"]
