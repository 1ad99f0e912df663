package dev.signet.assets;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.cloudinary-api.*}: how Signet calls Cloudinary's Admin API (resource
 * lookups) and Upload API {@code destroy}. (Skeleton: the settings are completed by the
 * admin client's work.)
 *
 * @param timeout the deadline of one call, connect included
 * @param attempts how many times a lookup is tried before it is given up as unavailable
 * @param backoff the first wait between attempts (doubled each time)
 * @param removalBackoffMax the longest wait between two attempts of one removal
 * @author Signet developers
 */
@ConfigurationProperties("signet.cloudinary-api")
public record CloudinaryApiProperties(@DefaultValue("5s") Duration timeout, @DefaultValue("3") int attempts,
		@DefaultValue("200ms") Duration backoff, @DefaultValue("10m") Duration removalBackoffMax) {

}
