package dev.signet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.signet.support.Tool;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Helpers for the deployment tests: running a command (such as yamllint) and reading YAML
 * documents. What the tests need from the machine they name with
 * {@link dev.signet.support.Needs @Needs}.
 *
 * @author Signet developers
 */
final class DeploymentTestSupport {

	private DeploymentTestSupport() {
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
	 * The test needs {@code @Needs(Tool.YAMLLINT)}.
	 * @param files the files to check
	 * @return the result
	 * @throws IOException if yamllint cannot start
	 * @throws InterruptedException if interrupted
	 */
	static Result yamllint(Path... files) throws IOException, InterruptedException {
		Path project = Tool.projectDir();
		List<String> command = new ArrayList<>(
				List.of(Tool.YAMLLINT.location(), "--strict", "-c", project.resolve(".yamllint").toString()));
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
