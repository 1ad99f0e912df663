package dev.signet.redis;

import java.util.Objects;

import dev.signet.settings.InvalidSettingException;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Redis that every replica shares ({@code signet.redis.url}, environment
 * {@code SIGNET_REDIS_URL}): rate-limit buckets and remembered notifications live there.
 * Without it each replica keeps both in process.
 * <p>
 * The settings Signet had before, {@code signet.rate-limit.redis-url} and
 * {@code signet.notifications.replay.redis-url}, are aliases of this one for their own
 * use only: given alone, an old name applies to its use as before; given together with
 * {@code signet.redis.url}, it must name the same URL, or Signet refuses to start, naming
 * both settings (never the URLs, which may hold a password).
 *
 * @param url {@code redis://[:password@]host:port[/db]} or {@code rediss://...}
 * @author Signet developers
 */
@ConfigurationProperties("signet.redis")
public record SharedRedisProperties(@Nullable String url) {

	/** The name of the setting. */
	public static final String URL = "signet.redis.url";

	public SharedRedisProperties {
		if (url != null && url.isBlank()) {
			url = null;
		}
		if (url != null) {
			parse(URL, url);
		}
	}

	/**
	 * The Redis one use of Signet talks to: the one of its old setting, or
	 * {@code signet.redis.url}.
	 * @param alias the old name of the setting for this use, e.g.
	 * {@code signet.rate-limit.redis-url}
	 * @param aliasUrl the value of the old setting, or {@code null} when it is not set
	 * @return a fresh URI (callers may set its timeout), or {@code null} when neither
	 * setting is set
	 * @throws InvalidSettingException when both are set to different URLs, or the URL is
	 * malformed
	 */
	public @Nullable RedisURI uriFor(String alias, @Nullable String aliasUrl) {
		if (aliasUrl != null && aliasUrl.isBlank()) {
			aliasUrl = null;
		}
		if (aliasUrl != null && this.url != null && !Objects.equals(aliasUrl, this.url)) {
			throw new InvalidSettingException(alias, "it is an old name of " + URL + ", which is also set, to a "
					+ "different URL; remove " + alias + " (" + URL + " covers rate limits and notification replays)");
		}
		if (aliasUrl != null) {
			return parse(alias, aliasUrl);
		}
		return (this.url != null) ? parse(URL, this.url) : null;
	}

	/**
	 * Parses a Redis URL, naming the setting (never the URL) when it is malformed.
	 * @param setting the name of the setting the URL comes from
	 * @param url the URL
	 * @return the parsed URI
	 * @throws InvalidSettingException when the URL is not a Redis URL
	 */
	public static RedisURI parse(String setting, String url) {
		if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
			throw new InvalidSettingException(setting, "it must start with redis:// or rediss://");
		}
		try {
			return RedisURI.create(url);
		}
		catch (RuntimeException ex) {
			throw new InvalidSettingException(setting, "it is not a valid Redis URL (redis://[:password@]host:port)");
		}
	}

	@Override
	public String toString() {
		return "SharedRedisProperties[url=" + ((this.url != null) ? "set" : "unset") + "]";
	}

}
