package dev.signet.signing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the signing endpoints.
 *
 * @param widgetTimestampTolerance how far a widget's own timestamp may be from server
 * time, in either direction
 * @author Signet developers
 */
@ConfigurationProperties("signet.signing")
@Validated
public record SigningProperties(@DefaultValue("10m") Duration widgetTimestampTolerance) {

	public SigningProperties {
		if (widgetTimestampTolerance.isNegative() || widgetTimestampTolerance.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException(
					"signet.signing.widget-timestamp-tolerance must be between 0 and 1h (Cloudinary's validity)");
		}
	}

}
