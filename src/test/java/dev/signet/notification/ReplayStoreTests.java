package dev.signet.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.signet.support.Eventually;
import dev.signet.support.MutableClock;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InMemoryReplayStore} and {@link RedisReplayStore} (against a real
 * {@code redis-server}).
 *
 * @author Signet developers
 */
class ReplayStoreTests {

	@Test
	void inMemoryStoreDropsReplaysUntilTheyExpire() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
		InMemoryReplayStore store = new InMemoryReplayStore(10, clock, new SimpleMeterRegistry());
		assertThat(store.markFirstSeen("a", Duration.ofHours(2))).isTrue();
		assertThat(store.markFirstSeen("a", Duration.ofHours(2))).isFalse();
		clock.advance(Duration.ofHours(2).plusSeconds(1));
		assertThat(store.markFirstSeen("a", Duration.ofHours(2))).isTrue();
		store.forget("a");
		assertThat(store.markFirstSeen("a", Duration.ofHours(2))).isTrue();
	}

	@Test
	void inMemoryStoreWhenFullEvictsTheOldestAndCountsIt() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		InMemoryReplayStore store = new InMemoryReplayStore(3, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
				meters);
		for (String id : new String[] { "a", "b", "c", "d" }) {
			assertThat(store.markFirstSeen(id, Duration.ofHours(1))).isTrue();
		}
		assertThat(store.size()).isEqualTo(3);
		assertThat(store.markFirstSeen("d", Duration.ofHours(1))).isFalse();
		assertThat(store.markFirstSeen("a", Duration.ofHours(1))).isTrue();
		assertThat(meters.counter("signet.notifications.replay.evicted").count()).isEqualTo(2);
	}

	@Test
	@Needs(Tool.REDIS)
	void redisStoreIsSharedBetweenReplicasAndExpires() {
		String redis = RedisServers.sharedUrl();
		try (RedisReplayStore replica1 = new RedisReplayStore(RedisURI.create(redis), "test:");
				RedisReplayStore replica2 = new RedisReplayStore(RedisURI.create(redis), "test:")) {
			String id = UUID.randomUUID().toString();
			assertThat(replica1.markFirstSeen(id, Duration.ofMillis(300))).isTrue();
			assertThat(replica2.markFirstSeen(id, Duration.ofMillis(300))).isFalse();
			assertThat(replica1.markFirstSeen(id, Duration.ofMillis(300))).isFalse();
			assertThat(Eventually.within(Duration.ofSeconds(5), () -> replica2.markFirstSeen(id, Duration.ofHours(1))))
				.isTrue();
			replica1.forget(id);
			assertThat(replica2.markFirstSeen(id, Duration.ofHours(1))).isTrue();
			replica2.forget(id);
		}
	}

	@Test
	void redisStoreWhenRedisIsDownIsUnavailable() throws Exception {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		try (RedisReplayStore store = new RedisReplayStore(RedisURI.create("redis://127.0.0.1:" + port), "test:")) {
			assertThatExceptionOfType(ReplayStore.UnavailableException.class)
				.isThrownBy(() -> store.markFirstSeen("x", Duration.ofMinutes(1)));
		}
	}

}
