package dev.signet.assets;

import java.time.Duration;

import dev.signet.redis.RedisConnection;
import io.lettuce.core.ScriptOutputType;

/**
 * The {@link ByteQuota} in the shared Redis: per owner, profile and UTC day a set of the
 * upload ids counted ({@code signet:quota:{<owner>:<profile>:<day>}:ids}) and their bytes
 * ({@code ...:bytes}), both kept about two days. One Lua script adds the id and, only
 * when it was new, the bytes, so an upload counts once whichever replica reports it.
 *
 * @author Signet developers
 */
public final class RedisByteQuota implements ByteQuota {

	private static final long KEEP_SECONDS = Duration.ofHours(50).toSeconds();

	private static final String ADD = """
			if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
			  redis.call('INCRBY', KEYS[2], ARGV[2])
			end
			redis.call('EXPIRE', KEYS[1], ARGV[3])
			redis.call('EXPIRE', KEYS[2], ARGV[3])
			return tonumber(redis.call('GET', KEYS[2]) or '0')
			""";

	private final RedisConnection redis;

	/**
	 * A quota in Redis.
	 * @param redis the shared connection
	 */
	public RedisByteQuota(RedisConnection redis) {
		this.redis = redis;
	}

	@Override
	public long add(String owner, String profile, long epochDay, String uploadId, long bytes) {
		String prefix = prefix(owner, profile, epochDay);
		try {
			Long total = this.redis.commands()
				.eval(ADD, ScriptOutputType.INTEGER, new String[] { prefix + ":ids", prefix + ":bytes" }, uploadId,
						Long.toString(bytes), Long.toString(KEEP_SECONDS));
			return (total != null) ? total : 0;
		}
		catch (RuntimeException ex) {
			throw new UploadRecordStore.Unavailable("Redis did not count the upload's bytes", ex);
		}
	}

	@Override
	public long used(String owner, String profile, long epochDay) {
		try {
			String value = this.redis.commands().get(prefix(owner, profile, epochDay) + ":bytes");
			return (value != null) ? Long.parseLong(value) : 0;
		}
		catch (RuntimeException ex) {
			throw new UploadRecordStore.Unavailable("Redis did not answer the bytes used", ex);
		}
	}

	private static String prefix(String owner, String profile, long epochDay) {
		return "signet:quota:{" + owner + ":" + profile + ":" + epochDay + "}";
	}

}
