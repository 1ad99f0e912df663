package dev.signet.uploads;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload sessions in Redis, degrading the way rate limits do: while Redis does not
 * answer, new sessions go into this replica's own store (their parts can then be
 * re-signed by this replica only), and a session this replica does not hold cannot be
 * re-signed until Redis answers again ({@link UploadSessionStore.Unavailable}: a 503 with
 * {@code Retry-After}).
 *
 * @author Signet developers
 */
class SharedUploadSessionStore implements UploadSessionStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedUploadSessionStore.class);

	private final RedisUploadSessionStore redis;

	private final LocalUploadSessionStore local;

	SharedUploadSessionStore(RedisUploadSessionStore redis, LocalUploadSessionStore local) {
		this.redis = redis;
		this.local = local;
	}

	@Override
	public void save(UploadSession session) {
		if (this.local.find(session.id()) != null) {
			this.local.save(session);
			return;
		}
		try {
			this.redis.save(session);
		}
		catch (Unavailable ex) {
			log.warn("Redis did not answer; the upload session is kept by this replica only, "
					+ "whose parts only this replica can re-sign ({})", ex.getMessage());
			this.local.save(session);
		}
	}

	@Override
	public @Nullable UploadSession find(String id) {
		UploadSession held = this.local.find(id);
		return (held != null) ? held : this.redis.find(id);
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
