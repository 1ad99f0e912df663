package dev.signet.web;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code signet.http.*} settings out of range are refused at startup, naming the setting.
 *
 * @author Signet developers
 */
class HttpPropertiesTests {

	@Test
	void readTimeoutOutOfRangeIsRefused() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new HttpProperties(DataSize.ofKilobytes(16), DataSize.ofMegabytes(1), Duration.ZERO))
			.withMessageContaining("signet.http.read-timeout");
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(
				() -> new HttpProperties(DataSize.ofKilobytes(16), DataSize.ofMegabytes(1), Duration.ofHours(1)));
	}

}
