package dev.signet.ratelimit;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the default rate limits over real HTTP: only {@code enabled=true} is set (the
 * test default is off), so these are the limits a fresh install enforces.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, Callers.HEALTH_CLIENTS,
				"signet.rate-limit.enabled=true", "signet.cors.allowed-origins=" + TestAccounts.ORIGIN })
class RateLimitEndpointsIntegrationTests {

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void defaultLimitLetsACallerSignTenTimesThenAnswers429WithRetryHeaders() {
		for (int i = 0; i < 10; i++) {
			Response response = Callers.sign(this.http, Callers.ALICE);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.header("RateLimit-Policy")).isEqualTo("\"caller\";q=10;w=60");
			assertThat(response.header("RateLimit")).matches("\"caller\";r=" + (9 - i) + ";t=\\d+");
		}
		Response refused = Callers.sign(this.http, Callers.ALICE);
		long retry = Callers.assertRateLimited(refused, "caller", "\"caller\";q=10;w=60");
		assertThat(retry).isBetween(1L, 6L);
		assertThat(refused.json().get("detail").stringValue())
			.startsWith("This caller may sign 10 per minute with profile 'default'");
		Callers.assertRateLimited(Callers.signWidget(this.http, Callers.ALICE), "caller", "\"caller\";q=10;w=60");
		Response other = Callers.sign(this.http, Callers.BOB);
		assertThat(other.status()).isEqualTo(200);
		assertThat(other.header("RateLimit")).startsWith("\"caller\";r=9;");
	}

	@Test
	void diagnosticsSpendFromTheCallersOwnDiagnosticsBucket() {
		String body = "{\"error\": \"Invalid Signature abc. String to sign - 'timestamp=1709830648'.\"}";
		for (int i = 0; i < 10; i++) {
			Response response = this.http.send("POST", "/v1/diagnostics/invalid-signature", body, "Content-Type",
					"application/json", "X-Api-Key", Callers.DAVE);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.header("RateLimit")).matches("\"caller\";r=" + (9 - i) + ";t=\\d+");
		}
		Response refused = this.http.send("POST", "/v1/diagnostics/invalid-signature", body, "Content-Type",
				"application/json", "X-Api-Key", Callers.DAVE);
		Callers.assertRateLimited(refused, "caller", "\"caller\";q=10;w=60");
		assertThat(refused.json().get("detail").stringValue()).contains("'diagnostics'");
		assertThat(Callers.sign(this.http, Callers.DAVE).status()).isEqualTo(200);
	}

	@Test
	void refusalsAreCountedAndAuditedAsRateLimited() {
		for (int i = 0; i < 11; i++) {
			Callers.signWidget(this.http, Callers.CAROL);
		}
		String metrics = this.http.send("GET", "/actuator/prometheus", null).body();
		assertThat(metrics)
			.containsPattern("signet_ratelimit_refused_total\\{limit=\"caller\",profile=\"default\"\\} [1-9]")
			.containsPattern(
					"signet_signatures_refused_total\\{client=\"[a-z]+\",endpoint=\"widget\",profile=\"default\",reason=\"rate-limited\"\\} [1-9]")
			.contains("signet_ratelimit_degraded 0.0");
	}

	@Test
	void readinessShowsThatLimitsAreInProcess() {
		Response readiness = this.http.send("GET", "/actuator/health/readiness", null, "X-Api-Key", Callers.DAVE);
		assertThat(readiness.status()).isEqualTo(200);
		JsonNode rateLimit = readiness.json().get("components").get("rateLimit");
		assertThat(rateLimit.get("status").stringValue()).isEqualTo("UP");
		assertThat(rateLimit.get("details").get("mode").stringValue()).isEqualTo("local");
		assertThat(this.http.send("GET", "/actuator/health", null).body()).doesNotContain("rateLimit");
	}

	@Test
	void crossOriginCallersCanReadTheRateLimitHeaders() {
		Response response = this.http.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json",
				"X-Api-Key", Callers.DAVE, "Origin", TestAccounts.ORIGIN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Expose-Headers")).contains("RateLimit-Policy")
			.contains("RateLimit")
			.contains("Retry-After");
	}

}
