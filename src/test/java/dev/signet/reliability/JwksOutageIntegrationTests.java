package dev.signet.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signet.SignetApplication;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.JwksServer;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how Signet behaves when the identity provider's JWK set endpoint goes down:
 * tokens signed by keys it has cached keep working, tokens it cannot check get 503 with
 * {@code Retry-After} (never 500, never a signature), and API keys are unaffected.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.jwt.audience=" + JwksServer.AUDIENCE })
class JwksOutageIntegrationTests {

	private static final String BODY = "{\"params\": {\"folder\": \"uploads\"}}";

	private static final JwksServer jwks = JwksServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Test
	void jwkSetDownKeepsKnownKeysWorkingAndAnswersUnknownKeysWith503() {
		Http http = new Http(this.port);
		String known = jwks.token("alice");
		assertThat(bearer(http, known).status()).isEqualTo(200);
		int fetchesBefore = jwks.fetches();
		jwks.stop();
		for (int i = 0; i < 20; i++) {
			Response response = bearer(http, jwks.token("alice-" + i));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("signature").stringValue()).hasSize(40);
		}
		Response unknown = bearer(http, jwks.tokenWithSecondKey());
		assertServiceUnavailable(unknown);
		assertThat(http.postJson("/v1/signatures", BODY).status()).as("API keys do not need the JWK set")
			.isEqualTo(200);
		assertThat(bearer(http, known).status()).as("known key still cached after the failed refresh").isEqualTo(200);
		assertThat(jwks.fetches()).isEqualTo(fetchesBefore);
	}

	@Test
	void jwkSetDownAtStartupAnswers503WhileApiKeysWork() {
		JwksServer cold = JwksServer.start();
		String uri = cold.jwkSetUri();
		cold.stop();
		try (ConfigurableApplicationContext signet = new SpringApplicationBuilder(SignetApplication.class)
			.run(args(uri))) {
			Http http = new Http(Integer.parseInt(signet.getEnvironment().getProperty("local.server.port")));
			for (int i = 0; i < 3; i++) {
				assertServiceUnavailable(bearer(http, cold.token("alice")));
			}
			assertThat(http.postJson("/v1/signatures", BODY).status()).isEqualTo(200);
		}
	}

	@Test
	void jwkSetFetchesAreCountedBySuccessAndFailure() {
		JwksServer provider = JwksServer.start();
		try (ConfigurableApplicationContext signet = new SpringApplicationBuilder(SignetApplication.class)
			.run(args(provider.jwkSetUri()))) {
			Http http = new Http(Integer.parseInt(signet.getEnvironment().getProperty("local.server.port")));
			assertThat(fetches(http, "success")).isZero();
			assertThat(fetches(http, "failure")).as("registered before the first failure").isZero();
			assertThat(bearer(http, provider.token("alice")).status()).isEqualTo(200);
			assertThat(fetches(http, "success")).isEqualTo(1);
			provider.stop();
			assertServiceUnavailable(bearer(http, provider.tokenWithSecondKey()));
			assertThat(fetches(http, "failure")).isGreaterThanOrEqualTo(1);
			assertThat(fetches(http, "success")).isEqualTo(1);
		}
		finally {
			provider.close();
		}
	}

	@Test
	void bearerTokensThatCannotBeCheckedCountAsAuthenticationFailures() {
		JwksServer cold = JwksServer.start();
		String uri = cold.jwkSetUri();
		cold.stop();
		List<String> args = new ArrayList<>(List.of(args(uri)));
		args.addAll(List.of("--signet.rate-limit.enabled=true", "--signet.rate-limit.auth-failures.capacity=3"));
		try (ConfigurableApplicationContext signet = new SpringApplicationBuilder(SignetApplication.class)
			.run(args.toArray(String[]::new))) {
			Http http = new Http(Integer.parseInt(signet.getEnvironment().getProperty("local.server.port")));
			for (int i = 0; i < 3; i++) {
				assertServiceUnavailable(bearer(http, cold.token("mallory-" + i)));
			}
			Response refused = bearer(http, cold.token("mallory"));
			assertThat(refused.status()).as(refused.body()).isEqualTo(429);
			assertThat(refused.json().get("limit").stringValue()).isEqualTo("auth-failures");
		}
	}

	private static String[] args(String jwkSetUri) {
		return List
			.of("--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/", "--spring.jmx.enabled=false",
					"--CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""), "--SIGNET_API_KEYS=" + TestAccounts.API_KEYS,
					"--signet.jwt.audience=" + JwksServer.AUDIENCE, "--signet.jwt.jwk-set-uri=" + jwkSetUri)
			.toArray(String[]::new);
	}

	private static double fetches(Http http, String outcome) {
		String metrics = http.send("GET", "/actuator/prometheus", null).body();
		Matcher matcher = Pattern.compile("(?m)^signet_jwt_jwks_fetches_total\\{outcome=\"" + outcome + "\"\\} (\\S+)$")
			.matcher(metrics);
		assertThat(matcher.find()).as(metrics).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private static void assertServiceUnavailable(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.header("Retry-After")).isEqualTo("10");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("https://signet.dev/problems/service-unavailable");
		assertThat(body.has("signature")).isFalse();
		assertThat(response.body()).doesNotContain("Exception");
	}

	private static Response bearer(Http http, String token) {
		return http.send("POST", "/v1/signatures", BODY, "Content-Type", "application/json", "Authorization",
				"Bearer " + token);
	}

}
