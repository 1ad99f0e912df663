package dev.signet.assets;

import dev.signet.redis.RedisConnection;

/**
 * The {@link ByteQuota} in the shared Redis. (Skeleton.)
 *
 * @author Signet developers
 */
public final class RedisByteQuota implements ByteQuota {

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
		throw new UnsupportedOperationException("not built yet");
	}

	@Override
	public long used(String owner, String profile, long epochDay) {
		throw new UnsupportedOperationException("not built yet");
	}

}
