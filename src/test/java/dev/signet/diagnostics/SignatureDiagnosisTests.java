package dev.signet.diagnostics;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

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
	void diagnoseReadsTheReportedTimeAsTheDateCloudinaryWrites() {
		// As posted in cloudinary_java#25.
		SignatureDiagnosis.Result result = this.diagnosis.diagnose(
				"java.lang.RuntimeException: Stale request - reported time is 2015-06-20 12:59:41 +0000 which is more "
						+ "than 1 hour ago",
				null, null);
		assertThat(result.verdict()).isEqualTo("stale");
		assertThat(result.timestamp()).isEqualTo(1434805181L);
		assertThat(result.timestampAgeSeconds()).isEqualTo(NOW - 1434805181L);
		assertThat(this.diagnosis
			.diagnose("Stale request - reported time is 2015-06-20 14:59:41 +0200 which is more than 1 hour ago", null,
					null)
			.timestamp()).isEqualTo(1434805181L);
		assertThatIllegalArgumentException().isThrownBy(() -> this.diagnosis.diagnose(
				"Stale request - reported time is 2015-02-30 12:59:41 +0000 which is more than 1 hour ago", null, null))
			.withMessageContaining("not a date Cloudinary writes");
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

	@Test
	@Timeout(value = 100, unit = TimeUnit.MILLISECONDS, threadMode = ThreadMode.SEPARATE_THREAD)
	void errorTextOfManySpacesIsParsedInLinearTime() {
		String error = "Invalid Signature" + " ".repeat(SignatureDiagnosis.MAX_ERROR_LENGTH - 18) + "x";
		assertThatIllegalArgumentException().isThrownBy(() -> this.diagnosis.diagnose(error, null, null));
	}

	@Test
	void errorTextOverTheCapIsRefusedNamingTheCap() {
		String error = "Invalid Signature abc. String to sign - 'timestamp=1709830648&context="
				+ "a".repeat(SignatureDiagnosis.MAX_ERROR_LENGTH) + "'.";
		assertThatIllegalArgumentException().isThrownBy(() -> this.diagnosis.diagnose(error, null, null))
			.withMessageContaining(String.valueOf(SignatureDiagnosis.MAX_ERROR_LENGTH));
	}

	@Test
	void errorTextIsParsedLikeTheRegularExpressionItReplaces() {
		Pattern reference = Pattern.compile("Invalid Signature\\s+(\\S*?)\\.?\\s+String to sign - '(.*)'\\.?\\s*$",
				Pattern.DOTALL);
		List<String> pieces = List.of("Invalid Signature", "String to sign - '", " ", "  ", "\n", "\u0085", "\t", ".",
				"'", "abc", "a=b&c=d", "x.");
		Random random = new Random(12);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder error = new StringBuilder();
			int count = random.nextInt(9);
			for (int j = 0; j < count; j++) {
				error.append(pieces.get(random.nextInt(pieces.size())));
			}
			String text = error.toString();
			Matcher matcher = reference.matcher(text.strip());
			if (text.contains("Stale request")) {
				continue;
			}
			if (matcher.find()) {
				SignatureDiagnosis.Result result = this.diagnosis.diagnose(text, null, null);
				assertThat(result.cloudinaryStringToSign()).as(text).isEqualTo(matcher.group(2));
			}
			else {
				assertThatIllegalArgumentException().as(text)
					.isThrownBy(() -> this.diagnosis.diagnose(text, null, null));
			}
		}
	}

}
