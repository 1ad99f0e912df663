package dev.signet.notification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.RedisServers;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The one Redis setting, {@code signet.redis.url}: two replicas given only it share both
 * their rate limits and their remembered notifications through a real Redis (the one
 * {@code .ci/parts/20-redis.sh} starts, or a {@code redis-server} of this test run); each
 * old name alone still shares its own use, as before; the new and an old name set to
 * different URLs stop Signet at startup, naming the settings and never the URLs.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class SharedRedisSettingIntegrationTests {

	private static final String KEY = "alice-key-0123456789abcdef";

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void newNameAloneSharesRateLimitsAndNotificationReplaysBetweenReplicas() {
		String redis = "--signet.redis.url=" + RedisServers.sharedUrl();
		ConfigurableApplicationContext first = start(redis);
		ConfigurableApplicationContext second = start(redis);
		assertLimitsShared(first, second, true);
		assertReplaysShared(first, second, true);
	}

	@Test
	void oldRateLimitNameAloneStillSharesTheLimits() {
		String redis = "--signet.rate-limit.redis-url=" + RedisServers.sharedUrl();
		ConfigurableApplicationContext first = start(redis);
		ConfigurableApplicationContext second = start(redis);
		assertLimitsShared(first, second, true);
		assertReplaysShared(first, second, false);
	}

	@Test
	void oldReplayNameAloneStillSharesTheReplays() {
		String redis = "--signet.notifications.replay.redis-url=" + RedisServers.sharedUrl();
		ConfigurableApplicationContext first = start(redis);
		ConfigurableApplicationContext second = start(redis);
		assertLimitsShared(first, second, false);
		assertReplaysShared(first, second, true);
	}

	@Test
	void newAndOldRateLimitNameWithDifferentUrlsStopStartupNamingBoth(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--signet.redis.url=redis://:CANARYnew1@127.0.0.1:6379",
				"--signet.rate-limit.redis-url=redis://:CANARYold2@127.0.0.1:6380"));
		assertThat(output.getAll())
			.contains("signet.rate-limit.redis-url is invalid: it is an old name of signet.redis.url")
			.doesNotContain("CANARYnew1")
			.doesNotContain("CANARYold2");
	}

	@Test
	void newAndOldReplayNameWithDifferentUrlsStopStartupNamingBoth(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--signet.redis.url=redis://:CANARYnew1@127.0.0.1:6379",
				"--signet.notifications.replay.redis-url=redis://:CANARYold2@127.0.0.1:6380"));
		assertThat(output.getAll())
			.contains("signet.notifications.replay.redis-url is invalid: it is an old name of signet.redis.url")
			.doesNotContain("CANARYnew1")
			.doesNotContain("CANARYold2");
	}

	/**
	 * Spends a caller limit of 2 per hour on both replicas: with shared buckets the third
	 * request is refused wherever it goes, with per-replica buckets each allows two.
	 */
	private static void assertLimitsShared(ConfigurableApplicationContext first, ConfigurableApplicationContext second,
			boolean shared) {
		Http one = http(first);
		Http two = http(second);
		assertThat(sign(one)).isEqualTo(200);
		assertThat(sign(two)).isEqualTo(200);
		assertThat(sign(two)).isEqualTo(shared ? 429 : 200);
		assertThat(sign(one)).isEqualTo(shared ? 429 : 200);
		assertThat(sign(one)).isEqualTo(429);
	}

	private static void assertReplaysShared(ConfigurableApplicationContext first, ConfigurableApplicationContext second,
			boolean shared) {
		String id = UUID.randomUUID().toString();
		ReplayStore one = first.getBean(ReplayStore.class);
		ReplayStore two = second.getBean(ReplayStore.class);
		assertThat(one.markFirstSeen(id, Duration.ofMinutes(1))).isTrue();
		assertThat(two.markFirstSeen(id, Duration.ofMinutes(1))).isEqualTo(!shared);
		assertThat(one.markFirstSeen(id, Duration.ofMinutes(1))).isFalse();
	}

	private static int sign(Http http) {
		return http
			.send("POST", "/v1/signatures", "{\"params\": {\"folder\": \"avatars\"}}", "Content-Type",
					"application/json", "X-Api-Key", KEY)
			.status();
	}

	private static Http http(ConfigurableApplicationContext context) {
		return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
	}

	private ConfigurableApplicationContext start(String... redis) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"--SIGNET_API_KEYS=alice:" + KEY, "--signet.rate-limit.enabled=true",
				"--signet.rate-limit.caller.capacity=2", "--signet.rate-limit.caller.period=1h",
				"--signet.rate-limit.redis-timeout=2s",
				// A fresh key space per test: the shared Redis outlives this test.
				"--signet.rate-limit.redis-key-prefix=test:" + this.run + ":",
				"--signet.notifications.replay.key-prefix=test:" + this.run + ":notification:"));
		args.addAll(List.of(redis));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class)
			.run(args.toArray(String[]::new));
		this.replicas.add(context);
		return context;
	}

}
