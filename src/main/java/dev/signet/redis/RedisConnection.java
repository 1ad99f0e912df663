package dev.signet.redis;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the shared Redis, opened on first use and again after it was lost, so
 * that a Redis that is down at startup does not stop Signet.
 *
 * @author Signet developers
 */
public final class RedisConnection implements AutoCloseable {

	private final RedisClient client;

	private volatile @Nullable StatefulRedisConnection<String, String> connection;

	/**
	 * A connection of a client.
	 * @param client the client, with its URI and options set; closed with this
	 */
	public RedisConnection(RedisClient client) {
		this.client = client;
	}

	/**
	 * The synchronous commands, connecting first when there is no open connection.
	 * @return the commands
	 * @throws RuntimeException when Redis cannot be reached
	 */
	public RedisCommands<String, String> commands() {
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
