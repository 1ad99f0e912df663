package dev.signet.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.exception.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool outside the JVM that some tests need, as {@code .ci/run} provides it. Tests name
 * what they need with {@link Needs @Needs}; each tool knows how to find itself, what is
 * missing when it is not there and how {@code .ci/run} (or a developer) gets it. What a
 * tool found is looked up once per test JVM.
 *
 * @author Signet developers
 */
public enum Tool {

	/** A Docker engine that Testcontainers reaches. */
	DOCKER("a Docker engine",
			".ci/parts/10-containers.sh installs the Docker engine and starts dockerd; elsewhere start Docker") {
		@Override
		String locate() throws Absent {
			if (ci() && !"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
				// Ryuk cannot be pulled in CI; each attempt hangs for minutes.
				throw new Absent("TESTCONTAINERS_RYUK_DISABLED is not true (the build's Surefire settings set it)");
			}
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				throw new Absent("no Docker engine answers");
			}
			return "docker";
		}
	},

	/**
	 * The CycloneDX SBOM the build put in {@code target/classes}
	 * ({@code META-INF/sbom/application.cdx.json}). The cyclonedx-maven-plugin requires
	 * Maven's online mode, so an {@code -o} build skips it and keeps the last one made.
	 */
	BUILT_SBOM("the SBOM of the build",
			".ci/run's ./mvnw -B verify makes it (the cyclonedx-maven-plugin runs only online); after an offline "
					+ "build run ./mvnw -B generate-resources once without -o") {
		@Override
		String locate() throws Absent {
			if (Tool.class.getClassLoader().getResource("META-INF/sbom/application.cdx.json") == null) {
				throw new Absent("target/classes/META-INF/sbom/application.cdx.json is missing (an offline build "
						+ "skips the cyclonedx-maven-plugin)");
			}
			return "META-INF/sbom/application.cdx.json";
		}
	},

	/**
	 * The Signet image built from this checkout: {@code SIGNET_IMAGE}, else
	 * {@code signet:local} (never pulled). Needs {@link #DOCKER}.
	 */
	SIGNET_IMAGE("the Signet image",
			".ci/parts/10-containers.sh builds it and exports SIGNET_IMAGE; elsewhere build it: "
					+ "./mvnw -B package -DskipTests && docker build -t signet:local .") {
		@Override
		String locate() throws Absent {
			require(DOCKER);
			String image = System.getenv("SIGNET_IMAGE");
			if (ci() && (image == null || image.isBlank())) {
				throw new Absent("SIGNET_IMAGE is not set");
			}
			String name = (image != null && !image.isBlank()) ? image : "signet:local";
			requireImage(name);
			return name;
		}
	},

	/**
	 * The locally built {@code redis:7.2} image (never pulled). Needs {@link #DOCKER}.
	 */
	REDIS_IMAGE("the redis:7.2 image",
			".ci/parts/10-containers.sh builds redis:7.2 from Debian packages; elsewhere build or pull redis:7.2") {
		@Override
		String locate() throws Absent {
			require(DOCKER);
			requireImage("redis:7.2");
			return "redis:7.2";
		}
	},

	/**
	 * A compose command: {@code docker-compose} (what CI installs), else, outside CI,
	 * {@code docker compose}. Its location is the command's words separated by spaces.
	 */
	DOCKER_COMPOSE("docker-compose",
			".ci/parts/10-containers.sh installs docker-compose; elsewhere apt-get install docker-compose "
					+ "(or the docker compose plugin)") {
		@Override
		String locate() throws Absent {
			Path composeV1 = onPath("docker-compose");
			if (composeV1 != null) {
				return composeV1.toString();
			}
			Path docker = onPath("docker");
			if (!ci() && docker != null && runs(docker.toString(), "compose", "version")) {
				return docker + " compose";
			}
			throw new Absent("docker-compose is not on the PATH");
		}
	},

	/** {@code yamllint} on the PATH. */
	YAMLLINT("yamllint",
			".ci/parts/10-containers.sh installs it; elsewhere apt-get install yamllint (or pip install yamllint)") {
		@Override
		String locate() throws Absent {
			return command("yamllint");
		}
	},

	/** Prometheus' {@code promtool} on the PATH (Debian's {@code prometheus} package). */
	PROMTOOL("promtool", ".ci/parts/35-promtool.sh installs Debian's prometheus package; elsewhere "
			+ "apt-get install --no-install-recommends prometheus") {
		@Override
		String locate() throws Absent {
			return command("promtool");
		}
	},

	/**
	 * A Redis to talk to: {@code SIGNET_TEST_REDIS_URL} when it answers PING, else a
	 * {@code redis-server} that {@link RedisServers#sharedUrl()} starts. Its location is
	 * the URL, or the binary when no URL is set.
	 */
	REDIS("a Redis",
			".ci/parts/20-redis.sh installs redis-server, starts one on 127.0.0.1:6390 and exports "
					+ "SIGNET_TEST_REDIS_URL; elsewhere apt-get install redis-server (or unset a SIGNET_TEST_REDIS_URL "
					+ "that does not answer)") {
		@Override
		String locate() throws Absent {
			String url = System.getenv("SIGNET_TEST_REDIS_URL");
			if (url != null && !url.isBlank()) {
				if (!RedisServers.ping(RedisServers.port(url))) {
					throw new Absent("SIGNET_TEST_REDIS_URL=" + url + " does not answer PING");
				}
				return url;
			}
			return require(REDIS_SERVER);
		}
	},

	/** A {@code redis-server} binary, for tests that start, kill and restart Redis. */
	REDIS_SERVER("redis-server", ".ci/parts/20-redis.sh installs it; elsewhere apt-get install redis-server") {
		@Override
		String locate() throws Absent {
			for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
				if (Files.isExecutable(Path.of(candidate))) {
					return candidate;
				}
			}
			throw new Absent("redis-server is not installed in /usr/bin or /usr/local/bin");
		}
	},

	/** Node.js: {@code SIGNET_NODE}, or {@code node} on the PATH. */
	NODE("Node.js", "the machine that runs .ci/run has Node.js and .ci/parts/30-clients.sh exports SIGNET_NODE; "
			+ "elsewhere install Node.js or set SIGNET_NODE (docs/clients.md#tests)") {
		@Override
		String locate() throws Absent {
			String node = env("SIGNET_NODE", "node");
			if (!runs(node, "--version")) {
				throw new Absent("Node.js (" + node + ") is not installed");
			}
			return node;
		}
	},

	/**
	 * The npm packages of {@code src/test/node/package.json}, installed there. Its
	 * location is that folder. Needs {@link #NODE}.
	 */
	NODE_PACKAGES("the npm packages of src/test/node",
			".ci/parts/30-clients.sh runs npm ci there; elsewhere run npm ci --prefix src/test/node") {
		@Override
		String locate() throws Absent {
			require(NODE);
			Path dir = projectDir().resolve("src/test/node");
			JsonNode dependencies;
			try {
				dependencies = JsonMapper.builder()
					.build()
					.readTree(Files.readString(dir.resolve("package.json")))
					.path("dependencies");
			}
			catch (IOException ex) {
				throw new Absent(dir.resolve("package.json") + " cannot be read (" + ex.getMessage() + ")");
			}
			List<String> missing = new ArrayList<>();
			for (String name : dependencies.propertyNames()) {
				if (!Files.isRegularFile(dir.resolve("node_modules").resolve(name).resolve("package.json"))) {
					missing.add(name);
				}
			}
			if (!missing.isEmpty()) {
				throw new Absent("the npm packages " + missing + " are not installed in " + dir);
			}
			return dir.toString();
		}
	},

	/** Debian's Chromium: {@code SIGNET_CHROMIUM}, or {@code /usr/bin/chromium}. */
	CHROMIUM("Chromium", ".ci/parts/30-clients.sh installs Debian's chromium and exports SIGNET_CHROMIUM; "
			+ "elsewhere apt-get install chromium or set SIGNET_CHROMIUM") {
		@Override
		String locate() throws Absent {
			Path chromium = Path.of(env("SIGNET_CHROMIUM", "/usr/bin/chromium"));
			if (!Files.isExecutable(chromium)) {
				throw new Absent("Chromium is not installed at " + chromium);
			}
			return chromium.toString();
		}
	},

	/**
	 * The built example page: {@code SIGNET_REACT_DIST}, or
	 * {@code examples/react-upload/dist}. Its location is the folder holding
	 * {@code index.html}.
	 */
	EXAMPLE_PAGE("the built example page",
			".ci/parts/30-clients.sh builds it and exports SIGNET_REACT_DIST; elsewhere run "
					+ "npm ci && npm run build in examples/react-upload") {
		@Override
		String locate() throws Absent {
			Path dist = Path
				.of(env("SIGNET_REACT_DIST", projectDir().resolve("examples/react-upload/dist").toString()));
			if (!Files.isRegularFile(dist.resolve("index.html"))) {
				throw new Absent("the example page is not built at " + dist);
			}
			return dist.toString();
		}
	},

	/** {@code curl} on the PATH. */
	CURL("curl", "the machine that runs .ci/run has it; elsewhere apt-get install curl") {
		@Override
		String locate() throws Absent {
			return command("curl");
		}
	},

	/** {@code jq} on the PATH. */
	JQ("jq", "the machine that runs .ci/run has it; elsewhere apt-get install jq") {
		@Override
		String locate() throws Absent {
			return command("jq");
		}
	};

	private static final Map<Tool, Found> FOUND = new ConcurrentHashMap<>();

	private final String description;

	private final String setup;

	Tool(String description, String setup) {
		this.description = description;
		this.setup = setup;
	}

	/**
	 * What this tool is, in a few words.
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * How {@code .ci/run} provides this tool and how a developer gets it.
	 * @return the instructions
	 */
	public String setup() {
		return this.setup;
	}

	/**
	 * What is missing, when this tool (or one it needs) is not there.
	 * @return the problem, or {@code null} when the tool is there
	 */
	public @Nullable String problem() {
		return found().problem();
	}

	/**
	 * How to get what {@link #problem()} says is missing: this tool's {@link #setup()},
	 * or that of a tool it needs.
	 * @return the instructions
	 */
	public String missingSetup() {
		return found().setup();
	}

	/**
	 * Where this tool is: a path, a command, a URL or an image name (see each tool).
	 * @return the location
	 * @throws IllegalStateException when the tool is missing: the test lacks
	 * {@code @Needs}
	 */
	public String location() {
		Found found = found();
		if (found.location() == null) {
			throw new IllegalStateException(found.problem() + ": a test that uses " + name()
					+ " must be annotated @Needs(Tool." + name() + ")");
		}
		return found.location();
	}

	/**
	 * Whether this JVM runs in CI ({@code CI=true}).
	 * @return true in CI
	 */
	public static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * The project directory (Maven runs tests there).
	 * @return the directory
	 */
	public static Path projectDir() {
		return Path.of("").toAbsolutePath();
	}

	/**
	 * Finds this tool.
	 * @return its location
	 * @throws Absent with what is missing
	 */
	abstract String locate() throws Absent;

	private Found found() {
		// Not computeIfAbsent: a tool's lookup looks up the tools it needs.
		Found found = FOUND.get(this);
		if (found == null) {
			try {
				found = new Found(locate(), null, this.setup);
			}
			catch (Absent ex) {
				found = new Found(null, ex.getMessage(), (ex.setup != null) ? ex.setup : this.setup);
			}
			FOUND.putIfAbsent(this, found);
		}
		return found;
	}

	static String require(Tool other) throws Absent {
		Found found = other.found();
		if (found.location() == null) {
			throw new Absent(found.problem(), found.setup());
		}
		return found.location();
	}

	static void requireImage(String name) throws Absent {
		try {
			DockerClientFactory.lazyClient().inspectImageCmd(name).exec();
		}
		catch (NotFoundException ex) {
			throw new Absent("the image " + name + " does not exist (it is never pulled)");
		}
	}

	static String command(String name) throws Absent {
		Path found = onPath(name);
		if (found == null) {
			throw new Absent(name + " is not on the PATH");
		}
		return found.toString();
	}

	/**
	 * Finds an executable on the {@code PATH}.
	 * @param command the command name
	 * @return its path, or {@code null}
	 */
	public static @Nullable Path onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, command);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return false;
			}
			return process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/**
	 * What looking for a tool found: its location, or what is missing.
	 *
	 * @param location where it is, or {@code null}
	 * @param problem what is missing, or {@code null}
	 * @param setup how to get what is missing
	 */
	private record Found(@Nullable String location, @Nullable String problem, String setup) {

	}

	/**
	 * Thrown by {@link #locate()} with what is missing.
	 */
	static final class Absent extends Exception {

		private static final long serialVersionUID = 1L;

		private final @Nullable String setup;

		Absent(@Nullable String problem) {
			this(problem, null);
		}

		Absent(@Nullable String problem, @Nullable String setup) {
			super(problem, null, false, false);
			this.setup = setup;
		}

	}

}
