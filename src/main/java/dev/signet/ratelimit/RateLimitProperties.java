package dev.signet.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.signet.redis.SharedRedisProperties;
import dev.signet.settings.InvalidSettingException;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits and quotas ({@code signet.rate-limit.*}). Each caller, each client and each
 * profile as a whole has a token bucket; limits are never unlimited unless
 * {@code enabled=false}.
 *
 * @param enabled whether limits apply at all ({@code false} only for benchmarks)
 * @param redisUrl {@code redis://} or {@code rediss://} URL of the Redis that all
 * replicas share; the old name of {@code signet.redis.url}, which it must equal when both
 * are set; without either every replica keeps its own in-process buckets
 * @param redisKeyPrefix prefix of every Redis key, so that several deployments can share
 * one Redis
 * @param redisTimeout command timeout for Redis; a slower answer counts as a failure
 * @param failureThreshold consecutive Redis failures after which Signet stops asking
 * Redis and uses per-replica buckets
 * @param retryInterval how often Signet probes Redis again while degraded
 * @param replicas the largest number of replicas expected; while Redis is unreachable
 * each replica allows {@code limit / replicas} (at least 1) so that all of them together
 * stay within the shared limit
 * @param maxLocalBuckets how many in-process buckets each replica keeps at most (idle
 * buckets expire once they would be full again)
 * @param caller default limit of each caller (API-key client or JWT issuer and subject)
 * @param client default limit of each client app (API-key client or JWT {@code azp} /
 * {@code client_id}), all its callers together
 * @param global default limit of each profile, all callers together
 * @param authFailures failed authentications allowed per source address; over it the
 * address gets 429 before its credentials are even checked
 * @param profiles per-profile overrides of {@code caller}, {@code client} and
 * {@code global}; unset fields keep the defaults above
 * @author Signet developers
 */
@ConfigurationProperties("signet.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @Nullable String redisUrl,
		@DefaultValue("signet:rl:") String redisKeyPrefix, @DefaultValue("100ms") Duration redisTimeout,
		@DefaultValue("3") int failureThreshold, @DefaultValue("5s") Duration retryInterval,
		@DefaultValue("3") int replicas, @DefaultValue("100000") int maxLocalBuckets, @Nullable Limit caller,
		@Nullable Limit client, @Nullable Limit global, @Nullable Limit authFailures,
		@Nullable Map<String, ProfileLimits> profiles) {

	/**
	 * The buckets of {@code /v1/delivery-urls} and {@code /v1/auth-tokens}: apart from
	 * signing, and larger by default ({@link #DEFAULT_DELIVERY_CALLER});
	 * {@code signet.rate-limit.profiles.delivery} overrides them.
	 */
	public static final String DELIVERY = "delivery";

	/**
	 * The buckets of the endpoints that check or describe rather than issue;
	 * {@code signet.rate-limit.profiles.verification} overrides them.
	 */
	public static final String VERIFICATION = "verification";

	/**
	 * The buckets of re-signing an upload session's parts ({@code POST
	 * /v1/uploads/{id}/signature}): apart from the caller's signatures and generous
	 * ({@link #DEFAULT_RESIGNING_CALLER}), since a mobile SDK fails an upload for good
	 * when its signature provider fails; {@code signet.rate-limit.profiles.resigning}
	 * overrides them.
	 */
	public static final String RESIGNING = "resigning";

	/**
	 * The buckets of {@code /v1/diagnostics};
	 * {@code signet.rate-limit.profiles.diagnostics} overrides them.
	 */
	public static final String DIAGNOSTICS = "diagnostics";

	/**
	 * The buckets of the operator pages ({@code /v1/operator/**}): apart from every
	 * caller's own and generous ({@link #DEFAULT_OPERATOR_CALLER}), since a console
	 * refreshes several pages at once; {@code signet.rate-limit.profiles.operator}
	 * overrides them.
	 */
	public static final String OPERATOR = "operator";

	static final String PREFIX = "signet.rate-limit.";

	/** Each caller: 10 per minute (burst 10), and 200 per day. */
	static final Limit DEFAULT_CALLER = new Limit(10, Duration.ofMinutes(1), 200, Duration.ofDays(1));

	/** Each client app: 200 per second. */
	static final Limit DEFAULT_CLIENT = new Limit(200, Duration.ofSeconds(1), 0, null);

	/** Each profile, everyone together: 1000 per second. */
	static final Limit DEFAULT_GLOBAL = new Limit(1000, Duration.ofSeconds(1), 0, null);

	/** Each source address: 20 failed authentications per minute. */
	static final Limit DEFAULT_AUTH_FAILURES = new Limit(20, Duration.ofMinutes(1), 0, null);

	/** Each caller's delivery URLs and auth tokens: a page of private images at once. */
	static final Limit DEFAULT_DELIVERY_CALLER = new Limit(300, Duration.ofMinutes(1), 0, null);

	/** Each caller's verifications and profile descriptions. */
	static final Limit DEFAULT_VERIFICATION_CALLER = new Limit(120, Duration.ofMinutes(1), 0, null);

	/**
	 * Each caller's re-signatures of upload parts: ten a second, enough for many parallel
	 * uploads of 5 MB parts and their retries.
	 */
	static final Limit DEFAULT_RESIGNING_CALLER = new Limit(600, Duration.ofMinutes(1), 0, null);

	/** Each operator's page views: a console refreshing its pages every second. */
	static final Limit DEFAULT_OPERATOR_CALLER = new Limit(600, Duration.ofMinutes(1), 0, null);

	public RateLimitProperties {
		if (redisUrl != null && redisUrl.isBlank()) {
			redisUrl = null;
		}
		if (redisUrl != null) {
			SharedRedisProperties.parse(PREFIX + "redis-url", redisUrl);
		}
		if (!redisKeyPrefix.matches("[A-Za-z0-9:._{}-]{0,64}")) {
			throw new InvalidSettingException(PREFIX + "redis-key-prefix",
					"it must be at most 64 letters, digits or : . _ - { }");
		}
		requireBetween("redis-timeout", redisTimeout, Duration.ofMillis(1), Duration.ofSeconds(10));
		requireBetween("retry-interval", retryInterval, Duration.ofMillis(10), Duration.ofMinutes(10));
		requireAtLeast("failure-threshold", failureThreshold, 1);
		requireAtLeast("replicas", replicas, 1);
		requireAtLeast("max-local-buckets", maxLocalBuckets, 100);
		caller = Limit.merge(caller, DEFAULT_CALLER).validate(PREFIX + "caller");
		client = Limit.merge(client, DEFAULT_CLIENT).validate(PREFIX + "client");
		global = Limit.merge(global, DEFAULT_GLOBAL).validate(PREFIX + "global");
		authFailures = Limit.merge(authFailures, DEFAULT_AUTH_FAILURES).validate(PREFIX + "auth-failures");
		Map<String, ProfileLimits> resolved = new LinkedHashMap<>();
		// The kinds of endpoint that are not signing have defaults of their own.
		Map<String, Limit> kindCallers = Map.of(DELIVERY, DEFAULT_DELIVERY_CALLER, VERIFICATION,
				DEFAULT_VERIFICATION_CALLER, RESIGNING, DEFAULT_RESIGNING_CALLER, OPERATOR, DEFAULT_OPERATOR_CALLER);
		for (Map.Entry<String, Limit> kind : kindCallers.entrySet()) {
			resolved.put(kind.getKey(), new ProfileLimits(kind.getValue(), client, global));
		}
		if (profiles != null) {
			for (Map.Entry<String, ProfileLimits> entry : profiles.entrySet()) {
				String name = entry.getKey();
				if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
					throw new InvalidSettingException(PREFIX + "profiles",
							"a profile name must be 1 to 64 letters, digits, '-' or '_'");
				}
				ProfileLimits limits = entry.getValue();
				String prefix = PREFIX + "profiles." + name + ".";
				Limit baseCaller = kindCallers.getOrDefault(name, caller);
				resolved.put(name,
						new ProfileLimits(Limit.merge(limits.caller(), baseCaller).validate(prefix + "caller"),
								Limit.merge(limits.client(), client).validate(prefix + "client"),
								Limit.merge(limits.global(), global).validate(prefix + "global")));
			}
		}
		profiles = Map.copyOf(resolved);
	}

	/**
	 * The limits of a profile: its overrides merged over the defaults.
	 * @param profile the profile name
	 * @return the limits that apply
	 */
	public ProfileLimits forProfile(String profile) {
		ProfileLimits limits = (this.profiles != null) ? this.profiles.get(profile) : null;
		return (limits != null) ? limits : new ProfileLimits(this.caller, this.client, this.global);
	}

	/**
	 * The Redis URL, parsed, with the command timeout applied.
	 * @return the URI, or {@code null} when Redis is not configured
	 */
	@Nullable RedisURI redisUri() {
		return redisUri(new SharedRedisProperties(null));
	}

	/**
	 * The Redis the buckets live in: {@code redis-url} (the old name) or the shared
	 * {@code signet.redis.url}, with the command timeout applied.
	 * @param shared the shared Redis setting
	 * @return the URI, or {@code null} when neither is set
	 */
	@Nullable RedisURI redisUri(SharedRedisProperties shared) {
		RedisURI uri = shared.uriFor(PREFIX + "redis-url", this.redisUrl);
		if (uri != null) {
			uri.setTimeout(this.redisTimeout);
		}
		return uri;
	}

	@Override
	public String toString() {
		return "RateLimitProperties[enabled=" + this.enabled + ", redis=" + ((this.redisUrl != null) ? "set" : "unset")
				+ ", caller=" + this.caller + ", client=" + this.client + ", global=" + this.global + ", profiles="
				+ this.profiles + "]";
	}

	private static void requireBetween(String name, Duration value, Duration min, Duration max) {
		if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new InvalidSettingException(PREFIX + name, "it must be between " + min + " and " + max);
		}
	}

	private static void requireAtLeast(String name, int value, int min) {
		if (value < min) {
			throw new InvalidSettingException(PREFIX + name, "it must be at least " + min);
		}
	}

	/**
	 * One limit: a token bucket of {@code capacity} tokens that refills at
	 * {@code capacity} per {@code period} (so the burst is the capacity), and an optional
	 * quota of {@code quota} per {@code quota-period} that refills all at once at the end
	 * of each quota period. In per-profile overrides every field may be left out.
	 *
	 * @param capacity requests per period, also the largest burst
	 * @param period the refill period, at least one second
	 * @param quota requests per quota period; 0 for no quota
	 * @param quotaPeriod the quota period, at least one second
	 */
	public record Limit(@Nullable Integer capacity, @Nullable Duration period, @Nullable Integer quota,
			@Nullable Duration quotaPeriod) {

		static Limit merge(@Nullable Limit override, Limit base) {
			if (override == null) {
				return base;
			}
			return new Limit(pick(override.capacity, base.capacity), pick(override.period, base.period),
					pick(override.quota, base.quota), pick(override.quotaPeriod, base.quotaPeriod));
		}

		private static <T> @Nullable T pick(@Nullable T value, @Nullable T fallback) {
			return (value != null) ? value : fallback;
		}

		Limit validate(String prefix) {
			if (this.capacity == null || this.capacity < 1 || this.capacity > 1_000_000_000) {
				throw new InvalidSettingException(prefix + ".capacity", "it must be between 1 and 1000000000");
			}
			if (this.period == null || this.period.compareTo(Duration.ofSeconds(1)) < 0
					|| this.period.compareTo(Duration.ofDays(366)) > 0) {
				throw new InvalidSettingException(prefix + ".period", "it must be between 1s and 366d");
			}
			if (this.quota != null && (this.quota < 0 || this.quota > 1_000_000_000)) {
				throw new InvalidSettingException(prefix + ".quota", "it must be between 0 (no quota) and 1000000000");
			}
			if (quotaOrZero() > 0 && (this.quotaPeriod == null || this.quotaPeriod.compareTo(Duration.ofSeconds(1)) < 0
					|| this.quotaPeriod.compareTo(Duration.ofDays(366)) > 0)) {
				throw new InvalidSettingException(prefix + ".quota-period",
						"a quota needs a quota period between 1s and 366d");
			}
			return this;
		}

		/**
		 * The quota, 0 when there is none.
		 * @return the quota
		 */
		int quotaOrZero() {
			return (this.quota != null) ? this.quota : 0;
		}

		@Override
		public String toString() {
			return this.capacity + "/" + this.period
					+ ((quotaOrZero() > 0) ? " and " + this.quota + "/" + this.quotaPeriod : "");
		}

	}

	/**
	 * Limits of one profile.
	 *
	 * @param caller each caller
	 * @param client each client app
	 * @param global all callers of the profile together
	 */
	public record ProfileLimits(@Nullable Limit caller, @Nullable Limit client, @Nullable Limit global) {

	}

}
