package dev.signet.cloudinary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.support.SharedFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link UploadSigner}.
 *
 * @author Signet developers
 */
class UploadSignerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void signatureMatchesEveryVectorOnWhichTheSdksAgree() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				continue;
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> params = (Map<String, Object>) vector.get("params");
			SignatureAlgorithm algorithm = SignatureAlgorithm.fromName((String) vector.get("algorithm"));
			int version = ((Number) vector.get("signature_version")).intValue();
			UploadSigner signer = new UploadSigner(ApiSecret.of((String) vector.get("secret")), algorithm, version);
			String expectedString = (String) ((Map<?, ?>) ((Map<?, ?>) vector.get("sdk")).get("java"))
				.get("string_to_sign");
			if (!signer.sign(params).equals(vector.get("expected_signature"))
					|| !UploadSigner.stringToSign(params, version).equals(expectedString)) {
				mismatches.add((String) vector.get("id"));
			}
			checked++;
		}
		assertThat(mismatches).isEmpty();
		assertThat(checked).isGreaterThan(300);
	}

	@Test
	void signatureMatchesCloudinaryDocumentationVector() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("timestamp", 1315060510);
		params.put("public_id", "sample_image");
		params.put("eager", "w_400,h_300,c_pad|w_260,h_200,c_crop");
		UploadSigner signer = new UploadSigner(ApiSecret.of("abcd"), SignatureAlgorithm.SHA1, 2);
		assertThat(signer.sign(params)).isEqualTo("bfd09f95f331f558cbd1320e67aa8d488770583e");
	}

	@Test
	void stringToSignWhenVersionTwoEscapesAmpersandInValues() {
		Map<String, Object> params = Map.of("notification_url", "https://fake.com/callback?a=1&tags=hello,world",
				"timestamp", 1568810420);
		assertThat(UploadSigner.stringToSign(params, 2))
			.isEqualTo("notification_url=https://fake.com/callback?a=1%26tags=hello,world&timestamp=1568810420");
		assertThat(UploadSigner.stringToSign(params, 1))
			.isEqualTo("notification_url=https://fake.com/callback?a=1&tags=hello,world&timestamp=1568810420");
	}

	@Test
	void stringToSignWhenValuesAreEmptyOrNullLeavesThemOut() {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("folder", "");
		params.put("tags", null);
		params.put("timestamp", 1);
		params.put("list", List.of("a", "b"));
		assertThat(UploadSigner.stringToSign(params, 2)).isEqualTo("list=a,b&timestamp=1");
	}

	@Test
	void signWhenValueIsNestedObjectThrows() {
		UploadSigner signer = new UploadSigner(ApiSecret.of("abcd"), SignatureAlgorithm.SHA1, 2);
		assertThatIllegalArgumentException().isThrownBy(() -> signer.sign(Map.of("context", Map.of("a", "b"))));
	}

	@Test
	void secretToStringShowsOnlyFingerprint() {
		ApiSecret secret = ApiSecret.of("CANARYsecretValue");
		assertThat(secret.toString()).doesNotContain("CANARY").contains(secret.fingerprint());
		assertThat(secret.fingerprint()).hasSize(8);
	}

}
