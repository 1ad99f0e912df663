package dev.signet.cloudinary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	/**
	 * Vectors on which Node, Java and Python agree but Ruby, .NET, PHP or Go sign
	 * otherwise (spaces, %XX, non-ASCII, punctuation, '//'; see docs/sdk-panel.md).
	 */
	static final Set<String> DISPUTED_BY_THE_OTHER_FOUR = Set.of("url-003", "url-005", "url-007", "url-012", "url-013",
			"url-016", "url-017", "url-019", "url-020", "url-034", "url-039");

	@Test
	void signedUrlMatchesEveryVectorOnWhichTheSdksAgreeAndRefusesTheOthers() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int agreed = 0;
		int disputed = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("url_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			DeliveryUrl url = url(vector);
			String id = (String) vector.get("id");
			if (!Boolean.TRUE.equals(vector.get("all_agree")) || DISPUTED_BY_THE_OTHER_FOUR.contains(id)) {
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
		assertThat(agreed).isGreaterThanOrEqualTo(9);
		assertThat(disputed).isGreaterThanOrEqualTo(14);
	}

	@ParameterizedTest
	@ValueSource(strings = { "hello!world", "it's", "(paren)", "a~b", "a*b", "a%28b", "100%", "a%zz", "caf%E9",
			"tab\there", "my image", "a+b", "a&b", "a=b", "a,b", "a;b", "a@b", "a$b", "a?b", "a#b", "caf\u00e9",
			"\u65e5\u672c", "emoji\ud83d\ude00", "caf%C3%A9", "a%20b", "%2E%2E%2Fbob", "a//b", "a\\b" })
	void escapeWhenSdksDisagreeRefusesPublicId(String publicId) {
		assertThatExceptionOfType(RefusedInputException.class).isThrownBy(() -> DeliveryUrl.escape(publicId, false))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("public_id"));
	}

	@Test
	void escapeWhenFetchUrlHasNonAsciiRefusesIt() {
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> DeliveryUrl.escape("https://example.com/caf%C3%A9.jpg", true));
		assertThatExceptionOfType(RefusedInputException.class).isThrownBy(() -> DeliveryUrl.escape("caf%C3%A9", false));
		assertThatExceptionOfType(RefusedInputException.class).isThrownBy(() -> DeliveryUrl.escape("a+b c", false));
	}

	@Test
	void escapeWhenAllSevenSdksAgreeKeepsThePublicIdAsGiven() {
		assertThat(DeliveryUrl.escape("Folder/sub-dir_2/file.v2:x", false)).isEqualTo("Folder/sub-dir_2/file.v2:x");
		assertThat(DeliveryUrl.escape("https://example.com/img/a-b_c.jpg", true))
			.isEqualTo("https://example.com/img/a-b_c.jpg");
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> DeliveryUrl.escape("https://example.com//a.jpg", true))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("Signet refuses it rather than guess"));
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
