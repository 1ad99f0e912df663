package dev.signet.assets;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.signet.redis.RedisConnection;
import dev.signet.support.MutableClock;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalByteQuota} and {@link RedisByteQuota}.
 *
 * @author Signet developers
 */
class ByteQuotaTests {

	private static final long TODAY = LocalDate.of(2026, 12, 3).toEpochDay();

	@Test
	void aRedisThatDoesNotAnswerIsUnavailable() {
		RedisURI uri = RedisURI.create("redis://127.0.0.1:" + RedisServers.freePort());
		uri.setTimeout(Duration.ofSeconds(1));
		RedisClient client = RedisClient.create(uri);
		try (RedisConnection connection = new RedisConnection(client)) {
			RedisByteQuota quota = new RedisByteQuota(connection);
			assertThatExceptionOfType(UploadRecordStore.Unavailable.class)
				.isThrownBy(() -> quota.add("o", "avatars", TODAY, "a1", 1));
			assertThatExceptionOfType(UploadRecordStore.Unavailable.class)
				.isThrownBy(() -> quota.used("o", "avatars", TODAY));
		}
	}

	abstract static class Contract {

		abstract ByteQuota quota();

		String owner = "owner-" + UUID.randomUUID();

		@Test
		void eachUploadIdCountsOnce() {
			assertThat(quota().add(this.owner, "avatars", TODAY, "a1", 500)).isEqualTo(500);
			assertThat(quota().add(this.owner, "avatars", TODAY, "a1", 500)).isEqualTo(500);
			assertThat(quota().add(this.owner, "avatars", TODAY, "a2", 300)).isEqualTo(800);
			assertThat(quota().used(this.owner, "avatars", TODAY)).isEqualTo(800);
		}

		@Test
		void bytesAreCountedPerDay() {
			quota().add(this.owner, "avatars", TODAY, "a1", 500);
			quota().add(this.owner, "avatars", TODAY - 1, "a2", 200);
			assertThat(quota().used(this.owner, "avatars", TODAY)).isEqualTo(500);
			assertThat(quota().used(this.owner, "avatars", TODAY - 1)).isEqualTo(200);
		}

		@Test
		void bytesAreCountedPerProfileAndOwner() {
			quota().add(this.owner, "avatars", TODAY, "a1", 500);
			quota().add(this.owner, "videos", TODAY, "v1", 7000);
			quota().add("someone-else", "avatars", TODAY, "b1", 40);
			assertThat(quota().used(this.owner, "avatars", TODAY)).isEqualTo(500);
			assertThat(quota().used(this.owner, "videos", TODAY)).isEqualTo(7000);
			assertThat(quota().used(this.owner, "pdfs", TODAY)).isZero();
		}

	}

	@Nested
	class Local extends Contract {

		private final MutableClock clock = new MutableClock(
				LocalDate.ofEpochDay(TODAY).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600));

		private final LocalByteQuota quota = new LocalByteQuota(this.clock);

		@Override
		ByteQuota quota() {
			return this.quota;
		}

		@Test
		void daysOlderThanYesterdayAreForgotten() {
			this.quota.add(this.owner, "avatars", TODAY, "a1", 500);
			this.clock.advance(Duration.ofDays(2));
			this.quota.add(this.owner, "avatars", TODAY + 2, "a2", 1);
			assertThat(this.quota.used(this.owner, "avatars", TODAY)).isZero();
			assertThat(this.quota.used(this.owner, "avatars", TODAY + 2)).isEqualTo(1);
		}

	}

	@Nested
	@Needs(Tool.REDIS)
	class Redis extends Contract {

		private final RedisConnection connection = new RedisConnection(RedisClient.create(RedisServers.sharedUrl()));

		private final RedisByteQuota quota = new RedisByteQuota(this.connection);

		@AfterEach
		void close() {
			this.connection.close();
		}

		@Override
		ByteQuota quota() {
			return this.quota;
		}

		@Test
		void theCountersExpireWithinAboutTwoDays() {
			this.quota.add(this.owner, "avatars", TODAY, "a1", 500);
			String prefix = "signet:quota:{" + this.owner + ":avatars:" + TODAY + "}";
			assertThat(this.connection.commands().ttl(prefix + ":ids")).isBetween(86_400L, 3 * 86_400L);
			assertThat(this.connection.commands().ttl(prefix + ":bytes")).isBetween(86_400L, 3 * 86_400L);
		}

	}

}
