package dev.signet.signing;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.signet.access.Caller;
import dev.signet.settings.InvalidSettingException;
import dev.signet.support.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SigningProfiles}: invalid configuration names the profile and the
 * rule.
 *
 * @author Signet developers
 */
class SigningProfilesTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = {
			"no callers|signet.profiles.p.validity=10m|signet.profiles.p|no caller may use it",
			"reserved name|signet.profiles.delivery.clients=web|signet.profiles.delivery|reserved for the rate limits",
			"bad regex|signet.profiles.p.allowed.folder.pattern=[a-|signet.profiles.p.allowed.folder|pattern is not a valid",
			"unknown kind|signet.profiles.p.allowed.folder.kind=url|signet.profiles.p.allowed.folder|kind must be",
			"unknown placeholder|signet.profiles.p.forced.folder=u/{user}|signet.profiles.p.forced.folder|{user}",
			"forced file|signet.profiles.p.forced.file=x|signet.profiles.p.forced.file|never be signed",
			"forced timestamp|signet.profiles.p.forced.timestamp=1|signet.profiles.p.forced.timestamp|never be signed",
			"stripped name|signet.profiles.p.allowed.publicid.kind=path|signet.profiles.p.allowed.publicid|public-id",
			"long validity|signet.profiles.p.validity=2h|signet.profiles.p.validity|between 1m and 1h",
			"resource type|signet.profiles.p.resource-types=pdf|signet.profiles.p.resource-types|image, video",
			"other account|signet.profiles.p.account=eu|signet.profiles.p.account|no Cloudinary account is named",
			"item pattern alone|signet.profiles.p.allowed.tags.item-pattern=[a-z]+|signet.profiles.p.allowed.tags|needs max-items" })
	void compileWhenProfileIsInvalidNamesProfileAndRule(String description, String property, String setting,
			String rule) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!description.equals("no callers")) {
			properties.put("signet.profiles.p.clients", "web");
		}
		String[] pair = property.split("=", 2);
		properties.put(pair[0], pair[1]);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo(setting);
				assertThat(ex.getMessage()).contains(rule);
			});
	}

	@Test
	void workedExampleOfTheReadmeCompiles() throws Exception {
		String readme = java.nio.file.Files.readString(java.nio.file.Path.of("docs/profiles.md"));
		int start = readme.indexOf("```yaml", readme.indexOf("### Worked example")) + "```yaml".length();
		String yaml = readme.substring(start, readme.indexOf("```", start));
		java.util.Map<String, Object> properties = new LinkedHashMap<>();
		new org.springframework.boot.env.YamlPropertySourceLoader()
			.load("readme", new org.springframework.core.io.ByteArrayResource(yaml.getBytes()))
			.forEach((source) -> {
				for (String name : ((org.springframework.core.env.EnumerablePropertySource<?>) source)
					.getPropertyNames()) {
					properties.put(name, source.getProperty(name));
				}
			});
		SigningProfiles profiles = SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons());
		assertThat(profiles.all()).containsKeys("default", "avatar", "products", "widget-page");
		assertThat(profiles.get("avatar").forcedTemplates()).containsKeys("folder", "public_id", "overwrite",
				"upload_preset", "allowed_formats");
		assertThat(profiles.get("products").permits(Caller.ofApiKey("shop-backend", null))).isTrue();
		assertThat(profiles.get("products").permits(Caller.ofApiKey("web", null))).isFalse();
	}

	@Test
	void compileWhenParameterIsBothForcedAndAllowedFails() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web", "signet.profiles.p.forced.folder",
				"x", "signet.profiles.p.allowed.folder.kind", "path");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons()))
			.withMessageContaining("either forced or allowed");
	}

	@Test
	void plainUnderscoredParameterNameIsNeverSilentlyMisread() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web",
				"signet.profiles.p.allowed.public_id.kind", "path");
		try {
			SigningProfile profile = SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons())
				.get("p");
			assertThat(profile.allowedRules()).containsOnlyKeys("public_id");
		}
		catch (InvalidSettingException ex) {
			assertThat(ex.getMessage()).contains("public-id");
		}
	}

	@Test
	void bracketedParameterNamesKeepTheirUnderscore() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web",
				"signet.profiles.p.forced.[upload_preset]", "avatars");
		SigningProfile profile = SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons())
			.get("p");
		assertThat(profile.forcedTemplates()).containsEntry("upload_preset", "avatars");
	}

	@Test
	void forcedTemplatesResolveForTheCaller() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web", "signet.profiles.p.forced.folder",
				"u/{ns}/{client}/{sub}/{date}", "signet.profiles.p.forced.public-id", "{uuid}");
		SigningProfile profile = SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons())
			.get("p");
		Caller caller = Caller.ofApiKey("web", "alice");
		Map<String, String> forced = profile.resolveForced(caller, 2);
		assertThat(forced.get("folder")).matches("u/[a-z2-7]{26}/web/alice/\\d{4}-\\d{2}-\\d{2}");
		assertThat(forced.get("public_id")).matches("[0-9a-f-]{36}");
		assertThat(profile.matchesForced("folder", forced.get("folder"), caller)).isTrue();
		assertThat(profile.matchesForced("public_id", forced.get("public_id"), caller)).isTrue();
		assertThat(profile.matchesForced("folder", forced.get("folder"), Caller.ofApiKey("web", "bob"))).isFalse();
	}

	@Test
	void profileOpensUploadPresetsByName() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web",
				"signet.profiles.p.allowed.upload-preset.values", "avatars,banners");
		UploadPolicy policy = SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons())
			.get("p")
			.policy();
		java.util.List<dev.signet.refusal.ParameterProblem> problems = new java.util.ArrayList<>();
		assertThat(policy.apply(Map.of("upload_preset", ParamValue.of("avatars")), Map.of(), UploadPolicy.Mode.STAMPED,
				2, problems))
			.containsEntry("upload_preset", "avatars");
		assertThat(problems).isEmpty();
		policy.apply(Map.of("upload_preset", ParamValue.of("admin-unsigned")), Map.of(), UploadPolicy.Mode.STAMPED, 2,
				problems);
		assertThat(problems).singleElement()
			.satisfies((problem) -> assertThat(problem.reason()).contains("accepted values are avatars, banners"));
	}

}
