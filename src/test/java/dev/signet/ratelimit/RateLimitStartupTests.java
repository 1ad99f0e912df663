package dev.signet.ratelimit;

import java.time.Duration;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.RedisServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Startup with rate-limit settings: malformed ones stop Signet with a message that names
 * the setting (never a Redis password); an unreachable Redis does not.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitStartupTests {

	@Test
	void startWhenALimitIsOutOfRangeFailsNamingTheSetting(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--signet.rate-limit.profiles.avatar.caller.capacity=0"));
		assertThat(output.getAll())
			.contains("signet.rate-limit.profiles.avatar.caller.capacity is invalid: it must be between 1");
	}

	@Test
	void startWhenRedisUrlIsMalformedFailsWithoutShowingIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("--signet.rate-limit.redis-url=http://:CANARYredis9@cache:6379"));
		assertThat(output.getAll()).contains("signet.rate-limit.redis-url is invalid").doesNotContain("CANARYredis9");
	}

	@Test
	void startWhenRedisDoesNotAnswerServesDegradedWithoutPrintingThePassword(CapturedOutput output) {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = start(
				"--signet.rate-limit.redis-url=redis://:CANARYredis9@127.0.0.1:" + RedisServers.freePort())) {
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
			Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
			assertThat(Callers.sign(http, Callers.ALICE).status()).isEqualTo(200);
			assertThat(http.send("GET", "/readyz", null, "X-Api-Key", Callers.DAVE).body())
				.contains("\"mode\":\"degraded\"");
		}
		assertThat(output.getAll()).contains("Redis does not answer").doesNotContain("CANARYredis9");
	}

	private static ConfigurableApplicationContext start(String... extra) {
		String[] args = new String[extra.length + 6];
		args[0] = "--server.port=0";
		args[1] = "--SIGNET_CONFIG_TREE=/nonexistent/";
		args[2] = "--" + Callers.CLOUDINARY_URL;
		args[3] = "--SIGNET_API_KEYS=" + Callers.API_KEYS;
		args[4] = "--signet.rate-limit.enabled=true";
		// DAVE reads readiness details (issue 12, finding 18: only health clients see
		// them).
		args[5] = "--" + Callers.HEALTH_CLIENTS;
		System.arraycopy(extra, 0, args, 6, extra.length);
		return new SpringApplicationBuilder(SignetApplication.class).run(args);
	}

}
