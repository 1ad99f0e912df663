package dev.signet.diagnostics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignatureDiagnosis} by fuzzing with Jazzer: any error text, parameter
 * map and algorithm give a diagnosis or an {@link IllegalArgumentException} (a 400 at the
 * endpoint), never another exception.
 *
 * @author Signet developers
 */
class SignatureDiagnosisFuzzTests {

	private static final SignatureDiagnosis DIAGNOSIS = new SignatureDiagnosis(
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@FuzzTest(maxDuration = "60s")
	void anyErrorTextIsDiagnosedOrRefusedWithIllegalArgumentOnly(FuzzedDataProvider data) {
		String error = switch (data.consumeInt(0, 2)) {
			case 0 ->
				"Invalid Signature " + data.consumeString(50) + ". String to sign - '" + data.consumeString(200) + "'.";
			case 1 -> "Stale request - reported time is " + data.consumeString(30) + " which is more than 1 hour ago";
			default -> data.consumeString(300);
		};
		Map<String, String> params = null;
		if (data.consumeBoolean()) {
			params = new LinkedHashMap<>();
			int count = data.consumeInt(0, 5);
			for (int i = 0; i < count; i++) {
				params.put(data.consumeString(15), data.consumeString(40));
			}
		}
		String algorithm = data.consumeBoolean() ? null : data.pickValue(new String[] { "sha1", "sha256", "md5", "" });
		try {
			SignatureDiagnosis.Result result = DIAGNOSIS.diagnose(error, params, algorithm);
			assertThat(result.verdict()).isNotBlank();
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).isNotBlank();
		}
	}

}
