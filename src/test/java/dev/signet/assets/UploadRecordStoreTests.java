package dev.signet.assets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.signet.access.AuditTrail;
import dev.signet.access.Caller;
import dev.signet.redis.RedisConnection;
import dev.signet.settings.InvalidSettingException;
import dev.signet.support.MutableClock;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The record stores: the local bound, and the shared Redis store's compare-and-set and
 * sharing between replicas.
 *
 * @author Signet developers
 */
class UploadRecordStoreTests {

	final MutableClock clock = new MutableClock(Instant.now());

	UploadRecord record(String id, long createdAt, long expiresAt) {
		return new UploadRecord(id, "owner", "key:web", "avatars", "default", "image", "p-" + id,
				UploadRecord.TIE_PUBLIC_ID, null, null, AssetRules.NONE, createdAt, expiresAt, UploadRecord.ISSUED,
				null, null, false);
	}

	@Test
	void theLocalStoreHoldsAtMostMaxRecordsEvictingTheFirstSignedFirst() {
		AssetsProperties properties = new AssetsProperties(Duration.ofSeconds(10), 2, Duration.ofSeconds(5), 10,
				Duration.ofMillis(500));
		LocalUploadRecordStore store = new LocalUploadRecordStore(properties, this.clock);
		long now = this.clock.instant().getEpochSecond();
		store.create(record("old", now - 100, now - 50));
		store.create(record("live", now - 200, now + 600));
		store.create(record("new", now, now + 600));
		assertThat(store.size()).isEqualTo(2);
		assertThat(store.find("live")).isNotNull();
		assertThat(store.find("old")).isNull();
		store.create(record("newer", now + 1, now + 600));
		assertThat(store.size()).isEqualTo(2);
		assertThat(store.find("live")).isNull();
		assertThat(store.findByPublicId("default", "p-newer")).isEqualTo("newer");
	}

	@Test
	void badAssetsSettingsFailStartupNamingTheSetting() {
		assertThatThrownBy(
				() -> new AssetsProperties(Duration.ZERO, 1, Duration.ofSeconds(1), 1, Duration.ofMillis(500)))
			.isInstanceOfSatisfying(InvalidSettingException.class,
					(e) -> assertThat(e.getSetting()).isEqualTo("signet.assets.retention"));
		assertThatThrownBy(
				() -> new AssetsProperties(Duration.ofHours(1), 0, Duration.ofSeconds(1), 1, Duration.ofMillis(500)))
			.isInstanceOfSatisfying(InvalidSettingException.class,
					(e) -> assertThat(e.getSetting()).isEqualTo("signet.assets.max-records"));
		assertThatThrownBy(
				() -> new AssetsProperties(Duration.ofHours(1), 1, Duration.ofSeconds(1), 0, Duration.ofMillis(500)))
			.isInstanceOfSatisfying(InvalidSettingException.class,
					(e) -> assertThat(e.getSetting()).isEqualTo("signet.assets.max-waiters"));
	}

	RedisUploadRecordStore redisStore() {
		return redisStore(this.clock);
	}

	static RedisUploadRecordStore redisStore(Clock clock) {
		return new RedisUploadRecordStore(new RedisConnection(RedisClient.create(RedisServers.sharedUrl())),
				UploadRecordsTests.PROPERTIES, clock);
	}

	@Test
	@Needs(Tool.REDIS_SERVER)
	void whileRedisIsDownNewRecordsAreKeptByThisReplicaAndOnlyRedisHeldOnesAnswerUnavailable() {
		try (RedisServers.Server redis = RedisServers.start()) {
			io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.create(redis.url());
			uri.setTimeout(Duration.ofMillis(300));
			long now = this.clock.instant().getEpochSecond();
			try (SharedUploadRecordStore store = new SharedUploadRecordStore(
					new RedisUploadRecordStore(new RedisConnection(RedisClient.create(uri)),
							UploadRecordsTests.PROPERTIES, this.clock),
					new LocalUploadRecordStore(UploadRecordsTests.PROPERTIES, this.clock))) {
				store.create(record("shared", now, now + 600));
				redis.kill();
				store.create(record("during", now, now + 600));
				store.create(record("after", now, now + 600));
				assertThat(store.find("during")).isNotNull();
				assertThat(store.findByPublicId("default", "p-after")).isEqualTo("after");
				assertThat(store.update("during", (r) -> r)).isNotNull();
				assertThatThrownBy(() -> store.find("shared")).isInstanceOf(UploadRecordStore.Unavailable.class);
			}
		}
	}

	@Test
	@Needs(Tool.REDIS)
	void aRedisRecordLivesItsTimeFromThisReplicasClockWhateverRedisClockSays() {
		MutableClock behind = new MutableClock(Instant.now().minus(Duration.ofDays(365)));
		try (RedisUploadRecordStore store = redisStore(behind)) {
			long now = behind.instant().getEpochSecond();
			String id = "skew-" + System.nanoTime();
			store.create(record(id, now, now + 600));
			assertThat(store.find(id)).isNotNull();
			assertThat(store.findByPublicId("default", "p-" + id)).isEqualTo(id);
		}
	}

	@Test
	@Needs(Tool.REDIS)
	void concurrentRedisUpdatesNeverOverwriteEachOther() throws Exception {
		try (RedisUploadRecordStore a = redisStore(); RedisUploadRecordStore b = redisStore()) {
			String id = new UploadRecords(a, null, null, null, null,
					new AuditTrail(new SimpleMeterRegistry(), this.clock), new SimpleMeterRegistry(), this.clock,
					UploadRecordsTests.PROPERTIES)
				.newId();
			long now = this.clock.instant().getEpochSecond();
			a.create(record(id, now, now + 600));
			assertThat(b.findByPublicId("default", "p-" + id)).isEqualTo(id);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				RedisUploadRecordStore store = (i % 2 == 0) ? a : b;
				done.add(pool.submit(() -> store.update(id,
						(r) -> new UploadRecord(r.id(), r.owner(), r.caller(), r.profile(), r.account(),
								r.resourceType(), r.publicId(), r.tie(),
								(r.declaredBytes() == null) ? 1L : r.declaredBytes() + 1, r.declaredType(), r.rules(),
								r.createdAt(), r.expiresAt(), r.status(), r.asset(), r.reason(), r.removed()))));
			}
			for (Future<?> f : done) {
				f.get(30, TimeUnit.SECONDS);
			}
			pool.shutdown();
			assertThat(a.find(id).declaredBytes()).isEqualTo(40L);
		}
	}

	@Test
	@Needs(Tool.REDIS)
	void aWaitOnOneReplicaSeesTheArrivalOnTheOther() throws Exception {
		UploadRecordsTests one = new UploadRecordsTests();
		// The stores and the records share one clock, as they do in Signet.
		try (RedisUploadRecordStore a = redisStore(one.clock); RedisUploadRecordStore b = redisStore(one.clock)) {
			UploadRecords first = one.records(a);
			UploadRecords second = one.records(b);
			Caller alice = Caller.ofApiKey("web", "alice");
			UploadRecord record = first.issue(first.newId(), alice, "avatars", "default", "image", null,
					UploadRecord.TIE_CONTEXT, null, null, new AssetRules(1000L, Set.of(), null, null, null, null),
					one.clock.instant().getEpochSecond() + 600);
			CompletableFuture<UploadRecord> waiting = first.await(alice, record.id(), Duration.ofSeconds(5));
			assertThat(
					second.arrived("default", UploadRecordsTests.notification(record.id(), "p", 5000), null).verdict())
				.isEqualTo(Arrival.REJECTED);
			UploadRecord seen = waiting.get(10, TimeUnit.SECONDS);
			assertThat(seen.status()).isEqualTo(UploadRecord.REJECTED);
			assertThat(first.find(alice, record.id()).reason()).contains("5000 bytes");
		}
	}

}
