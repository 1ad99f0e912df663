package dev.signet.ratelimit;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code signet.rate-limit.enabled=false} lifts every limit, even tiny ones.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, Callers.HEALTH_CLIENTS,
				"signet.rate-limit.enabled=false", "signet.rate-limit.caller.capacity=1",
				"signet.rate-limit.global.capacity=1", "signet.rate-limit.auth-failures.capacity=1" })
class RateLimitsOffIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void disabledLimitsNeverRefuseAndSendNoRateLimitHeaders() {
		Http http = new Http(this.port);
		for (int i = 0; i < 5; i++) {
			assertThat(Callers.sign(http, "wrong-key-0123456789abcdef").status()).isEqualTo(401);
		}
		for (int i = 0; i < 30; i++) {
			Response response = Callers.sign(http, Callers.ALICE);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.header("RateLimit")).isNull();
		}
		assertThat(http.send("GET", "/actuator/health/readiness", null, "X-Api-Key", Callers.DAVE)
			.json()
			.get("components")
			.get("rateLimit")
			.get("details")
			.get("mode")
			.stringValue()).isEqualTo("off");
	}

}
