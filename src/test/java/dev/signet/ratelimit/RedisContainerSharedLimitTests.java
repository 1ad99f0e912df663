package dev.signet.ratelimit;

import java.util.UUID;

import dev.signet.support.Needs;
import dev.signet.support.Tool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two limiters share a caller's bucket through Redis in a container (Testcontainers, the
 * locally built {@code redis:7.2} image, never pulled). Needs Docker and that image:
 * fails under {@code CI=true} without them, skipped with a message elsewhere.
 *
 * @author Signet developers
 */
class RedisContainerSharedLimitTests {

	private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.2");

	@Test
	@Needs(Tool.REDIS_IMAGE)
	void twoLimitersShareACallersBucketThroughRedisInAContainer() {
		try (GenericContainer<?> redis = new GenericContainer<>(IMAGE).withImagePullPolicy((name) -> false)
			.withExposedPorts(6379)
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1))) {
			redis.start();
			String[] settings = { "redis-url", "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
					"redis-key-prefix", "test:" + UUID.randomUUID() + ":", "redis-timeout", "2s", "caller.capacity",
					"5", "caller.period", "1h" };
			try (RateLimiter first = RateLimitSettings.limiter(settings);
					RateLimiter second = new RateLimiter(RateLimitSettings.bind(settings), new SimpleMeterRegistry())) {
				assertThat(first.mode()).isEqualTo("redis");
				assertThat(second.mode()).isEqualTo("redis");
				for (int i = 0; i < 5; i++) {
					RateLimiter limiter = (i % 2 == 0) ? first : second;
					assertThat(limiter.consume("default", "alice", "web").remaining()).isEqualTo(4 - i);
				}
				assertThatExceptionOfType(dev.signet.refusal.Refusal.class)
					.isThrownBy(() -> first.consume("default", "alice", "web"));
				assertThatExceptionOfType(dev.signet.refusal.Refusal.class)
					.isThrownBy(() -> second.consume("default", "alice", "web"));
				assertThat(second.consume("default", "bob", "web").remaining()).isEqualTo(4);
			}
		}
	}

}
