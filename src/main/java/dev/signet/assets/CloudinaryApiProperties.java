package dev.signet.assets;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.cloudinary-api.*}: how Signet calls Cloudinary's Admin API (resource
 * lookups) and Upload API {@code destroy}. Invalid values fail startup naming the
 * setting.
 *
 * @param timeout the deadline of one call, connect included (greater than zero)
 * @param attempts how many times a call is tried before it is given up as unavailable (1
 * to 10)
 * @param backoff the first wait between attempts (doubled each time, zero or more)
 * @param removalBackoffMax the longest wait between two attempts of one removal (at least
 * {@code backoff})
 * @author Signet developers
 */
@ConfigurationProperties("signet.cloudinary-api")
public record CloudinaryApiProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("3") int attempts,
		@DefaultValue("200ms") Duration backoff, @DefaultValue("10m") Duration removalBackoffMax) {

	private static final String PREFIX = "signet.cloudinary-api.";

	/**
	 * Validates the settings.
	 * @param timeout the deadline of one call
	 * @param attempts the attempts
	 * @param backoff the first wait
	 * @param removalBackoffMax the longest removal wait
	 * @throws InvalidSettingException naming the setting that is wrong
	 */
	public CloudinaryApiProperties {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new InvalidSettingException(PREFIX + "timeout", "must be greater than zero, for example 5s");
		}
		if (attempts < 1 || attempts > 10) {
			throw new InvalidSettingException(PREFIX + "attempts", "must be between 1 and 10, was " + attempts);
		}
		if (backoff == null || backoff.isNegative()) {
			throw new InvalidSettingException(PREFIX + "backoff", "must be zero or more, for example 200ms");
		}
		if (removalBackoffMax == null || removalBackoffMax.compareTo(backoff) < 0) {
			throw new InvalidSettingException(PREFIX + "removal-backoff-max",
					"must be at least signet.cloudinary-api.backoff (" + backoff + ")");
		}
	}

}
