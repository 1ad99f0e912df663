package dev.signet.web;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP surface.
 *
 * @param maxBodySize largest request body accepted; larger ones get 413
 * @param maxNotificationBodySize largest body accepted under {@code /v1/notifications/},
 * where Cloudinary's notifications (which Signet must not lose) can be larger: an upload
 * notification is about 1 KB, plus about 0.3 KB per eager derivative and per responsive
 * breakpoint, so the default holds several hundred derivatives
 * @param readTimeout total time a client has to send one request, headers and body,
 * counted from its first byte; a slower client's connection is closed (Tomcat's
 * {@code server.tomcat.connection-timeout} only bounds each single read). Between 100 ms
 * and 10 minutes.
 * @author Signet developers
 */
@ConfigurationProperties("signet.http")
@Validated
public record HttpProperties(@DefaultValue("16KB") DataSize maxBodySize,
		@DefaultValue("256KB") DataSize maxNotificationBodySize, @DefaultValue("10s") Duration readTimeout) {

	private static final Duration MIN_READ_TIMEOUT = Duration.ofMillis(100);

	private static final Duration MAX_READ_TIMEOUT = Duration.ofMinutes(10);

	public HttpProperties {
		if (readTimeout.compareTo(MIN_READ_TIMEOUT) < 0 || readTimeout.compareTo(MAX_READ_TIMEOUT) > 0) {
			throw new InvalidSettingException("signet.http.read-timeout", "must be between 100ms and 10m");
		}
	}

}
