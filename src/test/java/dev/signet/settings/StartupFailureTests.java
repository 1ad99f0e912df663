package dev.signet.settings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that Signet refuses to start on missing or malformed settings, fast, naming the
 * setting and never printing the secret; and that settings can come from mounted files.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	private static final String CANARY = "CANARYstartup9x8y7z";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			value = { "quoted|\"cloudinary://1:CANARYstartup9x8y7z@c\"|wrapped in quotes",
					"swapped|cloudinary://CANARYstartup9x8y7z:123@c|swapped",
					"trailing space|`cloudinary://1:CANARYstartup9x8y7z@c `|whitespace",
					"empty secret|cloudinary://1:@c|API secret part is empty",
					"no cloud|cloudinary://1:CANARYstartup9x8y7z@|cloud name part is empty" })
	void startWhenCloudinaryUrlIsMalformedFailsNamingTheVariable(String description, String url, String rule,
			CapturedOutput output) {
		long start = System.nanoTime();
		assertThatException()
			.isThrownBy(() -> start("CLOUDINARY_URL=" + url, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		assertThat(output.getAll()).contains("CLOUDINARY_URL is invalid").contains(rule).doesNotContain(CANARY);
	}

	@Test
	void startWhenCloudinaryUrlIsMissingFailsNamingTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("SIGNET_API_KEYS=" + TestAccounts.API_KEYS));
		assertThat(output.getAll()).contains("CLOUDINARY_URL is invalid: it is not set");
	}

	@Test
	void startWhenNoCallerCanAuthenticateFails(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl("")));
		assertThat(output.getAll()).contains("SIGNET_API_KEYS is invalid: no caller could ever sign");
	}

	@Test
	void startWhenApiKeyIsTooShortFailsWithoutShowingIt(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> start("CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""), "SIGNET_API_KEYS=web:CANARYshort"));
		assertThat(output.getAll()).contains("SIGNET_API_KEYS is invalid").doesNotContain("CANARYshort");
	}

	@Test
	void startWhenJwtHasNoAudienceFails(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""),
				"signet.jwt.issuer-uri=http://127.0.0.1:9/issuer"));
		assertThat(output.getAll()).contains("SIGNET_JWT_AUDIENCE is invalid");
	}

	@Test
	void startWhenSettingsAreMountedFilesReadsThem(@TempDir Path tree) throws IOException {
		Files.writeString(tree.resolve("CLOUDINARY_URL"), TestAccounts.cloudinaryUrl("") + "\n");
		Files.writeString(tree.resolve("SIGNET_API_KEYS"), TestAccounts.API_KEYS + "\n");
		try (ConfigurableApplicationContext context = start("SIGNET_CONFIG_TREE=" + tree + "/")) {
			int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
			Http.Response response = new Http(port).postJson("/v1/signatures", "{\"params\": {}}");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		}
	}

	@Test
	void processWhenCloudinaryUrlIsMalformedExitsNonZeroWithinSeconds() throws Exception {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
						System.getProperty("java.class.path"), SignetApplication.class.getName(), "--server.port=0"));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("CLOUDINARY_URL", "'cloudinary://1:" + CANARY + "@c'");
		builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
		builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
		long start = System.nanoTime();
		Process process = builder.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).isNotZero();
		assertThat(out).contains("CLOUDINARY_URL is invalid: it is wrapped in quotes").doesNotContain(CANARY);
		assertThat(elapsed).isLessThan(Duration.ofSeconds(60));
	}

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0"));
		for (String property : properties) {
			args.add("--" + property);
		}
		if (args.stream().noneMatch((arg) -> arg.startsWith("--SIGNET_CONFIG_TREE="))) {
			args.add("--SIGNET_CONFIG_TREE=/nonexistent/");
		}
		return new SpringApplicationBuilder(SignetApplication.class).run(args.toArray(String[]::new));
	}

}
