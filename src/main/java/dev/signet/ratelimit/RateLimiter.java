package dev.signet.ratelimit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.signet.codec.Sha256;
import dev.signet.refusal.LimitStatus;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.VerboseResult;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Checks and spends tokens: per caller, per client app and per profile (all callers
 * together), and failed authentications per source address. Buckets live in this process,
 * or in Redis when {@code signet.redis.url} (or its old name
 * {@code signet.rate-limit.redis-url}) is set; while Redis does not answer, each replica
 * enforces its share ({@code limit / replicas}) in process, so limits are never lifted
 * and signing never fails because of Redis.
 *
 * @author Signet developers
 */
public class RateLimiter implements AutoCloseable {

	static final String AUTH_FAILURES = "auth-failures";

	private static final String GLOBAL_ID = "*";

	/** How many bucket keys are remembered (about 200 bytes each). */
	static final int KEYS = 10_000;

	/** What each kind of endpoint with buckets of its own serves, for refusal texts. */
	private static final Map<String, String> KIND_WORDS = Map.of(RateLimitProperties.DELIVERY,
			"delivery URLs and auth tokens", RateLimitProperties.VERIFICATION,
			"notification and response verification, profile descriptions", RateLimitProperties.DIAGNOSTICS,
			"signature diagnostics", RateLimitProperties.RESIGNING, "re-signatures of upload sessions' parts",
			RateLimitProperties.OPERATOR, "operator pages");

	private static final Set<String> KINDS = KIND_WORDS.keySet();

	private final boolean enabled;

	private final Cache<String, String> keys = Caffeine.newBuilder().maximumSize(KEYS).build();

	private final RateLimitProperties properties;

	private final Policy authFailures;

	private final LocalBuckets local;

	private final LocalBuckets shares;

	private final @Nullable RedisBuckets redis;

	private final MeterRegistry registry;

	private final Counter redisFailures;

	public RateLimiter(RateLimitProperties properties, MeterRegistry registry) {
		this(properties, properties.redisUri(), registry);
	}

	/**
	 * A limiter whose buckets live in the given Redis.
	 * @param properties the limits
	 * @param uri the Redis all replicas share, with its command timeout, or {@code null}
	 * for in-process buckets only
	 * @param registry where the limiter's metrics go
	 */
	RateLimiter(RateLimitProperties properties, @Nullable RedisURI uri, MeterRegistry registry) {
		this.enabled = properties.enabled();
		this.properties = properties;
		this.registry = registry;
		this.authFailures = Policy.of(AUTH_FAILURES, required(properties.authFailures()));
		this.local = new LocalBuckets(properties.maxLocalBuckets(), 1);
		this.shares = new LocalBuckets(properties.maxLocalBuckets(), properties.replicas());
		this.redis = (this.enabled && uri != null) ? new RedisBuckets(uri, properties.redisKeyPrefix(),
				properties.failureThreshold(), properties.retryInterval()) : null;
		this.redisFailures = Counter.builder("signet.ratelimit.redis.failures")
			.description("Redis operations of the rate limiter that failed or timed out")
			.register(registry);
		Gauge.builder("signet.ratelimit.degraded", this, (limiter) -> limiter.degraded() ? 1 : 0)
			.description("1 while Redis is unreachable and each replica enforces its share of the limits")
			.register(registry);
		Gauge.builder("signet.ratelimit.local.buckets", this, (limiter) -> limiter.local.size() + limiter.shares.size())
			.description("In-process buckets held by this replica")
			.register(registry);
		if (this.redis != null) {
			this.redis.start();
		}
	}

	/**
	 * Spends one token of the caller's, the client's and the profile's buckets.
	 * @param profile the resolved profile name
	 * @param caller who asks (API-key client, or JWT issuer and subject)
	 * @param client the client app
	 * @return what to tell the client about the tightest limit
	 * @throws Refusal 429 {@code rate-limited} with {@code Retry-After},
	 * {@code RateLimit-Policy} and {@code RateLimit} headers when a limit is reached
	 */
	public LimitStatus consume(String profile, String caller, String client) {
		if (!this.enabled) {
			return LimitStatus.UNLIMITED;
		}
		RateLimitProperties.ProfileLimits limits = this.properties.forProfile(profile);
		List<Check> checks = List.of(new Check(Policy.of("caller", required(limits.caller())), caller),
				new Check(Policy.of("client", required(limits.client())), client),
				new Check(Policy.of("global", required(limits.global())), GLOBAL_ID));
		Outcome outcome = run((source) -> attempt(source, profile, checks));
		if (outcome.refused()) {
			throw refusal(profile, outcome);
		}
		return outcome.decision();
	}

	/**
	 * Reads the caller's, the client's and the profile's buckets without spending from
	 * them (and without creating one in this process: a bucket never used is full).
	 * @param profile the profile name, or the kind of endpoint, whose buckets to read
	 * @param caller who asks (API-key client, or JWT issuer and subject)
	 * @param client the client app
	 * @return the three buckets' states, caller first; empty when limits are off
	 */
	public List<BucketState> peek(String profile, String caller, String client) {
		if (!this.enabled) {
			return List.of();
		}
		RateLimitProperties.ProfileLimits limits = this.properties.forProfile(profile);
		List<Check> checks = List.of(new Check(Policy.of("caller", required(limits.caller())), caller),
				new Check(Policy.of("client", required(limits.client())), client),
				new Check(Policy.of("global", required(limits.global())), GLOBAL_ID));
		return run((source) -> {
			List<BucketState> states = new ArrayList<>(checks.size());
			for (Check check : checks) {
				Policy configured = check.policy();
				Policy policy = source.effective(configured);
				Bucket bucket = source.existing(key(profile, policy, check.id()), policy);
				long remaining = policy.capacity();
				long quotaRemaining = policy.quota();
				if (bucket != null) {
					long[] available = bucket.asVerbose()
						.getAvailableTokens()
						.getDiagnostics()
						.getAvailableTokensPerEachBandwidth();
					remaining = Math.max(0, available[0]);
					if (available.length > 1) {
						quotaRemaining = Math.max(0, available[1]);
					}
				}
				long reset = seconds((policy.capacity() - remaining) * policy.period().toNanos() / policy.capacity());
				states.add(new BucketState(policy.name(), policy.capacity(), policy.period().toSeconds(), remaining,
						reset, policy.quota(), policy.quotaPeriod().toSeconds(), quotaRemaining,
						!policy.equals(configured)));
			}
			return states;
		});
	}

	/**
	 * Refuses a source address that has failed to authenticate too often, before its
	 * credentials are checked.
	 * @param address the remote address
	 * @throws Refusal 429 when the address is over its limit
	 */
	public void checkAuthFailures(String address) {
		if (!this.enabled) {
			return;
		}
		Outcome outcome = run((source) -> {
			Policy policy = source.effective(this.authFailures);
			EstimationProbe probe = source.bucket(key("", policy, address), policy).estimateAbilityToConsume(1);
			return probe.canBeConsumed() ? Outcome.ALLOWED
					: Outcome.refused(policy, false, probe.getNanosToWaitForRefill());
		});
		if (outcome.refused()) {
			throw refusal("", outcome);
		}
	}

	/**
	 * Counts a failed authentication of a source address.
	 * @param address the remote address
	 */
	public void recordAuthFailure(String address) {
		if (!this.enabled) {
			return;
		}
		run((source) -> {
			Policy policy = source.effective(this.authFailures);
			return source.bucket(key("", policy, address), policy).tryConsume(1);
		});
	}

	/**
	 * How limits are enforced right now.
	 * @return {@code off}, {@code local} (no Redis configured), {@code redis} or
	 * {@code degraded} (Redis configured but unreachable)
	 */
	public String mode() {
		if (!this.enabled) {
			return "off";
		}
		if (this.redis == null) {
			return "local";
		}
		return this.redis.degraded() ? "degraded" : "redis";
	}

	/**
	 * Whether Redis is configured but Signet is using per-replica shares.
	 * @return true while degraded
	 */
	public boolean degraded() {
		return this.redis != null && this.redis.degraded();
	}

	@Nullable Instant degradedSince() {
		return (this.redis != null) ? this.redis.degradedSince() : null;
	}

	@Nullable String lastRedisFailure() {
		return (this.redis != null) ? this.redis.lastFailure() : null;
	}

	int replicas() {
		return this.properties.replicas();
	}

	@Override
	public void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	private <T> T run(Function<BucketSource, T> action) {
		if (this.redis == null) {
			return action.apply(this.local);
		}
		RedisBuckets.Shared shared = this.redis.source();
		if (shared != null) {
			try {
				T result = action.apply(shared);
				this.redis.succeeded();
				return result;
			}
			catch (RuntimeException ex) {
				this.redisFailures.increment();
				this.redis.failed(shared, ex);
			}
		}
		return action.apply(this.shares);
	}

	private Outcome attempt(BucketSource source, String profile, List<Check> checks) {
		List<Bucket> taken = new ArrayList<>(checks.size());
		LimitStatus tightest = null;
		for (Check check : checks) {
			Policy policy = source.effective(check.policy());
			Bucket bucket = source.bucket(key(profile, policy, check.id()), policy);
			VerboseResult<ConsumptionProbe> result = bucket.asVerbose().tryConsumeAndReturnRemaining(1);
			ConsumptionProbe probe = result.getValue();
			long[] available = result.getDiagnostics().getAvailableTokensPerEachBandwidth();
			if (!probe.isConsumed()) {
				refund(taken);
				boolean quota = policy.hasQuota() && available.length > 1 && available[1] < 1;
				return Outcome.refused(policy, quota, probe.getNanosToWaitForRefill());
			}
			taken.add(bucket);
			for (int i = 0; i < available.length; i++) {
				long remaining = Math.max(0, available[i]);
				if (tightest == null || remaining < tightest.remaining()) {
					boolean quota = i > 0;
					long reset = quota ? seconds(probe.getNanosToWaitForReset())
							: seconds((policy.capacity() - remaining) * policy.period().toNanos() / policy.capacity());
					tightest = new LimitStatus(policy.policyItem(quota), policy.partName(quota), remaining, reset);
				}
			}
		}
		return new Outcome((tightest != null) ? tightest : LimitStatus.UNLIMITED, null, false, 0);
	}

	private static void refund(List<Bucket> taken) {
		for (Bucket bucket : taken) {
			try {
				bucket.addTokens(1);
			}
			catch (RuntimeException ex) {
				// A lost refund only makes the limit stricter by one token.
			}
		}
	}

	private Refusal refusal(String profile, Outcome outcome) {
		Policy policy = required(outcome.policy());
		boolean quota = outcome.quota();
		long retry = Math.max(1, seconds(outcome.waitNanos()));
		String name = policy.partName(quota);
		Counter.builder("signet.ratelimit.refused")
			.description("Requests refused by a rate limit or quota")
			.tag("limit", name)
			.tag("profile", profile.isEmpty() ? "none" : profile)
			.register(this.registry)
			.increment();
		String limit = policy.describe(quota);
		String detail;
		if (KINDS.contains(profile)) {
			// The buckets of a kind of endpoint, not of a profile a caller names.
			String what = "'" + profile + "' requests (" + KIND_WORDS.get(profile) + ")";
			detail = switch (policy.name()) {
				case "caller" -> "This caller may send " + limit + " " + what;
				case "client" -> "This client app may send " + limit + " " + what + ", all its callers together";
				case "global" -> "All callers together may send " + limit + " " + what;
				default -> "Too many failed authentications from this address (" + limit + ")";
			};
		}
		else {
			detail = switch (policy.name()) {
				case "caller" -> "This caller may sign " + limit + " with profile '" + profile + "'";
				case "client" ->
					"This client app may sign " + limit + " with profile '" + profile + "', all its callers together";
				case "global" -> "Profile '" + profile + "' may sign " + limit + " for all callers together";
				default -> "Too many failed authentications from this address (" + limit + ")";
			};
		}
		detail = detail + (degraded() ? " (this replica's share while the shared limiter is unreachable)" : "")
				+ "; retry in " + retry + " s.";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("limit", name);
		properties.put("retry_after", retry);
		return new Refusal(Reason.RATE_LIMITED, detail, List.of(), properties).retryAfter(retry)
			.limit(new LimitStatus(policy.policyItem(quota), name, 0, retry));
	}

	/**
	 * The key of a bucket: the policy's name and a digest of the profile, the policy's
	 * settings and the caller (so that ids never appear in Redis). Remembered for the
	 * most recent {@value #KEYS} buckets, so that a caller's repeated requests hash
	 * nothing.
	 * @param profile the profile, or the kind of endpoint
	 * @param policy the policy
	 * @param id the caller, client app, source address or {@code *} (all callers)
	 * @return the key
	 */
	private String key(String profile, Policy policy, String id) {
		String name = policy.name();
		String text = profile + "\n" + policy.fingerprint() + "\n" + id;
		return this.keys.get(name.length() + ":" + name + text, (ignored) -> digest(name, text));
	}

	private static String digest(String name, String text) {
		return name + ":" + HexFormat.of().formatHex(Sha256.digest(text), 0, 16);
	}

	private static long seconds(long nanos) {
		return (nanos <= 0) ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("Rate limit settings were not resolved");
		}
		return value;
	}

	private record Check(Policy policy, String id) {

	}

	private record Outcome(LimitStatus decision, @Nullable Policy policy, boolean quota, long waitNanos) {

		static final Outcome ALLOWED = new Outcome(LimitStatus.UNLIMITED, null, false, 0);

		static Outcome refused(Policy policy, boolean quota, long waitNanos) {
			return new Outcome(LimitStatus.UNLIMITED, policy, quota, waitNanos);
		}

		boolean refused() {
			return this.policy != null;
		}

	}

}
