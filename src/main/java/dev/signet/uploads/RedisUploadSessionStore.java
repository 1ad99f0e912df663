package dev.signet.uploads;

import java.time.Duration;

import dev.signet.redis.RedisConnection;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Upload sessions in the Redis every replica shares: one JSON value per session, which
 * Redis forgets on its own {@link #GRACE} after the session expires
 * ({@code SET ... PXAT}). A part may be re-signed by any replica.
 *
 * @author Signet developers
 */
class RedisUploadSessionStore implements UploadSessionStore, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RedisConnection redis;

	private final String prefix;

	RedisUploadSessionStore(RedisURI uri, String prefix, Duration timeout) {
		uri.setTimeout(timeout);
		RedisClient client = RedisClient.create(uri);
		// A Redis that does not answer must not hold a request for Lettuce's 10 s
		// default.
		client.setOptions(
				ClientOptions.builder().socketOptions(SocketOptions.builder().connectTimeout(timeout).build()).build());
		this.redis = new RedisConnection(client);
		this.prefix = prefix;
	}

	@Override
	public void save(UploadSession session) {
		String value = JSON.writeValueAsString(session);
		long forgetAt = (session.expiresAt() + GRACE.toSeconds()) * 1000;
		try {
			this.redis.commands().set(this.prefix + session.id(), value, SetArgs.Builder.pxAt(forgetAt));
		}
		catch (RuntimeException ex) {
			throw new Unavailable("Redis did not answer", ex);
		}
	}

	@Override
	public @Nullable UploadSession find(String id) {
		String value;
		try {
			value = this.redis.commands().get(this.prefix + id);
		}
		catch (RuntimeException ex) {
			throw new Unavailable("Redis did not answer", ex);
		}
		if (value == null) {
			return null;
		}
		try {
			return JSON.readValue(value, UploadSession.class);
		}
		catch (JacksonException ex) {
			throw new Unavailable("the session in Redis is not one Signet wrote", null);
		}
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
