package dev.signet.signing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.signet.SignetApplication;
import dev.signet.assets.AssetRules;
import dev.signet.settings.InvalidSettingException;
import dev.signet.support.Profiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests of the profile settings Cloudinary cannot sign ({@code max-width},
 * {@code max-height}, {@code max-duration}, {@code max-bytes-per-day}, {@code notify}):
 * validated at startup, and fed to the profile's {@link AssetRules}.
 *
 * @author Signet developers
 */
class AssetRulesSettingsTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "max-width|0|positive", "max-width|-3|positive", "max-height|0|positive",
					"max-duration|0s|longer than zero", "max-duration|-5s|longer than zero",
					"max-bytes-per-day|0B|at least 1B", "notify|true|signet.public-url" })
	void anInvalidSettingFailsNamingIt(String setting, String value, String rule) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("signet.profiles.p.clients", "web");
		properties.put("signet.profiles.p." + setting, value);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningProfiles.compile(Profiles.bind(properties), UploadPolicy.dangerReasons()))
			.satisfies((ex) -> {
				assertThat(ex.getSetting()).isEqualTo("signet.profiles.p." + setting);
				assertThat(ex.getMessage()).contains(rule);
			});
	}

	@Test
	void everyRuleFeedsTheProfilesAssetRules() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("signet.profiles.p.clients", "web");
		properties.put("signet.profiles.p.max-bytes", "1000B");
		properties.put("signet.profiles.p.formats", "jpg,png");
		properties.put("signet.profiles.p.max-width", "800");
		properties.put("signet.profiles.p.max-height", "600");
		properties.put("signet.profiles.p.max-duration", "30s");
		properties.put("signet.profiles.p.max-bytes-per-day", "1MB");
		SigningProfile profile = SigningProfiles
			.compile(Profiles.bind(properties), UploadPolicy.dangerReasons(), Set.of("default"), null)
			.get("p");
		assertThat(profile.assetRules())
			.isEqualTo(new AssetRules(1000L, Set.of("jpg", "png"), 800, 600, 30.0, 1_048_576L));
		assertThat(profile.notifies()).isFalse();
	}

	@Test
	void thePublicUrlIsReadFromTheEnvironmentVariableTheChartSets() {
		org.springframework.core.env.StandardEnvironment environment = new org.springframework.core.env.StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource("env",
					Map.of("SIGNET_PUBLIC_URL", "https://signet.example.com")));
		assertThat(org.springframework.boot.context.properties.bind.Binder.get(environment)
			.bind("signet.public-url", java.net.URI.class)
			.get()).hasToString("https://signet.example.com");
	}

	@Test
	void notifyWithAPublicUrlCompiles() {
		Map<String, Object> properties = Map.of("signet.profiles.p.clients", "web", "signet.profiles.p.notify", "true");
		SigningProfile profile = SigningProfiles
			.compile(Profiles.bind(properties), UploadPolicy.dangerReasons(), Set.of("default"),
					"https://signet.example.com/v1/notifications/cloudinary")
			.get("p");
		assertThat(profile.notifies()).isTrue();
	}

	@Test
	void notifyWithoutAPublicUrlFailsStartupNamingBothSettings() {
		assertThatThrownBy(() -> new SpringApplicationBuilder(SignetApplication.class)
			.run("--server.port=0", "--CLOUDINARY_URL=cloudinary://123456789012345:abcdefghijklmnop@demo",
					"--SIGNET_API_KEYS=backend:backend-key-0123456789abcdef", "--signet.profiles.p.clients=backend",
					"--signet.profiles.p.notify=true")
			.close()).satisfies((ex) -> {
				Throwable cause = ex;
				while (cause.getCause() != null && cause.getCause() != cause) {
					cause = cause.getCause();
				}
				assertThat(cause).isInstanceOf(InvalidSettingException.class);
				assertThat(((InvalidSettingException) cause).getSetting()).isEqualTo("signet.profiles.p.notify");
				assertThat(cause.getMessage()).contains("signet.public-url");
			});
	}

}
