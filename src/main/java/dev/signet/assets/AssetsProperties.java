package dev.signet.assets;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.assets.*}: how long upload records are kept and how the app may wait for
 * one. (Skeleton: completed by the records work.)
 *
 * @param retention how long a record is kept after its signature expired
 * @param maxRecords the most records the embedded store holds
 * @param maxWait the longest {@code ?wait=} of {@code GET /v1/uploads/{id}}
 * @param maxWaiters the most requests waiting at once on one replica
 * @author Signet developers
 */
@ConfigurationProperties("signet.assets")
public record AssetsProperties(@DefaultValue("24h") Duration retention, @DefaultValue("100000") int maxRecords,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("1000") int maxWaiters) {

}
