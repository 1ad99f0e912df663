package dev.signet.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.HealthStateLog;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.support.Needs;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.LogUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the container image built from the {@code Dockerfile}: it is run the way the
 * Helm chart runs it (read-only root file system, only {@code /tmp} writable, all
 * capabilities dropped, the Cloudinary URL in a secret volume) and must be healthy, sign,
 * run as a non-root user and stop gracefully on SIGTERM.
 *
 * @author Signet developers
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Needs(Tool.SIGNET_IMAGE)
class ContainerImageTests {

	private static final String SECRET = "container-test-secret_0123456789";

	private static final String API_KEY = "container-test-key-0123456789";

	private static final int NON_ROOT_UID = 1001;

	/** Docker's stop timeout here; more than the 20 s shutdown phase, like the chart. */
	private static final int STOP_TIMEOUT_SECONDS = 30;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	static Path secrets;

	private static String image;

	private static GenericContainer<?> signet;

	@BeforeAll
	static void startSignet() throws IOException {
		image = Tool.SIGNET_IMAGE.location();
		// Laid out like the Helm chart's secret volume: files that are symbolic links
		// through ..data into a hidden, timestamped directory, mounted read-only at
		// /run/secrets/signet, which SIGNET_CONFIG_TREE names.
		Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-xr-x"));
		Path version = Files.createDirectory(secrets.resolve("..2026_01_01_00_00_00.000000001"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		Path url = version.resolve("CLOUDINARY_URL");
		Files.writeString(url, "cloudinary://987654321098765:" + SECRET + "@signet-ci?signature_algorithm=sha256",
				StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(url, PosixFilePermissions.fromString("rw-r--r--"));
		Files.createSymbolicLink(secrets.resolve("..data"), version.getFileName());
		Files.createSymbolicLink(secrets.resolve("CLOUDINARY_URL"), Path.of("..data", "CLOUDINARY_URL"));
		signet = new GenericContainer<>(DockerImageName.parse(image)).withImagePullPolicy((name) -> false)
			.withEnv("SIGNET_API_KEYS", "ci:" + API_KEY)
			// The monitoring client: may read health details and the SBOM.
			.withEnv("SIGNET_HEALTH_CLIENTS", "ci")
			.withEnv("SIGNET_CONFIG_TREE", "/run/secrets/signet/")
			.withExposedPorts(8080)
			.withCreateContainerCmdModifier((command) -> {
				restrict(command);
				// A bind set here, not with withFileSystemBind: that one first checks
				// mounting with a container of an image that cannot be pulled.
				command.getHostConfig()
					.withBinds(new Bind(secrets.toString(), new Volume("/run/secrets/signet"), AccessMode.ro));
				// Keep the image's check, run it more often so that the wait is short.
				command.withHealthcheck(new HealthCheck().withInterval(TimeUnit.SECONDS.toNanos(5)));
			})
			.waitingFor(Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(3)));
		signet.start();
	}

	@AfterAll
	static void stopSignet() {
		if (signet != null) {
			signet.stop();
		}
	}

	@Test
	@Order(1)
	void healthcheckOfTheImageRunsWithoutCurlAndReportsHealthy() {
		InspectContainerResponse container = signet.getCurrentContainerInfo();
		assertThat(container.getState().getHealth().getStatus()).isEqualTo("healthy");
		List<HealthStateLog> checks = container.getState().getHealth().getLog();
		assertThat(checks).isNotEmpty();
		assertThat(checks.get(checks.size() - 1).getExitCodeLong()).isZero();
		assertThat(checks.get(checks.size() - 1).getOutput())
			.contains("ready: http://127.0.0.1:8080/readyz answered 200");
		InspectImageResponse imageInfo = dockerClient().inspectImageCmd(image).exec();
		assertThat(imageInfo.getConfig().getHealthcheck().getTest()).contains("dev.signet.deploy.ReadinessCheck");
		assertThat(imageInfo.getConfig().getHealthcheck().getTest()).doesNotContain("curl", "wget");
	}

	@Test
	@Order(2)
	void healthAndProbeEndpointsReportUp() throws Exception {
		for (String path : List.of("/actuator/health", "/livez", "/readyz")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(JSON.readTree(response.body()).path("status").asString()).as(path).isEqualTo("UP");
		}
	}

	@Test
	@Order(3)
	void signatureRequestWithApiKeyReturnsSignatureCloudinaryAccepts() throws Exception {
		HttpResponse<String> response = postSignature(API_KEY);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.path("api_key").asString()).isEqualTo("987654321098765");
		assertThat(body.path("cloud_name").asString()).isEqualTo("signet-ci");
		assertThat(body.path("signature_algorithm").asString()).isEqualTo("sha256");
		Map<String, String> params = JSON.convertValue(body.path("params"),
				JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
		assertThat(params).containsEntry("folder", "ci-smoke")
			.containsEntry("timestamp", String.valueOf(body.path("timestamp").asLong()));
		String expected = new UploadSigner(ApiSecret.of(SECRET), SignatureAlgorithm.SHA256, 2).sign(params);
		assertThat(body.path("signature").asString()).isEqualTo(expected);
		assertThat(response.body()).doesNotContain(SECRET);
	}

	@Test
	@Order(4)
	void signatureRequestWithoutValidApiKeyIsUnauthorized() throws Exception {
		assertThat(postSignature("wrong-key-wrong-key-0000").statusCode()).isEqualTo(401);
	}

	@Test
	@Order(4)
	void imageServesTheSbomOfItsJarToTheHealthScopeOnly() throws Exception {
		// Served from the jar inside the image
		// (classpath:META-INF/sbom/application.cdx.json).
		HttpResponse<String> sbom = HTTP.send(HttpRequest.newBuilder(uri("/actuator/sbom/application"))
			.timeout(Duration.ofSeconds(10))
			.header("X-Api-Key", API_KEY)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sbom.statusCode()).as(sbom.body()).isEqualTo(200);
		assertThat(sbom.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/vnd.cyclonedx+json"));
		JsonNode bom = JSON.readTree(sbom.body());
		assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
		assertThat(bom.path("metadata").path("component").path("name").asString()).isEqualTo("signet");
		List<String> names = new ArrayList<>();
		bom.path("components").forEach((component) -> names.add(component.path("name").asString()));
		assertThat(names).contains("spring-boot", "spring-webmvc", "tomcat-embed-core");
		assertThat(get("/actuator/sbom/application").statusCode()).isEqualTo(401);
	}

	@Test
	@Order(5)
	void processRunsAsNumericNonRootUserFromExecFormEntrypoint() throws Exception {
		InspectImageResponse imageInfo = dockerClient().inspectImageCmd(image).exec();
		assertThat(imageInfo.getConfig().getUser()).matches("[0-9]+(:[0-9]+)?").doesNotStartWith("0");
		assertThat(imageInfo.getConfig().getEntrypoint()).startsWith("java")
			.contains("-XX:AOTCache=/app/signet.aot", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=50",
					"-XX:+ExitOnOutOfMemoryError");
		ExecResult status = signet.execInContainer("cat", "/proc/1/status");
		assertThat(status.getStdout()).containsPattern("(?m)^Uid:\\s+" + NON_ROOT_UID + "\\s+" + NON_ROOT_UID + "\\s+"
				+ NON_ROOT_UID + "\\s+" + NON_ROOT_UID + "$");
		assertThat(status.getStdout()).containsPattern("(?m)^Gid:\\s+" + NON_ROOT_UID + "\\s");
		// PID 1 is the JVM itself (no shell in between), so SIGTERM reaches Spring Boot.
		String commandLine = signet.execInContainer("cat", "/proc/1/cmdline").getStdout().replace('\0', ' ');
		assertThat(commandLine).startsWith("java ").contains("-jar /app/signet.jar");
	}

	@Test
	@Order(6)
	void aotCacheOfTheImageIsUsedByItsJvmWithTheEntrypointOptions() {
		// The entrypoint's options with AOTMode=on, which fails instead of starting
		// without the cache as the entrypoint's default (auto) would silently do; in a
		// container of its own, limited like the others.
		DockerClient docker = dockerClient();
		List<String> entrypoint = List.of(docker.inspectImageCmd(image).exec().getConfig().getEntrypoint());
		List<String> check = new ArrayList<>(entrypoint.subList(0, entrypoint.indexOf("-jar")));
		check.addAll(List.of("-XX:AOTMode=on", "-Xlog:aot=info", "-Dspring.context.exit=onRefresh", "-jar",
				"/app/signet.jar"));
		Exited run = runToExit(docker.createContainerCmd(image)
			.withEntrypoint(check)
			.withEnv("SIGNET_API_KEYS=ci:" + API_KEY, "CLOUDINARY_URL=cloudinary://1:aot-check@aot-check"));
		assertThat(run.exitCode()).as(run.logs()).isZero();
		assertThat(run.logs()).contains("Opened AOT cache /app/signet.aot");
	}

	@Test
	@Order(7)
	void applicationFilesAreRootOwnedAndOnlyTmpIsWritable() throws Exception {
		assertThat(signet.execInContainer("stat", "-c", "%u %a", "/app/signet.jar").getStdout().trim())
			.isEqualTo("0 644");
		assertThat(signet.execInContainer("touch", "/app/written").getExitCode()).isNotZero();
		assertThat(signet.execInContainer("touch", "/written").getExitCode()).isNotZero();
		assertThat(signet.execInContainer("touch", "/tmp/written").getExitCode()).isZero();
		// Tomcat's work directory is the one thing Signet wrote.
		assertThat(signet.execInContainer("ls", "/tmp").getStdout()).contains("tomcat");
	}

	@Test
	@Order(8)
	void startupWithoutCloudinaryUrlFailsNamingTheVariable() throws Exception {
		Exited run = runToExit(dockerClient().createContainerCmd(image).withEnv("SIGNET_API_KEYS=ci:" + API_KEY));
		assertThat(run.exitCode()).as(run.logs()).isNotZero();
		assertThat(run.logs()).contains("CLOUDINARY_URL").contains("APPLICATION FAILED TO START");
	}

	@Test
	@Order(9)
	void sigtermStopsTheContainerGracefullyWithinTheGracePeriod() {
		DockerClient docker = dockerClient();
		String id = signet.getContainerId();
		long start = System.nanoTime();
		// docker stop sends SIGTERM, then SIGKILL after the timeout.
		docker.stopContainerCmd(id).withTimeout(STOP_TIMEOUT_SECONDS).exec();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
		String logs = LogUtils.getOutput(docker, id);
		assertThat(state.getRunning()).isFalse();
		assertThat(state.getOOMKilled()).isFalse();
		// 143 is 128 + SIGTERM: the JVM ended on the signal after its shutdown hooks ran;
		// 137 would be the SIGKILL at the end of the grace period.
		assertThat(state.getExitCodeLong()).as(logs).isIn(0L, 143L);
		assertThat(took).as("stop took %s", took).isLessThan(Duration.ofSeconds(STOP_TIMEOUT_SECONDS - 5));
		assertThat(logs).contains("Commencing graceful shutdown").contains("Graceful shutdown complete");
	}

	/**
	 * Runs a container of its own, limited like the others, until it exits, then removes
	 * it.
	 */
	private static Exited runToExit(CreateContainerCmd create) {
		DockerClient docker = dockerClient();
		create.withLabels(Map.of("org.testcontainers", "true"));
		restrict(create);
		String id = create.exec().getId();
		try {
			docker.startContainerCmd(id).exec();
			int exitCode = docker.waitContainerCmd(id).start().awaitStatusCode(2, TimeUnit.MINUTES);
			return new Exited(exitCode, LogUtils.getOutput(docker, id));
		}
		finally {
			docker.removeContainerCmd(id).withForce(true).exec();
		}
	}

	private static void restrict(CreateContainerCmd command) {
		HostConfig host = command.getHostConfig();
		host.withReadonlyRootfs(true)
			.withTmpFs(Map.of("/tmp", "rw,nosuid,nodev,size=64m"))
			.withCapDrop(Capability.ALL)
			.withSecurityOpts(List.of("no-new-privileges"))
			.withMemory(512L * 1024 * 1024);
	}

	private static DockerClient dockerClient() {
		return DockerClientFactory.lazyClient();
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> postSignature(String apiKey) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/v1/signatures"))
			.timeout(Duration.ofSeconds(10))
			.header("X-Api-Key", apiKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"params\":{\"folder\":\"ci-smoke\"}}"))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(String path) {
		return URI.create("http://" + signet.getHost() + ":" + signet.getMappedPort(8080) + path);
	}

	private record Exited(int exitCode, String logs) {
	}

}
