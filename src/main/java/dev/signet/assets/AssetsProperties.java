package dev.signet.assets;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code signet.assets.*}: how long upload records are kept and how the app may wait for
 * one. Each setting is checked at startup; a bad one fails it, naming the setting.
 *
 * @param retention how long a record is kept after its signature expired
 * @param maxRecords the most records the embedded store holds
 * @param maxWait the longest {@code ?wait=} of {@code GET /v1/uploads/{id}}
 * @param maxWaiters the most requests waiting at once on one replica
 * @param redisTimeout command timeout for the shared Redis that holds records and byte
 * quotas; a slower answer counts as Redis being down
 * @author Signet developers
 */
@ConfigurationProperties("signet.assets")
public record AssetsProperties(@DefaultValue("24h") Duration retention, @DefaultValue("100000") int maxRecords,
		@DefaultValue("30s") Duration maxWait, @DefaultValue("1000") int maxWaiters,
		@DefaultValue("500ms") Duration redisTimeout) {

	public AssetsProperties {
		positive("signet.assets.retention", retention);
		positive("signet.assets.max-wait", maxWait);
		if (maxRecords < 1) {
			throw new InvalidSettingException("signet.assets.max-records", "must be at least 1");
		}
		if (maxWaiters < 1) {
			throw new InvalidSettingException("signet.assets.max-waiters", "must be at least 1");
		}
		if (redisTimeout == null || redisTimeout.compareTo(Duration.ofMillis(1)) < 0
				|| redisTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new InvalidSettingException("signet.assets.redis-timeout", "must be between 1ms and 10s");
		}
	}

	private static void positive(String setting, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSettingException(setting, "must be a positive duration, e.g. 30s");
		}
	}

}
