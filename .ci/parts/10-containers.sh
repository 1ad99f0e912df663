# Containers for the deployment tests (sourced by .ci/run with set -euo pipefail).
#
# Installs the Docker engine, docker-compose, debootstrap and yamllint, starts dockerd when no engine
# answers, builds the local base images (no registry can be reached: eclipse-temurin:17-jre and
# redis:7.2 are stand-ins built from Debian packages), packages the jar and builds the Signet image.
# Exports what the tests in src/test/java/dev/signet/deploy read. An EXIT trap removes the containers
# the tests left and stops the dockerd this script started (never one it found running).
# yamllint and docker-compose are run by the JUnit tests (HelmChartTests, ComposeTests).

signet_ci_work=${SIGNET_CI_WORK:-/tmp/signet-ci}
signet_ci_dockerd_pid=""
signet_ci_previous_trap=""

signet_ci_cleanup() {
  local rc=$?
  if docker version >/dev/null 2>&1; then
    docker ps -aq --filter label=org.testcontainers=true | xargs -r docker rm -f >/dev/null || true
    local project
    for project in $(docker ps -a --format '{{.Label "com.docker.compose.project"}}' | grep '^signetci' | sort -u); do
      docker ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r docker rm -f >/dev/null || true
      docker network ls -q --filter "label=com.docker.compose.project=$project" | xargs -r docker network rm >/dev/null || true
    done
  fi
  if [ -n "$signet_ci_dockerd_pid" ]; then
    echo "== .ci: stopping the dockerd started for the tests (pid $signet_ci_dockerd_pid)"
    kill "$signet_ci_dockerd_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$signet_ci_dockerd_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  if [ -n "$signet_ci_previous_trap" ]; then eval "$signet_ci_previous_trap" || true; fi
  return "$rc"
}

signet_ci_containers() {
  local t0 step
  t0=$(date +%s)
  step=$t0
  mkdir -p "$signet_ci_work"
  signet_ci_lap() { echo "== .ci: containers: $1 in $(( $(date +%s) - step )) s"; step=$(date +%s); }

  local pkg missing=()
  for pkg in docker.io docker-compose debootstrap yamllint; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq
    apt-get install -y -qq -o DPkg::Lock::Timeout=300 "${missing[@]}" >"$signet_ci_work/apt.log" 2>&1 \
      || { tail -20 "$signet_ci_work/apt.log"; return 1; }
  fi
  signet_ci_lap "packages"

  export DOCKER_HOST=unix:///var/run/docker.sock
  if ! docker version >/dev/null 2>&1; then
    nohup dockerd --host="$DOCKER_HOST" >"$signet_ci_work/dockerd.log" 2>&1 &
    signet_ci_dockerd_pid=$!
    local _
    for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
    docker version >/dev/null || { tail -20 "$signet_ci_work/dockerd.log"; return 1; }
  fi
  # Chains an EXIT trap set before this part; a later part that sets its own must chain this one.
  signet_ci_previous_trap=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
  trap signet_ci_cleanup EXIT
  signet_ci_lap "docker engine"

  # Base image: a Debian bookworm root file system with a JRE 17 (and redis-server for the Redis image).
  if ! docker image inspect eclipse-temurin:17-jre >/dev/null 2>&1; then
    rm -rf "$signet_ci_work/rootfs"
    debootstrap --variant=minbase --include=openjdk-17-jre-headless,redis-server,ca-certificates \
      bookworm "$signet_ci_work/rootfs" >"$signet_ci_work/debootstrap.log" 2>&1 \
      || { tail -20 "$signet_ci_work/debootstrap.log"; return 1; }
    rm -rf "$signet_ci_work"/rootfs/var/cache/apt/archives/*.deb "$signet_ci_work"/rootfs/var/lib/apt/lists/*
    tar -C "$signet_ci_work/rootfs" -c . | docker import --change 'CMD ["/bin/bash"]' - eclipse-temurin:17-jre >/dev/null
    rm -rf "$signet_ci_work/rootfs"
  fi
  if ! docker image inspect redis:7.2 >/dev/null 2>&1; then
    mkdir -p "$signet_ci_work/redis"
    printf '%s\n' 'FROM eclipse-temurin:17-jre' 'USER redis' 'EXPOSE 6379' \
      'CMD ["redis-server","--protected-mode","no","--bind","0.0.0.0","--save","","--appendonly","no"]' \
      >"$signet_ci_work/redis/Dockerfile"
    DOCKER_BUILDKIT=0 docker build -q -t redis:7.2 "$signet_ci_work/redis" >/dev/null
  fi
  # Java 25 base for Signet's image (its AOT cache needs Java 25): the Debian base with the machine's
  # Temurin 25 JDK under /opt/java/openjdk, where eclipse-temurin images keep it.
  if ! docker image inspect eclipse-temurin:25-jre >/dev/null 2>&1; then
    local jdk25
    jdk25=$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -1)
    [ -n "$jdk25" ] || { echo "== .ci: no Temurin 25 JDK under /usr/lib/jvm for the Signet base image"; return 1; }
    rm -rf "$signet_ci_work/java25" && mkdir -p "$signet_ci_work/java25"
    cp -a "$jdk25" "$signet_ci_work/java25/jdk"
    printf '%s\n' 'FROM eclipse-temurin:17-jre' 'COPY jdk /opt/java/openjdk' \
      'ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      >"$signet_ci_work/java25/Dockerfile"
    DOCKER_BUILDKIT=0 docker build -q -t eclipse-temurin:25-jre "$signet_ci_work/java25" >/dev/null
    rm -rf "$signet_ci_work/java25"
  fi
  signet_ci_lap "base images"

  ./mvnw -B -q package -DskipTests
  signet_ci_lap "jar"

  export SIGNET_IMAGE=signet:ci
  # The legacy builder (the docker CLI here has no buildx); it leaves the extract stage dangling.
  DOCKER_BUILDKIT=0 docker build -q --build-arg BASE_IMAGE=eclipse-temurin:25-jre -t "$SIGNET_IMAGE" . >/dev/null
  docker image prune -f >/dev/null
  signet_ci_lap "Signet image $SIGNET_IMAGE"

  # Read by the tests: no Ryuk (it cannot be pulled), no pulls, talk to mapped ports on loopback only.
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
  export SIGNET_REDIS_IMAGE=redis:7.2
  echo "== .ci: containers: ready in $(( $(date +%s) - t0 )) s (SIGNET_IMAGE=$SIGNET_IMAGE)"
}

signet_ci_containers
