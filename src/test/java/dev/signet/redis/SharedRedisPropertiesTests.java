package dev.signet.redis;

import dev.signet.settings.InvalidSettingException;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SharedRedisProperties}: {@code signet.redis.url} and the old per-use
 * names it replaces.
 *
 * @author Signet developers
 */
class SharedRedisPropertiesTests {

	private static final String OLD = "signet.rate-limit.redis-url";

	@Test
	void newNameAloneServesEveryUse() {
		SharedRedisProperties redis = new SharedRedisProperties("redis://cache:6379/2");
		assertThat(redis.uriFor(OLD, null)).extracting(RedisURI::getHost, RedisURI::getDatabase)
			.containsExactly("cache", 2);
		assertThat(redis.uriFor("signet.notifications.replay.redis-url", null)).extracting(RedisURI::getHost)
			.isEqualTo("cache");
	}

	@Test
	void oldNameAloneServesItsOwnUse() {
		SharedRedisProperties redis = new SharedRedisProperties(null);
		assertThat(redis.uriFor(OLD, "redis://old:6379")).extracting(RedisURI::getHost).isEqualTo("old");
		assertThat(redis.uriFor("signet.notifications.replay.redis-url", null)).isNull();
	}

	@Test
	void blankSettingsCountAsUnset() {
		SharedRedisProperties redis = new SharedRedisProperties(" ");
		assertThat(redis.url()).isNull();
		assertThat(redis.uriFor(OLD, "")).isNull();
	}

	@Test
	void bothNamesWithTheSameUrlAreAccepted() {
		SharedRedisProperties redis = new SharedRedisProperties("redis://cache:6379");
		assertThat(redis.uriFor(OLD, "redis://cache:6379")).extracting(RedisURI::getHost).isEqualTo("cache");
	}

	@Test
	void bothNamesWithDifferentUrlsAreRefusedNamingBothSettingsNeverTheUrls() {
		SharedRedisProperties redis = new SharedRedisProperties("redis://:CANARYnew1@cache:6379");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> redis.uriFor(OLD, "redis://:CANARYold2@other:6379"))
			.satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo(OLD))
			.withMessageContaining(OLD + " is invalid")
			.withMessageContaining("signet.redis.url")
			.withMessageNotContaining("CANARY");
	}

	@Test
	void malformedUrlIsRefusedNamingTheSettingNeverTheUrl() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> new SharedRedisProperties("http://:CANARYx@cache:6379"))
			.withMessage("signet.redis.url is invalid: it must start with redis:// or rediss://");
		SharedRedisProperties redis = new SharedRedisProperties(null);
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> redis.uriFor("signet.notifications.replay.redis-url", "memcached://:CANARYx@cache"))
			.withMessage("signet.notifications.replay.redis-url is invalid: it must start with redis:// or rediss://");
	}

	@Test
	void toStringNeverShowsTheUrl() {
		assertThat(new SharedRedisProperties("redis://:CANARYx@cache:6379"))
			.hasToString("SharedRedisProperties[url=set]");
	}

}
