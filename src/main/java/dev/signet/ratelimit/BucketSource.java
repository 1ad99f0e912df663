package dev.signet.ratelimit;

import io.github.bucket4j.Bucket;
import org.jspecify.annotations.Nullable;

/**
 * Where buckets live: in this process, in this process as a per-replica share, or in
 * Redis.
 *
 * @author Signet developers
 */
interface BucketSource {

	/**
	 * The policy this source enforces for a configured one.
	 * @param policy the configured policy
	 * @return the policy in force here
	 */
	Policy effective(Policy policy);

	/**
	 * The bucket for a key, created full on first use.
	 * @param key the bucket key
	 * @param policy the policy in force, as returned by {@link #effective(Policy)}
	 * @return the bucket
	 */
	Bucket bucket(String key, Policy policy);

	/**
	 * The bucket for a key if it exists, for reading without creating one (a missing
	 * bucket is full).
	 * @param key the bucket key
	 * @param policy the policy in force, as returned by {@link #effective(Policy)}
	 * @return the bucket, or {@code null} when none was created yet
	 */
	default @Nullable Bucket existing(String key, Policy policy) {
		return bucket(key, policy);
	}

}
