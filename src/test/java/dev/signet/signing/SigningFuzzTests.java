package dev.signet.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.signet.access.Caller;
import dev.signet.access.Issue;
import dev.signet.access.ProfileCatalog;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Refusal;
import dev.signet.support.Profiles;
import dev.signet.web.ProblemStatuses;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the canonical string builder and for request parsing plus the default
 * profile's policy, by fuzzing with Jazzer. In a plain test run the seeds under
 * {@code src/test/resources/dev/signet/signing/SigningFuzzTestsInputs/} are replayed;
 * with {@code JAZZER_FUZZ=1} Jazzer generates inputs (see {@code .ci/parts/90-fuzz.sh}).
 *
 * @author Signet developers
 */
class SigningFuzzTests {

	/** What the built-in default profile may sign, plus what Signet adds itself. */
	private static final Set<String> DEFAULT_SIGNABLE = Set.of("source", "folder", "asset_folder", "public_id",
			"filename_override", "use_filename", "unique_filename", "discard_original_filename", "display_name", "tags",
			"context", "allowed_formats", "overwrite", "custom_coordinates", "face_coordinates", "timestamp");

	private static final List<String> NAMES = List.of("source", "folder", "asset_folder", "public_id",
			"filename_override", "use_filename", "unique_filename", "display_name", "tags", "context", "upload_preset",
			"allowed_formats", "overwrite", "eval", "type", "timestamp", "api_key", "notification_url");

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	private static final UploadSignatures SIGNATURES = signatures(2);

	private static final UploadSignatures SIGNATURES_V1 = signatures(1);

	private static final SigningProfile DEFAULT = SigningProfiles
		.compile(Profiles.bind(Map.of()), UploadPolicy.dangerReasons())
		.get(ProfileCatalog.DEFAULT);

	private static final Caller CALLER = Caller.ofApiKey("web", null);

	/**
	 * F1: the canonical string is unambiguous. Two parameter maps the default profile
	 * accepts never give the same string to sign unless they are equal, under signature
	 * version 1 and 2; building the string never throws for an accepted map.
	 * @param data the fuzzer's input
	 */
	@FuzzTest(maxDuration = "60s")
	void distinctAcceptedParameterMapsNeverShareAStringToSign(FuzzedDataProvider data) {
		int version = data.consumeBoolean() ? 2 : 1;
		Map<String, ParamValue> first = params(data);
		Map<String, ParamValue> second = params(data);
		Map<String, String> signedFirst = signed(first, version);
		Map<String, String> signedSecond = signed(second, version);
		if (signedFirst == null || signedSecond == null) {
			return;
		}
		String a = UploadSigner.stringToSign(signedFirst, version);
		String b = UploadSigner.stringToSign(signedSecond, version);
		if (a.equals(b)) {
			assertThat(signedFirst).as("two accepted maps gave the string to sign %s", a).isEqualTo(signedSecond);
		}
	}

	/**
	 * F2: raw request bytes through the same reader and policy as the controller: the
	 * outcome is a 4xx problem or a signature over allow-listed parameters only.
	 * @param body the raw request body
	 */
	@FuzzTest(maxDuration = "60s")
	void requestBytesEndInA4xxOrASignatureWithinTheAllowList(byte[] body) {
		try {
			SignatureRequestReader.StampRequest request = SignatureRequestReader.readStampRequest(body);
			if (request.profile() != null && !request.profile().equals(ProfileCatalog.DEFAULT)) {
				return;
			}
			Issue<SignatureResponse> issued = SIGNATURES.stamp(request, DEFAULT, CALLER);
			assertThat(DEFAULT_SIGNABLE).containsAll(issued.grant().params());
			assertThat(issued.response().params().keySet())
				.containsExactlyInAnyOrderElementsOf(issued.grant().params());
			assertThat(issued.grant().stringToSign())
				.isEqualTo(UploadSigner.stringToSign(issued.response().params(), 2));
			assertThat(issued.response().timestamp()).isEqualTo(NOW.getEpochSecond());
		}
		catch (Refusal ex) {
			assertThat(ProblemStatuses.of(ex.reason())).isBetween(400, 499);
		}
		try {
			SignatureRequestReader.WidgetRequest widget = SignatureRequestReader.readWidgetRequest(body);
			if (widget.profile() != null && !widget.profile().equals(ProfileCatalog.DEFAULT)) {
				return;
			}
			Issue<WidgetSignatureResponse> issued = SIGNATURES.signWidget(widget, DEFAULT, CALLER);
			assertThat(DEFAULT_SIGNABLE).containsAll(issued.grant().params());
		}
		catch (Refusal ex) {
			assertThat(ProblemStatuses.of(ex.reason())).isBetween(400, 499);
		}
	}

	@Test
	void percentTwentySixAndAmpersandNeverBothSignUnderVersionTwo() {
		Map<String, String> ampersand = signed(Map.of("context", ParamValue.of("a&b")), 2);
		Map<String, String> escaped = signed(Map.of("context", ParamValue.of("a%26b")), 2);
		assertThat(ampersand == null || escaped == null).as("%26 and & would share a string to sign").isTrue();
	}

	private static Map<String, ParamValue> params(FuzzedDataProvider data) {
		Map<String, ParamValue> params = new LinkedHashMap<>();
		int count = data.consumeInt(0, 4);
		for (int i = 0; i < count; i++) {
			String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(12);
			params.put(name, ParamValue.of(data.consumeString(40)));
		}
		return params;
	}

	private static Map<String, String> signed(Map<String, ParamValue> params, int version) {
		ObjectNode json = JsonNodeFactory.instance.objectNode();
		params.forEach((name, value) -> json.put(name, value.posted()));
		List<ParameterProblem> problems = new ArrayList<>();
		Map<String, ParamValue> read = JsonParameters.read(json, problems);
		try {
			SignatureRequestReader.StampRequest request = new SignatureRequestReader.StampRequest(read, problems,
					"image", null, false, SignatureRequestReader.StampRequest.TIE_CONTEXT);
			return ((version == 2) ? SIGNATURES : SIGNATURES_V1).stamp(request, DEFAULT, CALLER).response().params();
		}
		catch (Refusal ex) {
			assertThat(ProblemStatuses.of(ex.reason())).isBetween(400, 499);
			return null;
		}
	}

	private static UploadSignatures signatures(int version) {
		CloudinaryAccount account = new CloudinaryAccount("c", "1", ApiSecret.of("s3cr3t"), SignatureAlgorithm.SHA256,
				version, CloudinaryAccount.DEFAULT_UPLOAD_PREFIX);
		CloudinaryAccounts accounts = new CloudinaryAccounts() {

			@Override
			public KeyRing keyRing(String name) {
				return new KeyRing(name, List.of(account), null);
			}

			@Override
			public Set<String> names() {
				return Set.of(CloudinaryAccounts.DEFAULT);
			}

		};
		return new UploadSignatures(accounts, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(10));
	}

}
