# syntax=docker/dockerfile:1
# Not built on the machine this was written on (no Docker there): see README, "The image".

# Base images pinned by full Temurin version tag (17.0.15+6 on Ubuntu 24.04 "noble"). No digest is given
# because none could be checked here; pin one in CI with `docker buildx imagetools inspect <image>`.
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble

# ---- build ------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS build
WORKDIR /build

# Wrapper and POM first: the Maven download and dependency cache survive source edits.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw

COPY schemas schemas
COPY src src
# Layered extraction (Boot 4 tools jar mode): dependencies change rarely, the application often.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package \
 && cp target/studytracker-*.jar /build/app.jar \
 && java -Djarmode=tools -jar /build/app.jar extract --layers --launcher --destination /build/extracted

# ---- run --------------------------------------------------------------------------------------
FROM ${JRE_IMAGE}

# curl for the HEALTHCHECK (installed explicitly: not every eclipse-temurin JRE variant ships it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 studytracker \
 && useradd --system --uid 10001 --gid studytracker --home-dir /app --shell /usr/sbin/nologin studytracker

WORKDIR /app
# One image layer per Boot layer, least often changed first.
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# Non-root, numeric so Kubernetes' runAsNonRoot can verify it; the files stay root-owned and read-only to it.
USER 10001:10001

# A JVM out of memory exits (and is restarted) instead of limping on with failing threads.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: the service; 8081: Actuator (health, info, prometheus).
EXPOSE 8080 8081

# Ready = database, broker and listeners (management port, see application.yml).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:${MANAGEMENT_PORT:-8081}/actuator/health/readiness || exit 1

ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
