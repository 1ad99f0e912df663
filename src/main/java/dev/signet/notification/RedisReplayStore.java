package dev.signet.notification;

import java.time.Duration;

import dev.signet.redis.RedisConnection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;

/**
 * Remembers accepted notifications in Redis, shared by every replica: {@code SET id 1 NX
 * PX ttl} records a notification only if no replica has.
 *
 * @author Signet developers
 */
class RedisReplayStore implements ReplayStore, AutoCloseable {

	private final RedisConnection redis;

	private final String prefix;

	RedisReplayStore(RedisURI uri, String prefix) {
		uri.setTimeout(Duration.ofSeconds(2));
		this.redis = new RedisConnection(RedisClient.create(uri));
		this.prefix = prefix;
	}

	@Override
	public boolean markFirstSeen(String id, Duration ttl) {
		try {
			return "OK"
				.equals(this.redis.commands().set(this.prefix + id, "1", SetArgs.Builder.nx().px(ttl.toMillis())));
		}
		catch (RuntimeException ex) {
			throw new UnavailableException("Redis did not answer", ex);
		}
	}

	@Override
	public void forget(String id) {
		try {
			this.redis.commands().del(this.prefix + id);
		}
		catch (RuntimeException ex) {
			throw new UnavailableException("Redis did not answer", ex);
		}
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
