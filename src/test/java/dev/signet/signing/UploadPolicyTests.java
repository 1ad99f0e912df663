package dev.signet.signing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.access.ProfileCatalog;
import dev.signet.refusal.ParameterProblem;
import dev.signet.support.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UploadPolicy} as the built-in {@code default} profile configures it.
 *
 * @author Signet developers
 */
class UploadPolicyTests {

	private final UploadPolicy policy = SigningProfiles.compile(Profiles.bind(Map.of()), UploadPolicy.dangerReasons())
		.get(ProfileCatalog.DEFAULT)
		.policy();

	private final List<ParameterProblem> problems = new ArrayList<>();

	@Test
	void applyWhenParametersAreOrdinaryWidgetOnesSignsThemAsPosted() {
		Map<String, String> signed = apply(UploadPolicy.Mode.WIDGET, "source", "uw", "folder", "users/alice",
				"display_name", "Avatar", "tags", "a,b", "context", "caption=Tom & Jerry|alt=100%",
				"custom_coordinates", "35,39,612,706", "unique_filename", "true", "allowed_formats", "jpg,png");
		assertThat(this.problems).isEmpty();
		assertThat(signed).hasSize(8).containsEntry("context", "caption=Tom & Jerry|alt=100%");
	}

	@Test
	void defaultProfileSignsNoUploadPreset() {
		Map<String, String> signed = apply(UploadPolicy.Mode.STAMPED, "upload_preset", "anything");
		assertThat(signed).doesNotContainKey("upload_preset");
		assertThat(this.problems).singleElement()
			.satisfies((problem) -> assertThat(problem.name()).isEqualTo("upload_preset"))
			.satisfies((problem) -> assertThat(problem.code()).isEqualTo(ParameterProblem.NOT_ALLOWED));
	}

	@ParameterizedTest
	@ValueSource(strings = { "eval", "on_success", "notification_url", "eager_notification_url", "callback", "proxy",
			"headers", "invalidate", "type", "access_mode", "access_control", "eager", "transformation", "ocr",
			"moderation", "backup", "return_delete_token", "auto_tagging", "background_removal", "raw_convert",
			"api_secret", "file", "api_key", "signature", "cloud_name", "resource_type", "signature_algorithm",
			"public_id_prefix", "metadata", "anything_else" })
	void applyWhenParameterIsOutsideAllowListRefusesIt(String name) {
		apply(UploadPolicy.Mode.STAMPED, name, "x");
		assertThat(this.problems).singleElement()
			.satisfies((p) -> assertThat(p.code()).isEqualTo(ParameterProblem.NOT_ALLOWED));
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "a/../b", "/abs", "trail/", "a//b", "a&b", "a%26b", "a#b", "a?b", "a,b",
			"a\u202eb", "a\u200bb", " lead",
			"this-identifier-is-far-too-long-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" })
	void applyWhenIdentifierIsUnsafeRefusesIt(String value) {
		apply(UploadPolicy.Mode.STAMPED, "public_id", value);
		assertThat(this.problems).extracting(ParameterProblem::name).contains("public_id");
	}

	@Test
	void applyWhenClientChoosesPublicIdSignsOverwriteFalse() {
		Map<String, String> signed = apply(UploadPolicy.Mode.STAMPED, "public_id", "alice");
		assertThat(signed).containsEntry("overwrite", "false");
	}

	@Test
	void applyWhenFilenameBecomesPublicIdSignsOverwriteFalse() {
		Map<String, String> signed = apply(UploadPolicy.Mode.STAMPED, "use_filename", "true", "unique_filename",
				"false");
		assertThat(signed).containsEntry("overwrite", "false");
		Map<String, String> unique = new UploadPolicy(Map.of("use_filename", ParameterRule.bool()), Map.of())
			.apply(params("use_filename", "true"), Map.of(), UploadPolicy.Mode.STAMPED, 2, this.problems);
		assertThat(unique).doesNotContainKey("overwrite");
	}

	@Test
	void applyWhenWidgetChoosesPublicIdWithoutOverwriteRefuses() {
		apply(UploadPolicy.Mode.WIDGET, "public_id", "alice");
		assertThat(this.problems).singleElement()
			.satisfies((p) -> assertThat(p.code()).isEqualTo(ParameterProblem.MISSING));
	}

	@Test
	void applyWhenOverwriteIsTrueRefusesIt() {
		apply(UploadPolicy.Mode.STAMPED, "overwrite", "true");
		assertThat(this.problems).extracting(ParameterProblem::name).containsExactly("overwrite");
	}

	@Test
	void applyWhenTooManyTagsRefusesThem() {
		apply(UploadPolicy.Mode.STAMPED, "tags", "a,".repeat(20) + "b");
		assertThat(this.problems).extracting(ParameterProblem::name).containsExactly("tags");
	}

	@Test
	void applyWhenSignatureVersionOneRefusesAmpersandInFreeText() {
		this.policy.apply(params("context", "a=b&tags=evil"), Map.of(), UploadPolicy.Mode.STAMPED, 1, this.problems);
		assertThat(this.problems).extracting(ParameterProblem::reason).singleElement().asString().contains("smuggle");
	}

	private Map<String, String> apply(UploadPolicy.Mode mode, String... pairs) {
		return this.policy.apply(params(pairs), Map.of(), mode, 2, this.problems);
	}

	private static Map<String, ParamValue> params(String... pairs) {
		Map<String, ParamValue> params = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			params.put(pairs[i], ParamValue.of(pairs[i + 1]));
		}
		return params;
	}

}
