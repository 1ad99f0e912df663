package dev.signet.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signet.access.Caller;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.refusal.Refusal;
import dev.signet.settings.InvalidSettingException;
import dev.signet.web.ProblemStatuses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeliveryProfiles}.
 *
 * @author Signet developers
 */
class DeliveryProfilesTests {

	private static final CloudinaryAccounts ACCOUNTS = new CloudinaryAccounts() {

		@Override
		public KeyRing keyRing(String name) {
			return KeyRing.parse(name, "cloudinary://1:secret@demo", "X", null);
		}

		@Override
		public Set<String> names() {
			return Set.of("default");
		}

	};

	@Test
	void newProfilesWhenSettingsAreWrongFailStartupNamingTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new DeliveryProfiles(Map.of("p", profile(List.of(), "nope", null)), ACCOUNTS))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.delivery.profiles.p.account"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new DeliveryProfiles(Map.of("p", profile(List.of(), "default", "([")), ACCOUNTS))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.delivery.profiles.p.public-id-pattern"));
	}

	@Test
	void profileThatNamesNoCallerFailsStartupAsInSigning() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new DeliveryProfiles(Map.of("p", profile(List.of(), "default", null)), ACCOUNTS))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.delivery.profiles.p"))
			.withMessageContaining("no caller may use it");
	}

	@Test
	void profileNamedDefaultIsTakenWhenTheRequestNamesNoneAsInSigning() {
		DeliveryProfiles profiles = new DeliveryProfiles(Map.of("default", profile(List.of("*"), "default", null),
				"thumbs", profile(List.of("web"), "default", null)), ACCOUNTS);
		assertThat(profiles.select(null, api("web")).name()).isEqualTo("default");
		assertThat(profiles.select("thumbs", api("web")).name()).isEqualTo("thumbs");
	}

	@Test
	void selectPicksTheOnlyOpenProfileOrRequiresAName() {
		DeliveryProfiles profiles = new DeliveryProfiles(Map.of("web", profile(List.of("web"), "default", "a/.*"),
				"all", profile(List.of("*"), "default", null)), ACCOUNTS);
		assertThat(profiles.select("web", api("web")).name()).isEqualTo("web");
		assertThat(profiles.select(null, api("mobile")).name()).isEqualTo("all");
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select(null, api("web")))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(400));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select("web", api("mobile")))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(403));
		// One selection rule for every kind of profile: an unknown name is
		// unknown-profile
		// (was profile-forbidden for delivery before the access pipeline).
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select("nope", api("web")))
			.satisfies((ex) -> assertThat(ex.reason().slug()).isEqualTo("unknown-profile"));
		assertThat(profiles.select("web", api("web")).allowsPublicId("a/b")).isTrue();
		assertThat(profiles.select("web", api("web")).allowsPublicId("b/a/b")).isFalse();
	}

	@Test
	void selectWhenNoProfileIsConfiguredIsForbidden() {
		DeliveryProfiles profiles = new DeliveryProfiles(Map.of(), ACCOUNTS);
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select(null, api("web")))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(403));
	}

	@Test
	void jwtCallersAreMatchedByTheirClientNeverByTheirSubject() {
		DeliveryProfiles profiles = new DeliveryProfiles(
				Map.of("private", profile(List.of("backend"), List.of("spa", "https://idp.example"), "default", null)),
				ACCOUNTS);
		Caller userNamedBackend = new Caller("https://idp.example", "https://idp.example", "backend", Set.of(), false);
		Caller spaUser = new Caller("spa", "https://idp.example", "alice@example.com", Set.of(), false);
		Caller jwtClientNamedBackend = new Caller("backend", "https://idp.example", "bob", Set.of(), false);
		assertThat(profiles.select("private", api("backend")).name()).isEqualTo("private");
		assertThat(profiles.select("private", spaUser).name()).isEqualTo("private");
		assertThat(profiles.select("private", userNamedBackend).name()).isEqualTo("private");
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select("private", jwtClientNamedBackend))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(403));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> profiles.select("private", api("spa")))
			.satisfies((ex) -> assertThat(ProblemStatuses.of(ex.reason())).isEqualTo(403));
	}

	private static Caller api(String client) {
		return Caller.ofApiKey(client, null);
	}

	private static DeliveryProperties.Profile profile(List<String> clients, String account, String pattern) {
		return profile(clients, List.of(), account, pattern);
	}

	private static DeliveryProperties.Profile profile(List<String> clients, List<String> jwtClients, String account,
			String pattern) {
		return new DeliveryProperties.Profile(clients, jwtClients, account, pattern, List.of(), false, Set.of("upload"),
				Set.of("image"), List.of(), Duration.ofHours(1));
	}

}
