package dev.signet.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.exception.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * What the deployment tests need from the machine: a Docker engine, the Signet image,
 * docker-compose, yamllint. In CI ({@code CI=true}) a missing tool fails the test loudly;
 * on a developer's machine it skips the test with a message that says how to run it. Also
 * small helpers to read YAML documents.
 *
 * @author Signet developers
 */
final class DeploymentTestSupport {

	/** The image the container tests run, from {@code SIGNET_IMAGE}. */
	static final String DEFAULT_IMAGE = "signet:local";

	private DeploymentTestSupport() {
	}

	static boolean inCi() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * Fails in CI, skips elsewhere, when a requirement is not met.
	 * @param met whether the requirement is met
	 * @param problem what is missing
	 * @param howToFix how a developer gets it
	 */
	static void require(boolean met, String problem, String howToFix) {
		if (met) {
			return;
		}
		if (inCi()) {
			fail("CI=true and " + problem + ": this test must run in CI, never skip (.ci/parts/10-containers.sh "
					+ "installs and starts what it needs; see its output). " + howToFix);
		}
		Assumptions.abort("Skipped: " + problem + ". " + howToFix + " (in CI, with CI=true, this fails instead)");
	}

	/** Requires a Docker engine that Testcontainers can use without pulling Ryuk. */
	static void requireDocker() {
		if (inCi()) {
			// Ryuk cannot be pulled in CI; each attempt hangs for minutes.
			require("true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED")),
					"TESTCONTAINERS_RYUK_DISABLED is not true", "Export TESTCONTAINERS_RYUK_DISABLED=true.");
		}
		require(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine answers",
				"Start Docker (or dockerd) to run the container tests.");
	}

	/**
	 * Requires the Signet image built from this checkout.
	 * @return the image name, from {@code SIGNET_IMAGE} ({@value #DEFAULT_IMAGE} if
	 * unset)
	 */
	static String requireSignetImage() {
		requireDocker();
		String image = System.getenv("SIGNET_IMAGE");
		if (inCi()) {
			require(image != null && !image.isBlank(), "SIGNET_IMAGE is not set",
					"Export SIGNET_IMAGE naming the image built from this checkout.");
		}
		String name = imageName();
		require(imageExists(name), "the image " + name + " does not exist (it is never pulled)",
				"Build it: ./mvnw -B package -DskipTests && docker build -t " + name + " .");
		return name;
	}

	/**
	 * The Signet image when Docker runs and the image exists, without failing or
	 * skipping.
	 * @return the image name, or {@code null}
	 */
	static @Nullable String availableSignetImage() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			return null;
		}
		String name = imageName();
		return imageExists(name) ? name : null;
	}

	private static String imageName() {
		String image = System.getenv("SIGNET_IMAGE");
		return (image != null && !image.isBlank()) ? image : DEFAULT_IMAGE;
	}

	private static boolean imageExists(String name) {
		try {
			DockerClientFactory.lazyClient().inspectImageCmd(name).exec();
			return true;
		}
		catch (NotFoundException ex) {
			return false;
		}
	}

	/**
	 * Requires a command on the {@code PATH}.
	 * @param command the command name
	 * @param howToGet how a developer installs it
	 * @return its path
	 */
	static Path requireCommand(String command, String howToGet) {
		Path found = findCommand(command);
		require(found != null, command + " is not on the PATH", howToGet);
		return found;
	}

	static @Nullable Path findCommand(String command) {
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

	/**
	 * Runs a command and returns its exit code and output (stdout and stderr together).
	 * @param directory the working directory
	 * @param timeoutSeconds how long it may take
	 * @param command the command line
	 * @return the result
	 * @throws IOException if it cannot start
	 * @throws InterruptedException if interrupted
	 */
	static Result run(Path directory, long timeoutSeconds, List<String> command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
			.redirectErrorStream(true);
		Path output = Files.createTempFile("signet-deploy-test", ".log");
		try {
			builder.redirectOutput(output.toFile());
			Process process = builder.start();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
				fail("Timed out after " + timeoutSeconds + " s: " + String.join(" ", command) + "\n"
						+ Files.readString(output, StandardCharsets.UTF_8));
			}
			return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * Runs yamllint with the project's {@code .yamllint} in strict mode (warnings fail).
	 * @param files the files to check
	 * @return the result
	 * @throws IOException if yamllint cannot start
	 * @throws InterruptedException if interrupted
	 */
	static Result yamllint(Path... files) throws IOException, InterruptedException {
		Path yamllint = requireCommand("yamllint", "Install it: apt-get install yamllint (or pip install yamllint).");
		Path project = Path.of("").toAbsolutePath();
		List<String> command = new ArrayList<>(
				List.of(yamllint.toString(), "--strict", "-c", project.resolve(".yamllint").toString()));
		for (Path file : files) {
			command.add(file.toString());
		}
		return run(project, 60, command);
	}

	/**
	 * Reads a YAML file into maps and lists.
	 * @param file the file
	 * @return its top-level map
	 * @throws IOException if it cannot be read
	 */
	static Map<String, Object> load(Path file) throws IOException {
		Map<String, Object> map = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
		return (map != null) ? map : new LinkedHashMap<>();
	}

	/**
	 * Follows a dotted path through maps.
	 * @param node the map to start from
	 * @param path keys separated by dots
	 * @return the value, or {@code null} when any key is missing
	 */
	static Object get(Object node, String path) {
		Object current = node;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	static Map<String, Object> map(Object node, String path) {
		return asMap(get(node, path));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> asMap(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object node, String path) {
		Object value = get(node, path);
		assertThat(value).as(path).isInstanceOf(List.class);
		return (List<Object>) value;
	}

	static int integer(Object node, String path) {
		Object value = get(node, path);
		assertThat(value).as(path).isInstanceOf(Integer.class);
		return (Integer) value;
	}

	static String string(Object node, String path) {
		Object value = get(node, path);
		assertThat(value).as(path).isInstanceOf(String.class);
		return (String) value;
	}

	/**
	 * A command's outcome.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and error
	 */
	record Result(int exitCode, String output) {

	}

}
