package dev.signet.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.support.Needs;
import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@code docker-compose.yml}, {@code .env.example} and the Keycloak realm of
 * the optional {@code keycloak} profile: the file's shape,
 * {@code docker-compose config -q}, and a real {@code up -d}, signature request and
 * {@code down} of Signet with Redis.
 *
 * @author Signet developers
 */
class ComposeTests {

	private static final Path PROJECT = Path.of("").toAbsolutePath();

	private static final Path COMPOSE_FILE = PROJECT.resolve("docker-compose.yml");

	private static final Path ENV_EXAMPLE = PROJECT.resolve(".env.example");

	private static final Path REALM = PROJECT.resolve("deploy/keycloak/signet-realm.json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path temp;

	@Test
	void publishedPortsAreBoundToLoopbackOnly() throws IOException {
		Map<String, Object> services = services();
		assertThat(services).containsKeys("signet", "redis", "keycloak");
		services.forEach((name, service) -> {
			Object ports = DeploymentTestSupport.get(service, "ports");
			if (ports != null) {
				assertThat(DeploymentTestSupport.list(service, "ports")).as(name)
					.isNotEmpty()
					.allSatisfy((port) -> assertThat(port).asString().startsWith("127.0.0.1:"));
			}
		});
		assertThat(DeploymentTestSupport.get(services.get("redis"), "ports")).as("Redis is never published").isNull();
	}

	@Test
	void signetWaitsForAHealthyRedisAndBothHaveHealthChecks() throws IOException {
		Map<String, Object> services = services();
		assertThat(DeploymentTestSupport.get(services.get("signet"), "depends_on.redis.condition"))
			.isEqualTo("service_healthy");
		assertThat(DeploymentTestSupport.list(services.get("redis"), "healthcheck.test")).contains("redis-cli", "ping");
		// Signet keeps the image's HEALTHCHECK (no curl in the image) and only runs it
		// more
		// often.
		assertThat(DeploymentTestSupport.get(services.get("signet"), "healthcheck.test")).isNull();
		assertThat(DeploymentTestSupport.get(services.get("signet"), "healthcheck.interval")).isNotNull();
		assertThat(DeploymentTestSupport.get(services.get("signet"), "stop_grace_period")).isEqualTo("30s");
		assertThat(DeploymentTestSupport.get(services.get("signet"), "read_only")).isEqualTo(true);
	}

	@Test
	void secretsComeFromTheEnvFileAndTheExampleHoldsNoRealSecret() throws IOException {
		Map<String, Object> signet = DeploymentTestSupport.asMap(services().get("signet"));
		assertThat(DeploymentTestSupport.string(signet, "environment.CLOUDINARY_URL")).startsWith("${CLOUDINARY_URL:?");
		assertThat(DeploymentTestSupport.string(signet, "environment.SIGNET_API_KEYS"))
			.isEqualTo("${SIGNET_API_KEYS:-}");
		Properties example = envFile(ENV_EXAMPLE);
		assertThat(example.getProperty("CLOUDINARY_URL")).contains("demo-secret-not-for-production");
		assertThat(example.getProperty("SIGNET_API_KEYS")).contains("demo-key-change-me");
		assertThat(Files.readAllLines(PROJECT.resolve(".gitignore"))).contains(".env");
	}

	@Test
	void keycloakRealmHasAClientAndAUserWhoseTokensSignetAccepts() throws IOException {
		JsonNode realm = JSON.readTree(Files.readString(REALM));
		assertThat(realm.path("realm").asString()).isEqualTo("signet");
		JsonNode client = realm.path("clients").get(0);
		assertThat(client.path("serviceAccountsEnabled").asBoolean()).isTrue();
		assertThat(client.path("directAccessGrantsEnabled").asBoolean()).isTrue();
		List<String> scopes = new ArrayList<>();
		client.path("defaultClientScopes").forEach((scope) -> scopes.add(scope.asString()));
		// Signet's default SIGNET_JWT_SCOPE, carrying the audience .env.example names.
		assertThat(scopes).contains("signet:sign");
		JsonNode scope = null;
		for (JsonNode candidate : realm.path("clientScopes")) {
			if ("signet:sign".equals(candidate.path("name").asString())) {
				scope = candidate;
			}
		}
		assertThat(scope).isNotNull();
		assertThat(scope.path("protocolMappers").get(0).path("config").path("included.custom.audience").asString())
			.isEqualTo("signet");
		assertThat(Files.readString(ENV_EXAMPLE)).contains("# SIGNET_JWT_AUDIENCE=signet")
			.contains("# SIGNET_JWT_ISSUER_URI=http://localhost:8180/realms/signet");
		assertThat(realm.path("users").get(0).path("username").asString()).isEqualTo("demo");
		assertThat(DeploymentTestSupport.list(services().get("keycloak"), "profiles")).containsExactly("keycloak");
	}

	@Test
	@Needs(Tool.YAMLLINT)
	void composeFilePassesYamllint() throws Exception {
		DeploymentTestSupport.Result result = DeploymentTestSupport.yamllint(COMPOSE_FILE,
				PROJECT.resolve(".yamllint"));
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	@Needs(Tool.DOCKER_COMPOSE)
	void configWithTheExampleEnvFileIsValid() throws Exception {
		List<String> compose = compose();
		assertThat(compose(compose, List.of("--env-file", ENV_EXAMPLE.toString(), "config", "-q")).exitCode()).isZero();
		DeploymentTestSupport.Result withKeycloak = compose(compose,
				List.of("--env-file", ENV_EXAMPLE.toString(), "--profile", "keycloak", "config", "--services"));
		assertThat(withKeycloak.exitCode()).as(withKeycloak.output()).isZero();
		assertThat(withKeycloak.output().lines().toList()).contains("signet", "redis", "keycloak");
	}

	@Test
	@Needs(Tool.DOCKER_COMPOSE)
	void configWithoutCloudinaryUrlFailsNamingTheVariable() throws Exception {
		List<String> compose = compose();
		Path env = this.temp.resolve("no-url.env");
		Files.writeString(env, "SIGNET_API_KEYS=ci:ci-compose-key-0123456789\n");
		DeploymentTestSupport.Result result = compose(compose, List.of("--env-file", env.toString(), "config", "-q"));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("CLOUDINARY_URL");
	}

	@Test
	@Needs({ Tool.DOCKER_COMPOSE, Tool.SIGNET_IMAGE })
	void upServesSignaturesThroughTheComposedStackAndDownRemovesIt() throws Exception {
		List<String> compose = compose();
		String image = Tool.SIGNET_IMAGE.location();
		String secret = "compose-test-secret_0123456789";
		String apiKey = "compose-test-key-0123456789";
		int port = freePort();
		// The cleanup trap of .ci/parts/10-containers.sh removes "signetci*" projects
		// left
		// behind.
		String project = "signetci" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		Path env = this.temp.resolve("compose.env");
		Files.writeString(env, String.join("\n",
				"CLOUDINARY_URL=cloudinary://111122223333444:" + secret + "@compose-ci?signature_algorithm=sha256",
				"SIGNET_API_KEYS=ci:" + apiKey, "SIGNET_PORT=" + port, "SIGNET_IMAGE=" + image,
				"REDIS_IMAGE=" + Objects.requireNonNullElse(System.getenv("SIGNET_REDIS_IMAGE"), "redis:7.2"), ""));
		List<String> options = List.of("-p", project, "--env-file", env.toString());
		DockerClient docker = DockerClientFactory.lazyClient();
		try {
			DeploymentTestSupport.Result up = compose(compose, concat(options, "up", "-d", "--no-build"));
			assertThat(up.exitCode()).as(up.output()).isZero();
			Container signet = serviceContainer(docker, project, "signet");
			awaitHealthy(docker, signet.getId(), Duration.ofMinutes(4), () -> logs(compose, options));
			assertThat(docker.inspectContainerCmd(serviceContainer(docker, project, "redis").getId())
				.exec()
				.getState()
				.getHealth()
				.getStatus()).isEqualTo("healthy");

			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/signatures"))
					.timeout(Duration.ofSeconds(10))
					.header("X-Api-Key", apiKey)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"params\":{\"folder\":\"compose\"}}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode body = JSON.readTree(response.body());
			Map<String, String> params = JSON.convertValue(body.path("params"),
					JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
			assertThat(body.path("signature").asString())
				.isEqualTo(new UploadSigner(ApiSecret.of(secret), SignatureAlgorithm.SHA256, 2).sign(params));
			assertThat(body.path("cloud_name").asString()).isEqualTo("compose-ci");

			InspectContainerResponse inspected = docker.inspectContainerCmd(signet.getId()).exec();
			assertThat(inspected.getHostConfig().getReadonlyRootfs()).isTrue();
			assertThat(inspected.getHostConfig().getCapDrop()).contains(Capability.ALL);
			assertThat(inspected.getHostConfig().getMemory()).isEqualTo(512L * 1024 * 1024);
			Ports.Binding[] bindings = inspected.getNetworkSettings()
				.getPorts()
				.getBindings()
				.get(ExposedPort.tcp(8080));
			assertThat(bindings).extracting(Ports.Binding::getHostIp).containsOnly("127.0.0.1");
		}
		finally {
			DeploymentTestSupport.Result down = compose(compose,
					concat(options, "down", "--volumes", "--remove-orphans", "--timeout", "30"));
			assertThat(down.exitCode()).as(down.output()).isZero();
		}
		assertThat(docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of("com.docker.compose.project", project))
			.exec()).isEmpty();
		assertThat(docker.listNetworksCmd().exec()).noneMatch((network) -> network.getName().startsWith(project));
	}

	private static Map<String, Object> services() throws IOException {
		return DeploymentTestSupport.map(DeploymentTestSupport.load(COMPOSE_FILE), "services");
	}

	private static Properties envFile(Path file) throws IOException {
		Properties properties = new Properties();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			int equals = line.indexOf('=');
			if (!line.startsWith("#") && equals > 0) {
				properties.setProperty(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
			}
		}
		return properties;
	}

	/**
	 * The compose command: docker-compose (v1, what CI installs), else
	 * {@code docker compose} (v2) on a developer's machine.
	 * @return the command words
	 */
	private static List<String> compose() {
		return List.of(Tool.DOCKER_COMPOSE.location().split(" "));
	}

	private static DeploymentTestSupport.Result compose(List<String> compose, List<String> arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(compose);
		command.addAll(List.of("-f", COMPOSE_FILE.toString()));
		command.addAll(arguments);
		return DeploymentTestSupport.run(PROJECT, 300, command);
	}

	private static String logs(List<String> compose, List<String> options) {
		try {
			return compose(compose, concat(options, "logs", "--no-color", "--tail", "80")).output();
		}
		catch (IOException | InterruptedException ex) {
			return "(no logs: " + ex + ")";
		}
	}

	private static Container serviceContainer(DockerClient docker, String project, String service) {
		List<Container> containers = docker.listContainersCmd()
			.withShowAll(true)
			.withLabelFilter(Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
			.exec();
		assertThat(containers).as("containers of service %s", service).hasSize(1);
		return containers.get(0);
	}

	private static void awaitHealthy(DockerClient docker, String id, Duration timeout,
			java.util.function.Supplier<String> logs) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String status = null;
		while (System.nanoTime() < deadline) {
			InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
			status = (state.getHealth() != null) ? state.getHealth().getStatus() : null;
			if ("healthy".equals(status)) {
				return;
			}
			if (!Boolean.TRUE.equals(state.getRunning()) || "unhealthy".equals(status)) {
				break;
			}
			Thread.sleep(1000);
		}
		fail("Signet did not become healthy (last status " + status + "):\n" + logs.get());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static List<String> concat(List<String> first, String... more) {
		List<String> all = new ArrayList<>(first);
		all.addAll(List.of(more));
		return all;
	}

}
