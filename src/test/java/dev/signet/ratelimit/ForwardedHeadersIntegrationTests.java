package dev.signet.ratelimit;

import dev.signet.support.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that forwarded headers are ignored when no trusted proxy is configured, even on
 * Kubernetes (where Spring Boot would otherwise trust every private address): rotating
 * {@code X-Forwarded-For} does not escape the auth-failure limit, and
 * {@code X-Forwarded-Host} does not rewrite links. Its own context, because it blocks
 * 127.0.0.1.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, "signet.rate-limit.enabled=true",
				"signet.rate-limit.auth-failures.capacity=3", "spring.main.cloud-platform=kubernetes" })
class ForwardedHeadersIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void forwardedHeadersFromAnUntrustedPeerDoNotChangeTheAddressOrTheHost() {
		Http http = new Http(this.port);
		assertThat(
				http.send("GET", "/v3/api-docs", null, "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https")
					.body())
			.doesNotContain("evil.example")
			.contains("http://127.0.0.1:" + this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(http
				.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json", "X-Api-Key",
						"wrong-key-0123456789abcdef", "X-Forwarded-For", "198.51.100." + i)
				.status()).isEqualTo(401);
		}
		Callers.assertRateLimited(
				http.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json", "X-Api-Key",
						"wrong-key-0123456789abcdef", "X-Forwarded-For", "198.51.100.99"),
				"auth-failures", "\"auth-failures\";q=3;w=60");
	}

}
