package dev.signet.assets;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CloudinaryApiProperties}.
 *
 * @author Signet developers
 */
class CloudinaryApiPropertiesTests {

	private static final Duration S5 = Duration.ofSeconds(5);

	private static final Duration MS200 = Duration.ofMillis(200);

	private static final Duration M10 = Duration.ofMinutes(10);

	@Test
	void theDefaultsAreValid() {
		assertThat(new CloudinaryApiProperties(S5, 3, MS200, M10).attempts()).isEqualTo(3);
	}

	@Test
	void aZeroTimeoutNamesTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new CloudinaryApiProperties(Duration.ZERO, 3, MS200, M10))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.cloudinary-api.timeout"));
	}

	@Test
	void attemptsOutsideOneToTenNameTheSetting() {
		for (int attempts : new int[] { 0, 11 }) {
			assertThatExceptionOfType(InvalidSettingException.class)
				.isThrownBy(() -> new CloudinaryApiProperties(S5, attempts, MS200, M10))
				.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.cloudinary-api.attempts"));
		}
		assertThat(new CloudinaryApiProperties(S5, 10, MS200, M10).attempts()).isEqualTo(10);
	}

	@Test
	void aNegativeBackoffNamesTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new CloudinaryApiProperties(S5, 3, Duration.ofMillis(-1), M10))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.cloudinary-api.backoff"));
	}

	@Test
	void aRemovalBackoffMaxBelowTheBackoffNamesTheSetting() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new CloudinaryApiProperties(S5, 3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("signet.cloudinary-api.removal-backoff-max"));
	}

}
