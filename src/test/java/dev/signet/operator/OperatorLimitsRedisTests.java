package dev.signet.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits page over buckets shared in a real Redis: an operator asking one replica
 * sees what a caller spent on the other, and reading the shared buckets spends nothing
 * from them.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
class OperatorLimitsRedisTests {

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String OPS_KEY = "ops-key-0123456789abcdef";

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static Http first;

	private static Http second;

	private static String redis;

	@BeforeAll
	static void startTwoReplicas() {
		redis = RedisServers.sharedUrl();
		first = new Http(start(redis));
		second = new Http(start(redis));
	}

	@AfterAll
	static void stopReplicas() {
		replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void operatorReadsOnOneReplicaWhatACallerSpentOnTheOtherWithoutSpending() {
		for (int i = 0; i < 2; i++) {
			Response signed = first.postJson("/v1/signatures", "{\"params\": {}}");
			assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		}
		for (int i = 0; i < 3; i++) {
			JsonNode page = limits(second);
			assertThat(page.get("mode").stringValue()).isEqualTo("redis");
			JsonNode caller = callerState(page);
			assertThat(caller.get("limit").asLong()).isEqualTo(6);
			assertThat(caller.get("remaining").asLong()).isEqualTo(4);
			assertThat(caller.get("replica_share").asBoolean()).isFalse();
		}
		Response signed = second.postJson("/v1/signatures", "{\"params\": {}}");
		assertThat(signed.header("RateLimit")).startsWith("\"caller\";r=3;");
		assertThat(callerState(limits(first)).get("remaining").asLong()).isEqualTo(3);
	}

	@Test
	void readingTheLimitsOfACallerThatNeverSpentWritesNothingToRedis() {
		RedisClient client = RedisClient.create(redis);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			String run = "test:" + RUN + ":*";
			// The operator's own read spends from its operator buckets: let those exist
			// first.
			assertThat(second.send("GET", "/v1/operator/accounts", null, "X-Api-Key", OPS_KEY).status()).isEqualTo(200);
			int before = connection.sync().keys(run).size();
			Response response = second.send("GET", "/v1/operator/limits?caller=backend", null, "X-Api-Key", OPS_KEY);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).contains("\"remaining\"");
			assertThat(connection.sync().keys(run)).as("keys after reading").hasSize(before);
			Response signed = second.send("POST", "/v1/signatures", "{\"params\": {}}", "Content-Type",
					"application/json", "X-Api-Key", "backend-key-fedcba9876543210");
			assertThat(signed.status()).as(signed.body()).isEqualTo(200);
			assertThat(connection.sync().keys(run).size()).as("keys after spending").isGreaterThan(before);
		}
		finally {
			client.shutdown();
		}
	}

	private static JsonNode limits(Http http) {
		Response response = http.send("GET", "/v1/operator/limits?caller=web", null, "X-Api-Key", OPS_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static JsonNode callerState(JsonNode page) {
		for (JsonNode bucket : page.get("buckets")) {
			if (bucket.get("bucket").stringValue().equals("default")) {
				for (JsonNode state : bucket.get("states")) {
					if (state.get("scope").stringValue().equals("caller")) {
						return state;
					}
				}
			}
		}
		throw new AssertionError("no caller bucket of default in " + page);
	}

	private static int start(String redisUrl) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
				"--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""),
				"--SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",ops:" + OPS_KEY, "--signet.operator.clients=ops",
				"--signet.rate-limit.enabled=true", "--signet.redis.url=" + redisUrl,
				// A fresh key space per run: the shared Redis outlives this test.
				"--signet.rate-limit.redis-key-prefix=test:" + RUN + ":", "--signet.rate-limit.redis-timeout=2s",
				"--signet.rate-limit.caller.capacity=6", "--signet.rate-limit.caller.period=1h");
		replicas.add(context);
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
