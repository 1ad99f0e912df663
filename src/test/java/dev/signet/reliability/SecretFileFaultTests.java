package dev.signet.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import dev.signet.support.LoadClient;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for faults in mounted secret files: a missing, unreadable or malformed file stops
 * a separately started Signet process with a non-zero exit code and a message naming the
 * setting (never the secret); a file rotated while Signet is under load fails no request.
 *
 * @author Signet developers
 */
class SecretFileFaultTests {

	private static final String CANARY = "CANARYfileFault4k2j";

	private static final String SETTING = "signet.cloudinary.accounts.default.url-file";

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "missing", "unreadable", "not-utf8", "malformed", "empty" })
	void processWhenSecretFileIsBadExitsNonZeroNamingTheSetting(String fault, @TempDir Path dir) throws Exception {
		Path file = dir.resolve("cloudinary-url");
		switch (fault) {
			case "unreadable" -> Files.createDirectory(file); // cannot be read, even by
																// root
			case "not-utf8" -> Files.write(file, new byte[] { 'c', (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
			case "malformed" -> Files.writeString(file, "'cloudinary://1:" + CANARY + "@c'\n");
			case "empty" -> Files.writeString(file, "\n");
			default -> {
			}
		}
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), SignetApplication.class.getName(), "--server.port=0"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().remove("CLOUDINARY_URL");
		builder.environment().put("SIGNET_CLOUDINARY_ACCOUNTS_DEFAULT_URL_FILE", file.toString());
		builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
		builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
		long start = System.nanoTime();
		Process process = builder.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isNotZero();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
		assertThat(out).containsAnyOf(SETTING, "CLOUDINARY_URL").contains("is invalid").doesNotContain(CANARY);
	}

	@Test
	void secretFileRotatedUnderLoadFailsNoRequest(@TempDir Path tree) throws Exception {
		String first = "cloudinary://111111111111111:CANARYrotA1@rotcloud";
		String second = "cloudinary://222222222222222:CANARYrotB2@rotcloud?signature_algorithm=sha256";
		Path file = tree.resolve("CLOUDINARY_URL");
		Files.writeString(file, first + "\n");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
				"--server.port=0", "--SIGNET_CONFIG_TREE=" + tree + "/", "--SIGNET_API_KEYS=" + TestAccounts.API_KEYS,
				"--signet.cloudinary.reload-interval=50ms", "--spring.jmx.enabled=false")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			LoadClient load = new LoadClient(port);
			try {
				CompletableFuture<LoadClient.Result> run = CompletableFuture
					.supplyAsync(() -> load.run(50, Duration.ofSeconds(8)));
				String[] rotations = { second + "\n" + first, second, first + "\n" + second, first, second };
				for (String content : rotations) {
					Thread.sleep(1200);
					// Written as a new file and moved into place, as Kubernetes updates
					// secrets.
					Path next = tree.resolve(".next");
					Files.writeString(next, content + "\n");
					Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				}
				LoadClient.Result result = run.get(60, TimeUnit.SECONDS);
				System.out.println("SecretFileFaultTests rotation under load: " + result);
				assertThat(result.sent()).isGreaterThan(300);
				assertThat(result.count(200, 200)).isEqualTo(result.sent());
				assertThat(result.connectionFailures()).isZero();
			}
			finally {
				load.close();
			}
		}
	}

	static void write(Path file, String content) throws IOException {
		Files.writeString(file, content);
	}

}
