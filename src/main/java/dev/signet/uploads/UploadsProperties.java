package dev.signet.uploads;

import java.time.Duration;

import dev.signet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upload sessions ({@code signet.uploads.*}). Per-profile settings (part size, session
 * validity, declared size and formats) live with the profile; the Redis is
 * {@code signet.redis.url}.
 *
 * @param maxLocalSessions how many sessions each replica keeps in process at most (all of
 * them without Redis, those begun while Redis was down with it); over it new sessions are
 * refused with 503
 * @param redisKeyPrefix prefix of every session's Redis key
 * @param redisTimeout command timeout for Redis
 * @author Signet developers
 */
@ConfigurationProperties("signet.uploads")
public record UploadsProperties(@DefaultValue("5000") int maxLocalSessions,
		@DefaultValue("signet:up:") String redisKeyPrefix, @DefaultValue("500ms") Duration redisTimeout) {

	public UploadsProperties {
		if (maxLocalSessions < 10) {
			throw new InvalidSettingException("signet.uploads.max-local-sessions", "must be at least 10");
		}
		if (!redisKeyPrefix.matches("[A-Za-z0-9:._{}-]{0,64}")) {
			throw new InvalidSettingException("signet.uploads.redis-key-prefix",
					"it must be at most 64 letters, digits or : . _ - { }");
		}
		if (redisTimeout.compareTo(Duration.ofMillis(1)) < 0 || redisTimeout.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new InvalidSettingException("signet.uploads.redis-timeout", "must be between 1ms and 10s");
		}
	}

}
