package dev.signet.uploads;

import java.util.ArrayList;
import java.util.List;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Signet replicas sharing one real Redis ({@code signet.redis.url}, a
 * {@code redis-server} of this test): a session begun on one is re-signed on the other,
 * for its caller only, without spending the caller's signatures; with Redis killed,
 * sessions are still begun (kept by the replica that began them) and a session the
 * replica does not hold answers 503 with {@code Retry-After}.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadSessionsRedisIntegrationTests {

	private static final String BACKEND = "backend-key-fedcba9876543210";

	private static final String SESSION = "{\"profile\": \"clips\", \"resource_type\": \"video\", "
			+ "\"params\": {\"folder\": \"clips\"}, \"bytes\": 30000000}";

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static RedisServers.Server redis;

	private static Http first;

	private static Http second;

	@BeforeAll
	static void startTwoReplicas() {
		redis = RedisServers.start();
		first = new Http(start(redis.url()));
		second = new Http(start(redis.url()));
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	@Order(1)
	void sessionBegunOnOneReplicaIsReSignedOnTheOtherForItsCallerOnly() {
		JsonNode created = create(first, TestAccounts.CLIENT_KEY);
		String id = created.get("upload_id").stringValue();
		for (int i = 0; i < 6; i++) {
			Response again = resign((i % 2 == 0) ? second : first, id, TestAccounts.CLIENT_KEY);
			assertThat(again.status()).as(again.body()).isEqualTo(200);
			assertThat(again.json().get("params").get("folder")).isEqualTo(created.get("params").get("folder"));
			assertThat(again.json().get("upload_id").stringValue()).isEqualTo(id);
		}
		assertThat(resign(second, id, BACKEND).status()).as("another caller").isEqualTo(404);
		assertThat(second.send("DELETE", "/v1/uploads/" + id, null, "X-Api-Key", TestAccounts.CLIENT_KEY).status())
			.isEqualTo(204);
		assertThat(resign(first, id, TestAccounts.CLIENT_KEY).status()).as("finished on the other replica")
			.isEqualTo(410);
	}

	@Test
	@Order(2)
	void reSigningOnEitherReplicaIsNotCountedAgainstTheCallersSharedLimit() {
		String id = create(first, BACKEND).get("upload_id").stringValue();
		for (int i = 0; i < 10; i++) {
			assertThat(resign((i % 2 == 0) ? first : second, id, BACKEND).status()).isEqualTo(200);
		}
		assertThat(post(second, BACKEND).status()).as("the second of the caller's two").isEqualTo(201);
		assertThat(post(first, BACKEND).status()).as("the shared limit is spent").isEqualTo(429);
	}

	@Test
	@Order(3)
	void withRedisDownSessionsAreKeptByTheirReplicaAndOthersAnswer503() {
		String before = create(second, TestAccounts.CLIENT_KEY).get("upload_id").stringValue();
		redis.kill();
		JsonNode during = create(first, TestAccounts.CLIENT_KEY);
		String id = during.get("upload_id").stringValue();
		assertThat(resign(first, id, TestAccounts.CLIENT_KEY).status()).as("the replica that began it").isEqualTo(200);
		Response elsewhere = resign(second, id, TestAccounts.CLIENT_KEY);
		assertThat(elsewhere.status()).isEqualTo(503);
		assertThat(elsewhere.header("Retry-After")).isNotNull();
		assertThat(elsewhere.json().get("type").stringValue())
			.isEqualTo("https://signet.dev/problems/service-unavailable");
		assertThat(elsewhere.json().get("detail").stringValue()).contains("session store")
			.contains("kept by the replica that began them");
		assertThat(resign(second, before, TestAccounts.CLIENT_KEY).status()).as("a session only Redis holds")
			.isEqualTo(503);
	}

	private static JsonNode create(Http http, String key) {
		Response created = post(http, key);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private static Response post(Http http, String key) {
		return http.send("POST", "/v1/uploads", SESSION, "Content-Type", "application/json", "X-Api-Key", key);
	}

	private static Response resign(Http http, String id, String key) {
		return http.send("POST", "/v1/uploads/" + id + "/signature", "", "X-Api-Key", key);
	}

	private static int start(String redisUrl) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
				"--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"--SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "--signet.redis.url=" + redisUrl,
				"--signet.rate-limit.enabled=true", "--signet.rate-limit.redis-timeout=300ms",
				"--signet.uploads.redis-timeout=300ms", "--signet.profiles.clips.clients=web,backend",
				"--signet.profiles.clips.resource-types=video", "--signet.profiles.clips.allowed.folder.kind=path",
				"--signet.rate-limit.profiles.clips.caller.capacity=2",
				"--signet.rate-limit.profiles.clips.caller.period=1h");
		replicas.add(context);
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

}
