package dev.signet.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis goes away mid-run and comes back: Signet keeps signing within this replica's
 * share of each limit (never unlimited, never a 5xx), says so in a metric and in the
 * readiness details while readiness stays UP, and shares limits again by itself once
 * Redis answers. Uses its own {@code redis-server} process, killed with SIGKILL.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS_SERVER)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, Callers.HEALTH_CLIENTS,
				"signet.rate-limit.enabled=true", "signet.rate-limit.caller.capacity=6",
				"signet.rate-limit.caller.period=1h", "signet.rate-limit.replicas=3",
				"signet.rate-limit.failure-threshold=2", "signet.rate-limit.retry-interval=300ms",
				"signet.rate-limit.redis-timeout=1s" })
class RedisOutageIntegrationTests {

	private static RedisServers.Server redis;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		redis = RedisServers.start();
		registry.add("signet.rate-limit.redis-url", redis::url);
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void redisStoppedMidRunDegradesToPerReplicaSharesAndRecoversWhenItIsBack() throws InterruptedException {
		Http http = new Http(this.port);
		assertThat(rateLimitDetails(http).get("mode").stringValue()).isEqualTo("redis");
		assertThat(Callers.sign(http, Callers.ALICE).header("RateLimit")).startsWith("\"caller\";r=5;");

		redis.kill();
		List<Integer> statuses = new ArrayList<>();
		long slowest = 0;
		for (int i = 0; i < 6; i++) {
			long start = System.nanoTime();
			Response response = Callers.sign(http, Callers.BOB);
			slowest = Math.max(slowest, System.nanoTime() - start);
			statuses.add(response.status());
			if (response.status() == 429) {
				Callers.assertRateLimited(response, "caller", "\"caller\";q=2;w=3600");
				assertThat(response.json().get("detail").stringValue())
					.contains("this replica's share while the shared limiter is unreachable");
			}
		}
		assertThat(statuses).as("6 / 3 replicas = 2 allowed, then refused; never a 5xx")
			.containsExactly(200, 200, 429, 429, 429, 429);
		assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(2));
		JsonNode degraded = rateLimitDetails(http);
		assertThat(degraded.get("mode").stringValue()).isEqualTo("degraded");
		assertThat(degraded.get("degraded").booleanValue()).isTrue();
		assertThat(degraded.get("since").stringValue()).isNotBlank();
		assertThat(degraded.get("replica_share").stringValue()).isEqualTo("1/3 of each limit");
		assertThat(http.send("GET", "/actuator/health", null).json().get("status").stringValue()).isEqualTo("UP");
		String metrics = http.send("GET", "/actuator/prometheus", null).body();
		assertThat(metrics).contains("signet_ratelimit_degraded 1.0")
			.containsPattern("signet_ratelimit_redis_failures_total [2-9]");

		redis.restart();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!rateLimitDetails(http).get("mode").stringValue().equals("redis")) {
			assertThat(System.nanoTime()).as("back to shared limits within 10 s").isLessThan(deadline);
			Thread.sleep(100);
		}
		assertThat(http.send("GET", "/actuator/prometheus", null).body()).contains("signet_ratelimit_degraded 0.0");
		for (int i = 0; i < 6; i++) {
			assertThat(Callers.sign(http, Callers.CAROL).status()).isEqualTo(200);
		}
		Callers.assertRateLimited(Callers.sign(http, Callers.CAROL), "caller", "\"caller\";q=6;w=3600");
	}

	private static JsonNode rateLimitDetails(Http http) {
		Response readiness = http.send("GET", "/actuator/health/readiness", null, "X-Api-Key", Callers.DAVE);
		assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
		assertThat(readiness.json().get("status").stringValue()).isEqualTo("UP");
		return readiness.json().get("components").get("rateLimit").get("details");
	}

}
