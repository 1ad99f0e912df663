package dev.signet.assets;

import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upload records in Redis, degrading the way upload sessions and rate limits do: while
 * Redis does not answer, a new record goes into this replica's own store, so signing goes
 * on and the upload is still followed, by this replica only (a notification landing on
 * another replica is forwarded without a verdict, and the app reads the status on this
 * one). A record this replica does not hold cannot be read until Redis answers again
 * ({@link UploadRecordStore.Unavailable}: a 503 with {@code Retry-After}). After Redis
 * failed to take a record, new records go straight to this replica for
 * {@value #LOCAL_SECONDS} seconds, so that signatures do not each wait for the Redis
 * timeout during an outage.
 *
 * @author Signet developers
 */
public final class SharedUploadRecordStore implements UploadRecordStore, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SharedUploadRecordStore.class);

	private final RedisUploadRecordStore redis;

	private final LocalUploadRecordStore local;

	/** How long new records skip Redis after it failed to take one. */
	static final long LOCAL_SECONDS = 5;

	private volatile long localUntilNanos = System.nanoTime();

	/**
	 * A store.
	 * @param redis the shared store (closed with this)
	 * @param local where records go while Redis does not answer
	 */
	public SharedUploadRecordStore(RedisUploadRecordStore redis, LocalUploadRecordStore local) {
		this.redis = redis;
		this.local = local;
	}

	@Override
	public void create(UploadRecord record) {
		if (System.nanoTime() - this.localUntilNanos < 0) {
			this.local.create(record);
			return;
		}
		try {
			this.redis.create(record);
		}
		catch (Unavailable ex) {
			this.localUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCAL_SECONDS);
			log.warn("Redis did not answer; new uploads are followed by this replica only for the next {} s ({})",
					LOCAL_SECONDS, ex.getMessage());
			this.local.create(record);
		}
	}

	@Override
	public @Nullable UploadRecord find(String id) {
		UploadRecord held = this.local.find(id);
		return (held != null) ? held : this.redis.find(id);
	}

	@Override
	public @Nullable String findByPublicId(String account, String publicId) {
		String held = this.local.findByPublicId(account, publicId);
		return (held != null) ? held : this.redis.findByPublicId(account, publicId);
	}

	@Override
	public @Nullable UploadRecord update(String id, UnaryOperator<UploadRecord> change) {
		if (this.local.find(id) != null) {
			return this.local.update(id, change);
		}
		return this.redis.update(id, change);
	}

	@Override
	public void close() {
		this.redis.close();
	}

}
