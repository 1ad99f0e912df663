package dev.signet.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.signet.support.Tool;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one of the Node scripts in {@code src/test/node} with a JSON argument. The script
 * prints its findings as one JSON line, the last line of its output. The test needs
 * {@code @Needs(Tool.NODE_PACKAGES)}.
 *
 * @author Signet developers
 */
public final class NodeScript {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private NodeScript() {
	}

	/**
	 * Runs a script and checks that it exits with 0.
	 * @param script the file name in {@code src/test/node}
	 * @param input the script's input, passed as one JSON argument
	 * @return the JSON the script printed last
	 */
	public static JsonNode run(String script, Map<String, ?> input) {
		Result result = start(script, input);
		assertThat(result.exitCode()).as("%s failed:%n%s%n%s", script, result.stdout(), result.stderr()).isZero();
		return result.json();
	}

	/**
	 * Runs a script.
	 * @param script the file name in {@code src/test/node}
	 * @param input the script's input, passed as one JSON argument
	 * @return the exit code, the output and the JSON printed last
	 */
	public static Result start(String script, Map<String, ?> input) {
		String node = Tool.NODE.location();
		Path dir = Path.of(Tool.NODE_PACKAGES.location());
		try {
			Path out = Files.createTempFile("signet-node", ".out");
			Path err = Files.createTempFile("signet-node", ".err");
			Process process = new ProcessBuilder(List.of(node, script, JSON.writeValueAsString(input)))
				.directory(dir.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.start();
			if (!process.waitFor(Duration.ofSeconds(90).toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			String stdout = Files.readString(out, StandardCharsets.UTF_8);
			String stderr = Files.readString(err, StandardCharsets.UTF_8);
			Files.delete(out);
			Files.delete(err);
			System.out.println("[" + script + "] " + stdout.strip());
			if (!stderr.isBlank()) {
				System.out.println("[" + script + " stderr] " + stderr.strip());
			}
			int exit = process.isAlive() ? -1 : process.exitValue();
			return new Result(exit, stdout, stderr, lastJsonLine(stdout));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode lastJsonLine(String stdout) {
		List<String> lines = stdout.lines().filter((line) -> line.startsWith("{")).toList();
		return lines.isEmpty() ? JSON.createObjectNode() : JSON.readTree(lines.get(lines.size() - 1));
	}

	/**
	 * What a script did.
	 *
	 * @param exitCode its exit code ({@code -1} when it had to be killed)
	 * @param stdout its output
	 * @param stderr its error output
	 * @param json the last JSON line of its output, or an empty object
	 */
	public record Result(int exitCode, String stdout, String stderr, JsonNode json) {

	}

}
