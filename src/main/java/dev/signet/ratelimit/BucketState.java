package dev.signet.ratelimit;

/**
 * The state of one bucket, read without spending from it: what an operator sees of a
 * caller's limits.
 *
 * @param scope whose bucket it is: {@code caller}, {@code client} (the client app, all
 * its callers together) or {@code global} (everyone together)
 * @param limit tokens per window, also the largest burst
 * @param windowSeconds the window in which {@code limit} tokens refill
 * @param remaining tokens left now
 * @param resetSeconds seconds until the bucket is full again
 * @param quota tokens per quota window, 0 for no quota
 * @param quotaWindowSeconds the quota window, 0 for no quota
 * @param quotaRemaining quota tokens left now (0 for no quota)
 * @param share whether the limits are this replica's share of the shared ones (while the
 * shared buckets in Redis are unreachable)
 * @author Signet developers
 */
public record BucketState(String scope, long limit, long windowSeconds, long remaining, long resetSeconds, long quota,
		long quotaWindowSeconds, long quotaRemaining, boolean share) {

}
