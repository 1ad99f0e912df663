package dev.signet.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the tools that the client tests need outside the JVM: Node.js, the npm packages
 * of {@code src/test/node}, Debian's Chromium and the built example page.
 * {@code .ci/parts/30-clients.sh} installs them and exports their locations. When one is
 * missing the test fails under {@code CI=true} and is skipped with the reason otherwise.
 *
 * @author Signet developers
 */
final class ClientTools {

	private static final String SETUP = "run `bash .ci/parts/30-clients.sh` (as root) or see docs/clients.md#tests";

	private ClientTools() {
	}

	/**
	 * The project directory (Maven runs tests there).
	 * @return the directory
	 */
	static Path projectDir() {
		return Path.of("").toAbsolutePath();
	}

	/**
	 * The Node.js executable: {@code SIGNET_NODE}, or {@code node} on the PATH.
	 * @return the command
	 */
	static String node() {
		String node = env("SIGNET_NODE", "node");
		require(runs(node, "--version"), "Node.js (" + node + ") is not installed");
		return node;
	}

	/**
	 * Requires a command on the PATH, such as {@code curl} or {@code jq}.
	 * @param name the command
	 */
	static void command(String name) {
		require(runs("bash", "-c", "command -v " + name), name + " is not installed");
	}

	/**
	 * The Node test folder with its npm packages installed.
	 * @param packages packages that must be installed there
	 * @return {@code src/test/node}
	 */
	static Path nodeTests(String... packages) {
		Path dir = projectDir().resolve("src/test/node");
		for (String name : packages) {
			require(Files.isRegularFile(dir.resolve("node_modules").resolve(name).resolve("package.json")),
					"the npm package " + name + " is not installed in " + dir + " (npm ci)");
		}
		return dir;
	}

	/**
	 * Debian's Chromium: {@code SIGNET_CHROMIUM}, or {@code /usr/bin/chromium}.
	 * @return the executable
	 */
	static Path chromium() {
		Path chromium = Path.of(env("SIGNET_CHROMIUM", "/usr/bin/chromium"));
		require(Files.isExecutable(chromium),
				"Chromium is not installed at " + chromium + " (apt-get install chromium)");
		return chromium;
	}

	/**
	 * The built example page: {@code SIGNET_REACT_DIST}, or
	 * {@code examples/react-upload/dist}.
	 * @return the folder holding index.html
	 */
	static Path examplePage() {
		Path dist = Path.of(env("SIGNET_REACT_DIST", projectDir().resolve("examples/react-upload/dist").toString()));
		require(Files.isRegularFile(dist.resolve("index.html")),
				"the example page is not built at " + dist + " (npm ci && npm run build in examples/react-upload)");
		return dist;
	}

	static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	private static void require(boolean present, String problem) {
		if (present) {
			return;
		}
		if (ci()) {
			Assertions.fail("CI=true but " + problem + ": " + SETUP);
		}
		Assumptions.abort("Skipped: " + problem + "; " + SETUP);
	}

	private static boolean runs(String... command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
