package dev.signet.assets;

import java.time.Clock;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import dev.signet.codec.Sha256;
import dev.signet.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link UploadRecordStore} in the Redis all replicas share: one JSON value per
 * record under {@code signet:upload:{<id>}}, and for records tied by public id an index
 * {@code signet:upload-pid:<account>:<sha256(public_id)>}, both expiring at the record's
 * expiry plus the retention (a TTL from this replica's clock). Changes are a
 * compare-and-set of the whole value (a Lua script), retried when another replica changed
 * it first. Any failure is {@link UploadRecordStore.Unavailable}, never with the URL.
 *
 * @author Signet developers
 */
public final class RedisUploadRecordStore implements UploadRecordStore, AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CAS = "if redis.call('GET', KEYS[1]) == ARGV[1] then "
			+ "redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 else return 0 end";

	private static final int ATTEMPTS = 50;

	private final RedisConnection redis;

	private final long retentionSeconds;

	private final Clock clock;

	/**
	 * A store.
	 * @param redis the shared Redis (closed with this)
	 * @param properties the retention
	 * @param clock the clock of the TTLs
	 */
	public RedisUploadRecordStore(RedisConnection redis, AssetsProperties properties, Clock clock) {
		this.redis = redis;
		this.retentionSeconds = properties.retention().toSeconds();
		this.clock = clock;
	}

	@Override
	public void create(UploadRecord record) {
		// A TTL relative to this replica's clock, not an absolute PXAT: Redis counts
		// it on its own clock, so clock skew between hosts cannot shorten a record's
		// life.
		long ttlMillis = Math.max(1, (record.expiresAt() + this.retentionSeconds) * 1000 - this.clock.millis());
		try {
			this.redis.commands().set(key(record.id()), JSON.writeValueAsString(record), SetArgs.Builder.px(ttlMillis));
			if (UploadRecord.TIE_PUBLIC_ID.equals(record.tie()) && record.publicId() != null) {
				this.redis.commands()
					.set(indexKey(record.account(), record.publicId()), record.id(),
							SetArgs.Builder.px(ttlMillis).nx());
			}
		}
		catch (RuntimeException ex) {
			throw unavailable("store", ex);
		}
	}

	@Override
	public @Nullable UploadRecord find(String id) {
		String value;
		try {
			value = this.redis.commands().get(key(id));
		}
		catch (RuntimeException ex) {
			throw unavailable("read", ex);
		}
		return (value != null) ? read(value) : null;
	}

	@Override
	public @Nullable String findByPublicId(String account, String publicId) {
		try {
			return this.redis.commands().get(indexKey(account, publicId));
		}
		catch (RuntimeException ex) {
			throw unavailable("read", ex);
		}
	}

	@Override
	public @Nullable UploadRecord update(String id, UnaryOperator<UploadRecord> change) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			String before;
			try {
				before = this.redis.commands().get(key(id));
			}
			catch (RuntimeException ex) {
				throw unavailable("read", ex);
			}
			if (before == null) {
				return null;
			}
			UploadRecord current = read(before);
			UploadRecord next = change.apply(current);
			if (next == current) {
				return current;
			}
			Long swapped;
			try {
				swapped = this.redis.commands()
					.eval(CAS, ScriptOutputType.INTEGER, new String[] { key(id) }, before,
							JSON.writeValueAsString(next));
			}
			catch (RuntimeException ex) {
				throw unavailable("update", ex);
			}
			if (swapped != null && swapped == 1L) {
				return next;
			}
		}
		throw new Unavailable("the upload record kept changing under " + ATTEMPTS + " attempts to update it", null);
	}

	@Override
	public void close() {
		this.redis.close();
	}

	private static UploadRecord read(String value) {
		try {
			return JSON.readValue(value, UploadRecord.class);
		}
		catch (JacksonException ex) {
			throw new Unavailable("an upload record in Redis is not readable", ex);
		}
	}

	private static Unavailable unavailable(String what, RuntimeException ex) {
		return new Unavailable(
				"the shared Redis did not " + what + " the upload record (" + ex.getClass().getSimpleName() + ")", ex);
	}

	static String key(String id) {
		return "signet:upload:{" + id + "}";
	}

	static String indexKey(String account, String publicId) {
		return "signet:upload-pid:" + account + ":" + HexFormat.of().formatHex(Sha256.digest(publicId));
	}

}
