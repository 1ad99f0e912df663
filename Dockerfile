# Runtime image for Signet. It copies the jar that Maven built on the host (a build stage cannot
# reach Maven Central from inside a container here):
#   ./mvnw -B package -DskipTests && docker build -t signet:local .
# BASE_IMAGE must be a JRE 17+ image with useradd; CI passes one it built from Debian packages.
ARG BASE_IMAGE=eclipse-temurin:17-jre

# Spring Boot's layered extraction: libraries change rarely, the application jar on every commit,
# so a rebuild only ships the last layer. Without --launcher the result runs with `java -jar`.
FROM ${BASE_IMAGE} AS extract
WORKDIR /build
COPY target/signet.jar signet.jar
RUN java -Djarmode=tools -jar signet.jar extract --layers --destination extracted

FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="Signet" \
      org.opencontainers.image.description="Self-hosted signing service for Cloudinary uploads"
# A numeric user, so that Kubernetes runAsNonRoot can verify it without reading /etc/passwd.
RUN groupadd --system --gid 1001 signet \
    && useradd --system --uid 1001 --gid 1001 --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin signet
WORKDIR /app
# Owned by root and not writable by the app: it cannot change its own code. Only /tmp is written
# (Tomcat's work directory), so the root file system can be mounted read-only.
COPY --from=extract /build/extracted/dependencies/ ./
COPY --from=extract /build/extracted/spring-boot-loader/ ./
COPY --from=extract /build/extracted/snapshot-dependencies/ ./
COPY --from=extract /build/extracted/application/ ./
USER 1001:1001
EXPOSE 8080
# A JRE image has no curl: a JDK-only class in the application jar checks /readyz on SERVER_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-XX:-UsePerfData", \
         "-cp", "/app/signet.jar", "dev.signet.deploy.ReadinessCheck"]
# Exec form: java is PID 1 and gets SIGTERM, so Spring Boot shuts down gracefully. The heap follows
# the container's memory limit; an OutOfMemoryError ends the process so the orchestrator restarts it.
# Add JVM options with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/signet.jar"]
