package dev.signet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignCommand}.
 *
 * @author Signet developers
 */
class SignCommandTests {

	private static final Map<String, String> ENV = Map.of("CLOUDINARY_URL", "cloudinary://123:abcd@demo");

	private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1315060510), ZoneOffset.UTC);

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void signPrintsSignatureOfCloudinaryDocumentationVector() {
		int code = run(ENV, "", "sign", "{\"public_id\": \"sample_image\", \"timestamp\": 1315060510}");
		assertThat(code).isZero();
		assertThat(out()).isEqualTo("b4ad47fb4e25c7bf5f92a20089f9db59bc302313\n");
	}

	@Test
	void signWithExplainShowsStringToSignWithSecretPlaceholder() {
		int code = run(ENV, "", "sign", "--explain", "{\"eager\": \"w_400,h_300,c_pad|w_260,h_200,c_crop\", "
				+ "\"public_id\": \"sample_image\", \"timestamp\": 1315060510}");
		assertThat(code).isZero();
		assertThat(out()).contains(
				"string to sign: eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510")
			.contains(
					"hashed:         eager=w_400,h_300,c_pad|w_260,h_200,c_crop&public_id=sample_image&timestamp=1315060510<api_secret>")
			.contains("signature:      bfd09f95f331f558cbd1320e67aa8d488770583e")
			.doesNotContain("abcd");
	}

	@Test
	void signWithoutTimestampAddsCurrentTime() {
		int code = run(ENV, "", "sign", "{\"public_id\": \"sample_image\"}", "--explain");
		assertThat(code).isZero();
		assertThat(out()).contains("timestamp:      1315060510 (added: none was given)")
			.contains("signature:      b4ad47fb4e25c7bf5f92a20089f9db59bc302313");
	}

	@Test
	void signReadsParamsFromStandardInput() {
		int code = run(ENV, "{\"public_id\": \"sample_image\", \"timestamp\": 1315060510}", "sign", "-");
		assertThat(code).isZero();
		assertThat(out()).startsWith("b4ad47fb");
	}

	@Test
	void signWhenSdksWouldDisagreeRefuses() {
		int code = run(ENV, "", "sign", "{\"Public_id\": \"x\", \"tags\": [1, 2]}");
		assertThat(code).isEqualTo(SignCommand.USAGE);
		assertThat(err()).contains("Refused").contains("Public_id").contains("tags");
	}

	@Test
	void signWhenExcludedKeyGivenRefuses() {
		int code = run(ENV, "", "sign", "{\"file\": \"x.png\", \"timestamp\": 1315060510}");
		assertThat(code).isEqualTo(SignCommand.USAGE);
		assertThat(err()).contains("file");
	}

	@Test
	void signWithoutCloudinaryUrlFailsNamingIt() {
		int code = run(Map.of(), "", "sign", "{}");
		assertThat(code).isEqualTo(SignCommand.CONFIGURATION);
		assertThat(err()).contains("CLOUDINARY_URL is invalid: it is not set");
	}

	@Test
	void signWithoutParamsPrintsUsage() {
		assertThat(run(ENV, "", "sign")).isEqualTo(SignCommand.USAGE);
		assertThat(err()).contains("usage:");
	}

	private int run(Map<String, String> env, String stdin, String... args) {
		return SignCommand.run(args, env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), CLOCK);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
