package dev.signet.ratelimit;

import dev.signet.support.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code SIGNET_TRUSTED_PROXIES} is honoured: a request from a named proxy is
 * limited by the client address it forwards in {@code X-Forwarded-For}.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, "signet.rate-limit.enabled=true",
				"signet.rate-limit.auth-failures.capacity=3", "SIGNET_TRUSTED_PROXIES=127.0.0.1/32" })
class TrustedProxyIntegrationTests {

	private static final String CLIENT = "203.0.113.7";

	@LocalServerPort
	private int port;

	@Test
	void namedProxyForwardsTheClientAddressThatTheLimiterUses() {
		Http http = new Http(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(sign(http, "wrong-key-0123456789abcdef", CLIENT).status()).isEqualTo(401);
		}
		Callers.assertRateLimited(sign(http, Callers.ALICE, CLIENT), "auth-failures", "\"auth-failures\";q=3;w=60");
		assertThat(sign(http, Callers.ALICE, "203.0.113.8").status()).as("another client behind the proxy")
			.isEqualTo(200);
		assertThat(http
			.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json", "X-Api-Key", Callers.ALICE)
			.status()).as("the proxy itself").isEqualTo(200);
	}

	private static Http.Response sign(Http http, String key, String client) {
		return http.send("POST", Callers.SIGN, Callers.BODY, "Content-Type", "application/json", "X-Api-Key", key,
				"X-Forwarded-For", client);
	}

}
