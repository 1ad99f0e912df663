package dev.signet.diagnostics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SignatureDiagnosis} with Cloudinary's real error texts (as users
 * reported them in next-cloudinary#453, cloudinary_npm#154, cloudinary_gem#222).
 *
 * @author Signet developers
 */
class SignatureDiagnosisTests {

	private static final long NOW = 1709830700;

	private final SignatureDiagnosis diagnosis = new SignatureDiagnosis(
			Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

	@Test
	void diagnoseWhenWidgetAddedSourceSaysSo() {
		SignatureDiagnosis.Result result = this.diagnosis.diagnose(
				"Invalid Signature ***. String to sign - 'source=uw&timestamp=1709830648'.",
				Map.of("timestamp", "1709830648"), null);
		assertThat(result.verdict()).isEqualTo("parameters-differ");
		assertThat(result.unsignedParams()).containsExactly("source");
		assertThat(result.hints()).anyMatch((hint) -> hint.contains("adds source=uw"));
		assertThat(result.timestampAgeSeconds()).isEqualTo(52);
	}

	@Test
	void diagnoseWhenSignerIgnoredWidgetParamsListsThem() {
		SignatureDiagnosis.Result result = this.diagnosis.diagnose(
				"Invalid Signature 3a904d41720a32268e2d11c6702bbb3a0"
						+ "58af1ee. String to sign - 'callback=http://widget.cloudinary.com/cloudinary_cors.html"
						+ "&custom_coordinates=35,39,612,706&folder=temp&timestamp=1709830648'.",
				Map.of("folder", "temp", "timestamp", "1709830648"), null);
		assertThat(result.unsignedParams()).containsExactly("callback", "custom_coordinates");
		assertThat(result.summary()).contains("not signed but received: callback, custom_coordinates");
	}

	@Test
	void diagnoseWhenSignedParameterWasNotPostedSaysSo() {
		SignatureDiagnosis.Result result = this.diagnosis.diagnose(
				"Invalid Signature abc. String to sign - 'timestamp=1709830648'.",
				Map.of("folder", "avatars", "timestamp", "1709830648"), null);
		assertThat(result.missingParams()).containsExactly("folder");
		assertThat(result.hints()).anyMatch((hint) -> hint.contains("folder was signed but Cloudinary did not"));
	}

	@Test
	void diagnoseWhenValueChangedNamesIt() {
		SignatureDiagnosis.Result result = this.diagnosis.diagnose(
				"Invalid Signature abc. String to sign - 'public_id=Allg%C3%A4u&timestamp=1709830648'.",
				Map.of("public_id", "Allgäu", "timestamp", "1709830648"), null);
		assertThat(result.changedParams()).containsExactly("public_id");
	}

	@Test
	void diagnoseWhenParametersMatchBlamesSecretOrAlgorithm() {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("timestamp", "1709830648");
		params.put("context", "a=b&c");
		params.put("api_key", "123");
		SignatureDiagnosis.Result result = this.diagnosis.diagnose("Invalid Signature "
				+ "b4ad47fb4e25c7bf5f92a20089f9db59bc302313. String to sign - 'context=a=b%26c&timestamp=1709830648'.",
				params, "sha256");
		assertThat(result.verdict()).isEqualTo("same-parameters");
		assertThat(result.signatureAlgorithm()).isEqualTo("sha1");
		assertThat(result.hints()).anyMatch((hint) -> hint.contains("40 hex characters (sha1)"))
			.anyMatch((hint) -> hint.contains("trailing space"))
			.anyMatch((hint) -> hint.contains("api_key is never part"));
	}

	@Test
	void diagnoseWhenRequestIsStaleExplainsTheHour() {
		SignatureDiagnosis.Result result = this.diagnosis
			.diagnose("Stale request - reported time is 1315060510 which is more than 1 hour ago", null, null);
		assertThat(result.verdict()).isEqualTo("stale");
		assertThat(result.timestampAgeSeconds()).isEqualTo(NOW - 1315060510);
		assertThat(result.hints()).anyMatch((hint) -> hint.contains("one hour"));
	}

	@Test
	void diagnoseWhenTimestampIsMillisecondsSaysSo() {
		SignatureDiagnosis.Result result = this.diagnosis
			.diagnose("Invalid Signature abc. String to sign - 'timestamp=1709830648000'.", null, null);
		assertThat(result.verdict()).isEqualTo("cloudinary-string-only");
		assertThat(result.hints()).anyMatch((hint) -> hint.contains("milliseconds"));
	}

	@Test
	void diagnoseWhenTextIsNotCloudinarysRefuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.diagnosis.diagnose("Something broke", null, null));
	}

}
