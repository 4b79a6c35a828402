# syntax=docker/dockerfile:1

# ---- build ------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build

# Wrapper and POM first: the Maven download and dependency cache survive source edits.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw

COPY schemas schemas
COPY src src
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package \
 && cp target/studytracker-*.jar /build/app.jar

# ---- run --------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre

# curl for the HEALTHCHECK (installed explicitly: not every eclipse-temurin JRE variant ships it).
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system studytracker \
 && useradd --system --gid studytracker --home-dir /app --shell /usr/sbin/nologin studytracker

WORKDIR /app
COPY --from=build --chown=studytracker:studytracker /build/app.jar /app/app.jar
USER studytracker

# A JVM out of memory exits (and is restarted) instead of limping on with failing threads.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1

ENTRYPOINT ["java", "-jar", "/app/app.jar"]
