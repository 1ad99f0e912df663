# Runtime image for Signet. It copies the jar that Maven built on the host (a build stage cannot
# reach Maven Central from inside a container here):
#   ./mvnw -B package -DskipTests && docker build -t signet:local .
# BASE_IMAGE must be a Java 25+ image (the AOT cache below needs it) with useradd; CI passes one it
# built from Debian packages and the Temurin 25 JDK of the machine.
ARG BASE_IMAGE=eclipse-temurin:25-jre

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
# Java's AOT cache (JEP 483/514/515): the classes Signet loads and links up to a refreshed context, and
# their JIT profiles, recorded by one training run with throwaway settings (no real secret; the JVM
# options must match the ENTRYPOINT's). It halves the time to ready (see
# docs/performance.md). If a JVM option given later makes the cache unusable, Java starts without it.
RUN CLOUDINARY_URL=cloudinary://000000000000000:aot-training-only@aot-training \
    SIGNET_API_KEYS=aot-training:aot-training-only-key SIGNET_CONFIG_TREE=/nonexistent/ \
    java -XX:AOTCacheOutput=/app/signet.aot -XX:+UseParallelGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError \
         -Dspring.context.exit=onRefresh -jar /app/signet.jar >/tmp/aot-training.log 2>&1 \
    || { tail -40 /tmp/aot-training.log; exit 1; }; \
    rm -rf /tmp/* && chmod 644 /app/signet.aot
USER 1001:1001
EXPOSE 8080
# A JRE image has no curl: a JDK-only class in the application jar checks /readyz on SERVER_PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-XX:-UsePerfData", \
         "-cp", "/app/signet.jar", "dev.signet.deploy.ReadinessCheck"]
# Exec form: java is PID 1 and gets SIGTERM, so Spring Boot shuts down gracefully. The heap is half the
# container's memory limit (the other half is metaspace, code, the AOT cache and thread stacks: 75%
# left too little at 512Mi); an OutOfMemoryError ends the process so the orchestrator restarts it.
# The parallel collector, named here and in the training above so that the AOT cache stays valid: under
# load its young collections pause about half as long as the serial collector's (which Java would pick
# by itself under a 512Mi limit), for 1.19x the signatures per second at 0.88 of the CPU each and the
# same RSS (docs/performance.md); G1 measured slower than both.
# Add JVM options with JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:AOTCache=/app/signet.aot", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=50", \
            "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/signet.jar"]
