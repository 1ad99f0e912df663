package dev.signet.cloudinary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signet.support.SharedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeliveryUrl}.
 *
 * @author Signet developers
 */
class DeliveryUrlTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void signedUrlMatchesEveryVectorOnWhichTheSdksAgreeAndRefusesTheOthers() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int agreed = 0;
		int disputed = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("url_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			DeliveryUrl url = url(vector);
			String id = (String) vector.get("id");
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				try {
					url.stringToSign();
					mismatches.add(id + " (disputed but accepted)");
				}
				catch (RefusedInputException ex) {
					disputed++;
				}
				continue;
			}
			Map<?, ?> options = (Map<?, ?>) vector.get("options");
			Object algorithmName = options.get("signature_algorithm");
			SignatureAlgorithm algorithm = (algorithmName != null) ? SignatureAlgorithm.fromName((String) algorithmName)
					: SignatureAlgorithm.SHA1;
			String component = url.signatureComponent(ApiSecret.of((String) vector.get("secret")), algorithm);
			String nodeUrl = (String) ((Map<?, ?>) ((Map<?, ?>) vector.get("sdk")).get("node")).get("url");
			if (!url.stringToSign().equals(vector.get("node_string_to_sign"))
					|| !component.equals(vector.get("expected_signature_component"))
					|| !url.url(component).equals(nodeUrl)) {
				mismatches.add(id);
			}
			agreed++;
		}
		assertThat(mismatches).isEmpty();
		assertThat(agreed).isGreaterThanOrEqualTo(20);
		assertThat(disputed).isGreaterThanOrEqualTo(3);
	}

	@ParameterizedTest
	@ValueSource(strings = { "hello!world", "it's", "(paren)", "a~b", "a*b", "a%28b", "100%", "a%zz", "caf%E9",
			"tab\there" })
	void escapeWhenSdksDisagreeRefusesPublicId(String publicId) {
		assertThatExceptionOfType(RefusedInputException.class).isThrownBy(() -> DeliveryUrl.escape(publicId, false))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("public_id"));
	}

	@Test
	void escapeWhenFetchUrlHasNonAsciiRefusesIt() {
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> DeliveryUrl.escape("https://example.com/caf%C3%A9.jpg", true));
		assertThat(DeliveryUrl.escape("caf%C3%A9", false)).isEqualTo("caf%C3%A9");
		assertThat(DeliveryUrl.escape("a+b c", false)).isEqualTo("a%2Bb%20c");
	}

	private static DeliveryUrl url(Map<?, ?> vector) {
		Map<?, ?> options = (Map<?, ?>) vector.get("options");
		Object version = options.get("version");
		return new DeliveryUrl((String) vector.get("cloud_name"), (String) vector.get("public_id"),
				(String) options.get("raw_transformation"), (String) options.get("format"),
				(version != null) ? version.toString() : null,
				(options.get("resource_type") != null) ? (String) options.get("resource_type") : "image",
				(options.get("type") != null) ? (String) options.get("type") : "upload",
				Boolean.TRUE.equals(options.get("long_url_signature")));
	}

}
