package dev.signet.system;

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
 * @author Signet developers
 */
@ConfigurationProperties("signet.http")
@Validated
public record HttpProperties(@DefaultValue("16KB") DataSize maxBodySize,
		@DefaultValue("256KB") DataSize maxNotificationBodySize) {

}
