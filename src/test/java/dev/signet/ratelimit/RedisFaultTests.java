package dev.signet.ratelimit;

import java.io.IOException;
import java.time.Duration;

import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import dev.signet.web.ProblemResponses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis faults seen by one {@link RateLimiter}: Redis down at startup, and Redis that
 * hangs (SIGSTOP) instead of refusing connections.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS_SERVER)
class RedisFaultTests {

	@Test
	void limiterStartsDegradedWhenRedisIsDownAndSharesLimitsOnceItStarts() throws InterruptedException {
		int port = RedisServers.freePort();
		RateLimitProperties properties = RateLimitSettings.bind("redis-url", "redis://127.0.0.1:" + port,
				"retry-interval", "200ms", "caller.capacity", "9", "redis-timeout", "1s");
		try (RateLimiter limiter = new RateLimiter(properties, new SimpleMeterRegistry())) {
			assertThat(limiter.mode()).isEqualTo("degraded");
			assertThat(ProblemResponses.rateLimitHeaders(limiter.consume("default", "alice", "web")))
				.containsEntry("RateLimit-Policy", "\"caller\";q=3;w=60");
			RedisServers.Server redis = RedisServers.start(port);
			try {
				awaitMode(limiter, "redis", Duration.ofSeconds(10));
				assertThat(ProblemResponses.rateLimitHeaders(limiter.consume("default", "alice", "web")))
					.containsEntry("RateLimit-Policy", "\"caller\";q=9;w=60");
			}
			finally {
				redis.close();
			}
		}
	}

	@Test
	void hangingRedisCostsAtMostTheTimeoutUntilTheCircuitOpens() throws Exception {
		try (RedisServers.Server redis = RedisServers.start()) {
			RateLimitProperties properties = RateLimitSettings.bind("redis-url", redis.url(), "redis-timeout", "100ms",
					"failure-threshold", "2", "retry-interval", "200ms", "caller.capacity", "1000");
			try (RateLimiter limiter = new RateLimiter(properties, new SimpleMeterRegistry())) {
				limiter.consume("default", "alice", "web");
				assertThat(limiter.mode()).isEqualTo("redis");
				signal(redis, "STOP");
				try {
					for (int i = 0; i < 2; i++) {
						long start = System.nanoTime();
						limiter.consume("default", "alice", "web");
						assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
					}
					assertThat(limiter.mode()).isEqualTo("degraded");
					long start = System.nanoTime();
					for (int i = 0; i < 50; i++) {
						limiter.consume("default", "caller-" + i, "web");
					}
					assertThat(Duration.ofNanos(System.nanoTime() - start))
						.as("while the circuit is open nothing waits on Redis")
						.isLessThan(Duration.ofSeconds(1));
				}
				finally {
					signal(redis, "CONT");
				}
				awaitMode(limiter, "redis", Duration.ofSeconds(10));
			}
		}
	}

	private static void signal(RedisServers.Server redis, String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(redis.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	private static void awaitMode(RateLimiter limiter, String mode, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!limiter.mode().equals(mode)) {
			assertThat(System.nanoTime()).as("mode " + mode + " within " + within).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
