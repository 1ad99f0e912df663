package dev.signet.notification;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * Remembers accepted notifications in Redis, shared by every replica: {@code SET id 1 NX
 * PX ttl} records a notification only if no replica has.
 *
 * @author Signet developers
 */
class RedisReplayStore implements ReplayStore, AutoCloseable {

	private final RedisClient client;

	private final String prefix;

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	RedisReplayStore(RedisURI uri, String prefix) {
		uri.setTimeout(Duration.ofSeconds(2));
		this.client = RedisClient.create(uri);
		this.prefix = prefix;
	}

	@Override
	public boolean markFirstSeen(String id, Duration ttl) {
		try {
			return "OK".equals(commands().set(this.prefix + id, "1", SetArgs.Builder.nx().px(ttl.toMillis())));
		}
		catch (RuntimeException ex) {
			throw new UnavailableException("Redis did not answer", ex);
		}
	}

	@Override
	public void forget(String id) {
		try {
			commands().del(this.prefix + id);
		}
		catch (RuntimeException ex) {
			throw new UnavailableException("Redis did not answer", ex);
		}
	}

	private RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current == null || !current.isOpen()) {
			synchronized (this) {
				current = this.connection;
				if (current == null || !current.isOpen()) {
					current = this.client.connect();
					this.connection = current;
				}
			}
		}
		return current.sync();
	}

	@Override
	public void close() {
		StatefulRedisConnection<String, String> current = this.connection;
		if (current != null) {
			current.close();
		}
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

}
