package dev.signet.ratelimit;

import java.time.Duration;

import dev.signet.refusal.LimitStatus;
import dev.signet.refusal.Refusal;
import dev.signet.settings.InvalidSettingException;
import dev.signet.web.ProblemResponses;
import dev.signet.web.ProblemStatuses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link RateLimiter} with real in-process Bucket4j buckets.
 *
 * @author Signet developers
 */
class RateLimiterTests {

	@Test
	void defaultsLimitEachCallerToTenPerMinuteAndTwoHundredPerDay() {
		RateLimitProperties properties = RateLimitSettings.bind();
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.caller())
			.isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(1), 200, Duration.ofDays(1)));
		assertThat(properties.client().capacity()).isEqualTo(200);
		assertThat(properties.global().capacity()).isEqualTo(1000);
		assertThat(properties.authFailures().capacity()).isEqualTo(20);
		assertThat(properties.replicas()).isEqualTo(3);
		assertThat(properties.redisTimeout()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void callerOverItsLimitIsRefusedWithRetryAfterAndRateLimitHeaders() {
		try (RateLimiter limiter = RateLimitSettings.limiter()) {
			for (int i = 0; i < 10; i++) {
				LimitStatus decision = limiter.consume("default", "alice", "web");
				assertThat(decision.remaining()).isEqualTo(9 - i);
				assertThat(decision.name()).isEqualTo("caller");
			}
			Refusal refused = refusal(() -> limiter.consume("default", "alice", "web"));
			assertThat(ProblemStatuses.of(refused.reason())).isEqualTo(429);
			assertThat(refused.reason().uri().toString()).endsWith("/rate-limited");
			assertThat(refused.detail()).contains("This caller may sign 10 per minute with profile 'default'")
				.containsPattern("retry in [1-6] s\\.$");
			long retry = Long.parseLong(ProblemResponses.headers(refused).get("Retry-After"));
			assertThat(retry).isBetween(1L, 6L);
			assertThat(ProblemResponses.headers(refused)).containsEntry("RateLimit-Policy", "\"caller\";q=10;w=60")
				.containsEntry("RateLimit", "\"caller\";r=0;t=" + retry);
			assertThat(refused.properties()).containsEntry("limit", "caller").containsEntry("retry_after", retry);
		}
	}

	@Test
	void anotherCallerOfTheSameClientKeepsItsOwnBucket() {
		try (RateLimiter limiter = RateLimitSettings.limiter("caller.capacity", "2")) {
			limiter.consume("default", "alice", "web");
			limiter.consume("default", "alice", "web");
			refusal(() -> limiter.consume("default", "alice", "web"));
			assertThat(limiter.consume("default", "bob", "web").remaining()).isEqualTo(1);
		}
	}

	@Test
	void clientLimitCoversAllItsCallersTogether() {
		try (RateLimiter limiter = RateLimitSettings.limiter("client.capacity", "3", "client.period", "1h")) {
			limiter.consume("default", "a", "web");
			limiter.consume("default", "b", "web");
			limiter.consume("default", "c", "web");
			Refusal refused = refusal(() -> limiter.consume("default", "d", "web"));
			assertThat(ProblemResponses.headers(refused)).containsEntry("RateLimit-Policy", "\"client\";q=3;w=3600");
			assertThat(refused.detail()).contains("This client app may sign 3 per hour");
			limiter.consume("default", "d", "mobile");
		}
	}

	@Test
	void globalLimitCoversEveryCallerAndClientOfTheProfile() {
		try (RateLimiter limiter = RateLimitSettings.limiter("global.capacity", "4", "global.period", "1m")) {
			for (int i = 0; i < 4; i++) {
				limiter.consume("default", "caller-" + i, "client-" + i);
			}
			Refusal refused = refusal(() -> limiter.consume("default", "new", "new"));
			assertThat(refused.properties()).containsEntry("limit", "global");
			assertThat(refused.detail()).contains("Profile 'default' may sign 4 per minute for all callers");
		}
	}

	@Test
	void refusalByALaterLimitGivesBackTheTokensOfEarlierOnes() {
		try (RateLimiter limiter = RateLimitSettings.limiter("caller.capacity", "3", "caller.period", "1h",
				"client.capacity", "1", "client.period", "1h")) {
			limiter.consume("default", "alice", "web");
			for (int i = 0; i < 3; i++) {
				assertThat(refusal(() -> limiter.consume("default", "bob", "web")).properties()).containsEntry("limit",
						"client");
			}
			limiter.consume("default", "bob", "mobile");
			limiter.consume("default", "bob", "tablet");
			limiter.consume("default", "bob", "tv");
			assertThat(refusal(() -> limiter.consume("default", "bob", "watch")).properties()).containsEntry("limit",
					"caller");
		}
	}

	@Test
	void aCallerNamedLikeItsClientWithTheSameLimitsStillHasTwoBuckets() {
		try (RateLimiter limiter = RateLimitSettings.limiter("enabled", "true", "caller.capacity", "2", "caller.period",
				"1h", "caller.quota", "0", "client.capacity", "2", "client.period", "1h")) {
			assertThat(limiter.consume("default", "web", "web").remaining()).isEqualTo(1);
			assertThat(limiter.consume("default", "web", "web").remaining()).isZero();
			assertThat(refusal(() -> limiter.consume("default", "web", "web")).properties()).containsKey("limit");
		}
	}

	@Test
	void bucketKeysAreRememberedPerCallerAndNeverShared() {
		try (RateLimiter limiter = RateLimitSettings.limiter("enabled", "true", "caller.capacity", "3", "caller.period",
				"1h", "caller.quota", "0")) {
			for (int i = 0; i < 2; i++) {
				limiter.consume("default", "alice", "web");
			}
			assertThat(limiter.consume("default", "alice", "web").remaining()).isZero();
			assertThat(limiter.consume("default", "alice\nx", "web").remaining()).as("another caller").isEqualTo(2);
			assertThat(limiter.consume("other", "alice", "web").remaining()).as("another profile").isEqualTo(2);
		}
	}

	@Test
	void profileOverrideAppliesToThatProfileOnlyAndKeepsOtherDefaults() {
		RateLimitProperties properties = RateLimitSettings.bind("profiles.avatar.caller.capacity", "2",
				"profiles.avatar.caller.period", "1h");
		assertThat(properties.forProfile("avatar").caller())
			.isEqualTo(new RateLimitProperties.Limit(2, Duration.ofHours(1), 200, Duration.ofDays(1)));
		assertThat(properties.forProfile("avatar").client()).isEqualTo(properties.client());
		try (RateLimiter limiter = new RateLimiter(properties, new SimpleMeterRegistry())) {
			limiter.consume("avatar", "alice", "web");
			limiter.consume("avatar", "alice", "web");
			Refusal refused = refusal(() -> limiter.consume("avatar", "alice", "web"));
			assertThat(ProblemResponses.headers(refused)).containsEntry("RateLimit-Policy", "\"caller\";q=2;w=3600");
			assertThat(refused.detail()).contains("profile 'avatar'");
			assertThat(limiter.consume("default", "alice", "web").remaining()).isEqualTo(9);
		}
	}

	@Test
	void quotaRefusalNamesTheQuotaAndWaitsForItsPeriod() {
		try (RateLimiter limiter = RateLimitSettings.limiter("caller.capacity", "100", "caller.period", "1s",
				"caller.quota", "3", "caller.quota-period", "1d")) {
			LimitStatus last = null;
			for (int i = 0; i < 3; i++) {
				last = limiter.consume("default", "alice", "web");
			}
			assertThat(ProblemResponses.rateLimitHeaders(last)).containsEntry("RateLimit-Policy",
					"\"caller-quota\";q=3;w=86400");
			Refusal refused = refusal(() -> limiter.consume("default", "alice", "web"));
			assertThat(refused.properties()).containsEntry("limit", "caller-quota");
			assertThat(Long.parseLong(ProblemResponses.headers(refused).get("Retry-After"))).isGreaterThan(86000);
			assertThat(refused.detail()).contains("This caller may sign 3 per day");
		}
	}

	@Test
	void disabledLimiterNeverLimitsAndSendsNoHeaders() {
		try (RateLimiter limiter = RateLimitSettings.limiter("enabled", "false", "caller.capacity", "1", "redis-url",
				"redis://127.0.0.1:1")) {
			for (int i = 0; i < 1000; i++) {
				assertThat(ProblemResponses.rateLimitHeaders(limiter.consume("default", "alice", "web"))).isEmpty();
				limiter.recordAuthFailure("192.0.2.1");
			}
			limiter.checkAuthFailures("192.0.2.1");
			assertThat(limiter.mode()).isEqualTo("off");
		}
	}

	@Test
	void authFailuresOfAnAddressAreLimitedAndOtherAddressesAreNot() {
		try (RateLimiter limiter = RateLimitSettings.limiter("auth-failures.capacity", "3")) {
			for (int i = 0; i < 3; i++) {
				limiter.checkAuthFailures("192.0.2.1");
				limiter.recordAuthFailure("192.0.2.1");
			}
			Refusal refused = refusal(() -> limiter.checkAuthFailures("192.0.2.1"));
			assertThat(ProblemResponses.headers(refused)).containsEntry("RateLimit-Policy",
					"\"auth-failures\";q=3;w=60");
			assertThat(refused.detail()).startsWith("Too many failed authentications from this address");
			limiter.checkAuthFailures("192.0.2.2");
		}
	}

	@Test
	void perReplicaShareDividesEachLimitButNeverBelowOne() {
		Policy policy = Policy.of("caller",
				new RateLimitProperties.Limit(10, Duration.ofMinutes(1), 200, Duration.ofDays(1)));
		assertThat(policy.share(3)).isEqualTo(new Policy("caller", 3, Duration.ofMinutes(1), 66, Duration.ofDays(1)));
		assertThat(policy.share(50).capacity()).isEqualTo(1);
		assertThat(policy.share(1)).isEqualTo(policy);
	}

	@Test
	void inProcessBucketsAreBoundedInNumber() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (RateLimiter limiter = new RateLimiter(
				RateLimitSettings.bind("max-local-buckets", "100", "global.capacity", "100000"), registry)) {
			for (int i = 0; i < 2000; i++) {
				limiter.consume("default", "caller-" + i, "client-" + i);
			}
			assertThat(registry.get("signet.ratelimit.local.buckets").gauge().value()).isBetween(1.0, 100.0);
		}
	}

	@Test
	void settingsOutOfRangeFailNamingTheSettingButNotTheValue() {
		assertInvalid("signet.rate-limit.caller.capacity", "caller.capacity", "0");
		assertInvalid("signet.rate-limit.profiles.avatar.client.period", "profiles.avatar.client.period", "10ms");
		assertInvalid("signet.rate-limit.caller.quota-period", "caller.quota", "5", "caller.quota-period", "0s");
		assertInvalid("signet.rate-limit.replicas", "replicas", "0");
		Throwable failure = catchThrowableOfType(BindException.class,
				() -> RateLimitSettings.bind("redis-url", "http://user:CANARYredis@host:6379"));
		assertThat(failure).rootCause().hasMessageContaining("signet.rate-limit.redis-url");
		assertThat(failure).rootCause().message().doesNotContain("CANARYredis");
		assertThat(RateLimitSettings.bind("redis-url", "redis://:CANARYredis@127.0.0.1:6390").toString())
			.doesNotContain("CANARYredis");
	}

	private static void assertInvalid(String setting, String... pairs) {
		Throwable failure = catchThrowableOfType(BindException.class, () -> RateLimitSettings.bind(pairs));
		assertThat(failure).as(setting).isNotNull();
		assertThat(failure).rootCause()
			.isInstanceOf(InvalidSettingException.class)
			.hasMessageStartingWith(setting + " is invalid");
	}

	private static Refusal refusal(Runnable action) {
		return assertThatExceptionOfType(Refusal.class).isThrownBy(action::run).actual();
	}

}
