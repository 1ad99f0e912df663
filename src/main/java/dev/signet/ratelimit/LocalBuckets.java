package dev.signet.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import org.jspecify.annotations.Nullable;

/**
 * In-process buckets, bounded in number: a bucket left alone until it would be full again
 * is dropped, and past {@code maxBuckets} the least useful ones are evicted, so that many
 * distinct callers cannot exhaust memory. With {@code replicas > 1} every limit is this
 * replica's share of the shared one.
 *
 * @author Signet developers
 */
final class LocalBuckets implements BucketSource {

	private final int replicas;

	private final Cache<String, Entry> buckets;

	LocalBuckets(int maxBuckets, int replicas) {
		this.replicas = replicas;
		this.buckets = Caffeine.newBuilder().maximumSize(maxBuckets).expireAfter(new IdleExpiry()).build();
	}

	@Override
	public Policy effective(Policy policy) {
		return policy.share(this.replicas);
	}

	@Override
	public Bucket bucket(String key, Policy policy) {
		return this.buckets.get(key, (k) -> new Entry(create(policy), policy.idleExpiry().toNanos())).bucket();
	}

	@Override
	public @Nullable Bucket existing(String key, Policy policy) {
		// Quietly: a read neither creates a bucket nor keeps an idle one alive.
		Entry entry = this.buckets.policy().getIfPresentQuietly(key);
		return (entry != null) ? entry.bucket() : null;
	}

	private static Bucket create(Policy policy) {
		LocalBucketBuilder builder = Bucket.builder();
		for (Bandwidth bandwidth : policy.configuration().getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

	long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private record Entry(Bucket bucket, long idleNanos) {

	}

	private static final class IdleExpiry implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String key, Entry value, long currentTime) {
			return value.idleNanos();
		}

		@Override
		public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
			return value.idleNanos();
		}

		@Override
		public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
			return value.idleNanos();
		}

	}

}
