package dev.signet.ratelimit;

import java.time.Duration;
import java.util.Objects;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;

/**
 * A resolved limit of one scope ({@code caller}, {@code client}, {@code global} or
 * {@code auth-failures}): a greedy-refill rate bandwidth and an optional quota bandwidth
 * that refills all at once per quota period.
 *
 * @param name the scope's name, used in headers, metrics and problem details
 * @param capacity tokens per period, also the largest burst
 * @param period the refill period of the rate bandwidth
 * @param quota tokens per quota period, 0 for no quota
 * @param quotaPeriod the quota period, {@link Duration#ZERO} for no quota
 * @author Signet developers
 */
record Policy(String name, long capacity, Duration period, long quota, Duration quotaPeriod) {

	static Policy of(String name, RateLimitProperties.Limit limit) {
		int quota = limit.quotaOrZero();
		return new Policy(name, Objects.requireNonNull(limit.capacity()), Objects.requireNonNull(limit.period()), quota,
				(quota > 0) ? Objects.requireNonNull(limit.quotaPeriod()) : Duration.ZERO);
	}

	/**
	 * This replica's share while the shared buckets are unreachable: the limit divided by
	 * the number of replicas, rounded down, and never below one token.
	 * @param replicas the largest expected number of replicas
	 * @return the share
	 */
	Policy share(int replicas) {
		if (replicas <= 1) {
			return this;
		}
		return new Policy(this.name, Math.max(1, this.capacity / replicas), this.period,
				(this.quota > 0) ? Math.max(1, this.quota / replicas) : 0, this.quotaPeriod);
	}

	boolean hasQuota() {
		return this.quota > 0;
	}

	BucketConfiguration configuration() {
		ConfigurationBuilder builder = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder()
				.capacity(this.capacity)
				.refillGreedy(this.capacity, this.period)
				.id("rate")
				.build());
		if (hasQuota()) {
			builder.addLimit(Bandwidth.builder()
				.capacity(this.quota)
				.refillIntervally(this.quota, this.quotaPeriod)
				.id("quota")
				.build());
		}
		return builder.build();
	}

	/**
	 * How long an untouched bucket takes to be full again; after that it can be dropped
	 * without changing any decision.
	 * @return the time
	 */
	Duration idleExpiry() {
		return (this.quotaPeriod.compareTo(this.period) > 0) ? this.quotaPeriod : this.period;
	}

	/**
	 * A short text that changes whenever the limit changes, so that buckets stored under
	 * another configuration are not reused.
	 * @return the fingerprint
	 */
	String fingerprint() {
		return this.capacity + "." + this.period.toSeconds() + "." + this.quota + "." + this.quotaPeriod.toSeconds();
	}

	/**
	 * The name of one of this policy's bandwidths in headers: {@code caller} for the
	 * rate, {@code caller-quota} for the quota.
	 * @param quotaPart whether the quota bandwidth is meant
	 * @return the name
	 */
	String partName(boolean quotaPart) {
		return quotaPart ? this.name + "-quota" : this.name;
	}

	/**
	 * One item of the {@code RateLimit-Policy} field
	 * (draft-ietf-httpapi-ratelimit-headers).
	 * @param quotaPart whether the quota bandwidth is meant
	 * @return e.g. {@code "caller";q=10;w=60}
	 */
	String policyItem(boolean quotaPart) {
		long q = quotaPart ? this.quota : this.capacity;
		long w = Math.max(1, (quotaPart ? this.quotaPeriod : this.period).toSeconds());
		return "\"" + partName(quotaPart) + "\";q=" + q + ";w=" + w;
	}

	/**
	 * The limit in words, for problem details.
	 * @param quotaPart whether the quota bandwidth is meant
	 * @return e.g. {@code 10 per minute}
	 */
	String describe(boolean quotaPart) {
		long tokens = quotaPart ? this.quota : this.capacity;
		return tokens + " per " + describe(quotaPart ? this.quotaPeriod : this.period);
	}

	private static String describe(Duration period) {
		long seconds = period.toSeconds();
		if (seconds == 1) {
			return "second";
		}
		if (seconds == 60) {
			return "minute";
		}
		if (seconds == 3600) {
			return "hour";
		}
		if (seconds == 86400) {
			return "day";
		}
		return seconds + " seconds";
	}

}
