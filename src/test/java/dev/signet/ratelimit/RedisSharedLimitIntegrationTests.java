package dev.signet.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Signet instances sharing one real Redis (the one {@code .ci/parts/20-redis.sh}
 * starts, or a {@code redis-server} of this test run) behave as one: a caller's limit and
 * an address's failed authentications are counted across both.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
class RedisSharedLimitIntegrationTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static Http first;

	private static Http second;

	@BeforeAll
	static void startTwoReplicas() {
		String redis = RedisServers.sharedUrl();
		first = new Http(start(redis));
		second = new Http(start(redis));
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void callerLimitAndAuthFailuresAreSharedByBothReplicas() {
		for (Http http : List.of(first, second)) {
			assertThat(http.send("GET", "/actuator/health/readiness", null, "X-Api-Key", Callers.DAVE)
				.json()
				.get("components")
				.get("rateLimit")
				.get("details")
				.get("mode")
				.stringValue()).isEqualTo("redis");
		}
		for (int i = 0; i < 6; i++) {
			Response response = Callers.sign((i % 2 == 0) ? first : second, Callers.ALICE);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.header("RateLimit")).startsWith("\"caller\";r=" + (5 - i) + ";");
		}
		Callers.assertRateLimited(Callers.sign(first, Callers.ALICE), "caller", "\"caller\";q=6;w=3600");
		Callers.assertRateLimited(Callers.sign(second, Callers.ALICE), "caller", "\"caller\";q=6;w=3600");
		assertThat(Callers.sign(second, Callers.BOB).status()).isEqualTo(200);

		assertThat(Callers.sign(first, "wrong-key-0123456789abcdef").status()).isEqualTo(401);
		assertThat(Callers.sign(second, "wrong-key-0123456789abcdef").status()).isEqualTo(401);
		assertThat(Callers.sign(first, "wrong-key-0123456789abcdef").status()).isEqualTo(401);
		Callers.assertRateLimited(Callers.sign(second, Callers.CAROL), "auth-failures", "\"auth-failures\";q=3;w=60");
		Callers.assertRateLimited(Callers.sign(first, Callers.CAROL), "auth-failures", "\"auth-failures\";q=3;w=60");
	}

	private static int start(String redisUrl) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
				"--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/", "--" + Callers.CLOUDINARY_URL,
				"--SIGNET_API_KEYS=" + Callers.API_KEYS, "--" + Callers.HEALTH_CLIENTS,
				"--signet.rate-limit.enabled=true", "--signet.rate-limit.redis-url=" + redisUrl,
				// A fresh key space per run: the shared Redis outlives this test.
				"--signet.rate-limit.redis-key-prefix=test:" + RUN + ":", "--signet.rate-limit.redis-timeout=2s",
				"--signet.rate-limit.caller.capacity=6", "--signet.rate-limit.caller.period=1h",
				"--signet.rate-limit.auth-failures.capacity=3");
		replicas.add(context);
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
