package dev.signet.cloudinary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signet.support.SharedFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotificationSignature} and {@link ApiResponseSignature}.
 *
 * @author Signet developers
 */
class NotificationSignatureTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void notificationSignatureMatchesEveryVectorOnWhichTheSdksAgree() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("notification_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				continue;
			}
			byte[] body = ((String) vector.get("body")).getBytes(StandardCharsets.UTF_8);
			String timestamp = String.valueOf(vector.get("timestamp"));
			ApiSecret secret = ApiSecret.of((String) vector.get("secret"));
			SignatureAlgorithm algorithm = SignatureAlgorithm.fromName((String) vector.get("algorithm"));
			String expected = (String) vector.get("expected_signature");
			byte[] bodyPlusSpace = ((String) vector.get("body") + " ").getBytes(StandardCharsets.UTF_8);
			boolean ok = NotificationSignature.compute(body, timestamp, secret, algorithm).equals(expected)
					&& NotificationSignature.matches(body, timestamp, expected, secret)
					&& NotificationSignature.matches(body, timestamp, expected.toUpperCase(), secret)
					&& !NotificationSignature.matches(bodyPlusSpace, timestamp, expected, secret)
					&& !NotificationSignature.matches(body, timestamp + "1", expected, secret)
					&& !NotificationSignature.matches(body, timestamp, expected, ApiSecret.of("other"));
			if (!ok) {
				mismatches.add((String) vector.get("id"));
			}
			checked++;
		}
		assertThat(mismatches).isEmpty();
		assertThat(checked).isGreaterThanOrEqualTo(20);
	}

	@Test
	void apiResponseSignatureMatchesEveryVectorOnWhichTheSdksAgree() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("api_response_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				continue;
			}
			String publicId = (String) vector.get("public_id");
			String version = String.valueOf(vector.get("version"));
			ApiSecret secret = ApiSecret.of((String) vector.get("secret"));
			SignatureAlgorithm algorithm = SignatureAlgorithm.fromName((String) vector.get("algorithm"));
			String expected = (String) vector.get("expected_signature");
			boolean ok = ApiResponseSignature.compute(publicId, version, secret, algorithm).equals(expected)
					&& ApiResponseSignature.matches(publicId, version, expected, secret)
					&& !ApiResponseSignature.matches(publicId + "x", version, expected, secret)
					&& !ApiResponseSignature.matches(publicId, version + "1", expected, secret);
			if (!ok) {
				mismatches.add((String) vector.get("id"));
			}
			checked++;
		}
		assertThat(mismatches).isEmpty();
		assertThat(checked).isGreaterThanOrEqualTo(7);
	}

	@Test
	void matchesWhenSignatureIsNotHexOrHasAnotherLengthIsFalse() {
		ApiSecret secret = ApiSecret.of("abcd");
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		String valid = NotificationSignature.compute(body, "1715000000", secret, SignatureAlgorithm.SHA1);
		assertThat(NotificationSignature.matches(body, "1715000000", valid, secret)).isTrue();
		assertThat(NotificationSignature.matches(body, "1715000000", valid.substring(1), secret)).isFalse();
		assertThat(NotificationSignature.matches(body, "1715000000", "z" + valid.substring(1), secret)).isFalse();
		assertThat(NotificationSignature.matches(body, "1715000000", "", secret)).isFalse();
		assertThat(NotificationSignature.algorithmOf(valid)).isEqualTo(SignatureAlgorithm.SHA1);
		assertThat(NotificationSignature.algorithmOf(valid + valid.substring(0, 24)))
			.isEqualTo(SignatureAlgorithm.SHA256);
	}

}
