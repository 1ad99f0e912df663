package dev.signet.ratelimit;

import dev.signet.support.Http;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a locked-out address is refused on every request that carries credentials,
 * whatever its path and however the path is encoded. Its own context, because it blocks
 * 127.0.0.1.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { Callers.CLOUDINARY_URL, "SIGNET_API_KEYS=" + Callers.API_KEYS, "signet.rate-limit.enabled=true",
				"signet.rate-limit.auth-failures.capacity=3" })
class AuthFailureLimitEverywhereIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void lockedOutAddressIsRefusedOnEveryRequestCarryingCredentials() {
		Http http = new Http(this.port);
		for (int i = 0; i < 3; i++) {
			assertThat(Callers.sign(http, "wrong-key-0123456789abcdef-" + i).status()).isEqualTo(401);
		}
		Callers.assertRateLimited(Callers.sign(http, Callers.ALICE), "auth-failures", "\"auth-failures\";q=3;w=60");
		Callers.assertRateLimited(http.send("POST", "/v%31/signatures", Callers.BODY, "Content-Type",
				"application/json", "X-Api-Key", Callers.ALICE), "auth-failures", "\"auth-failures\";q=3;w=60");
		Callers.assertRateLimited(http.send("POST", "/v1/%73ignatures", Callers.BODY, "Content-Type",
				"application/json", "X-Api-Key", Callers.ALICE), "auth-failures", "\"auth-failures\";q=3;w=60");
		for (int i = 0; i < 5; i++) {
			Callers.assertRateLimited(http.send("GET", "/livez", null, "X-Api-Key", "guess-0123456789abcdef-" + i),
					"auth-failures", "\"auth-failures\";q=3;w=60");
		}
		Callers.assertRateLimited(http.send("GET", "/actuator/health", null, "Authorization", "Bearer guess"),
				"auth-failures", "\"auth-failures\";q=3;w=60");
		assertThat(http.send("GET", "/livez", null).status()).as("probes without credentials").isEqualTo(200);
		// Cloudinary's calls carry no credentials to guess, and come from shared
		// addresses
		// that others could get locked out: the receiver answers as if nothing happened
		// (here 501, since no forward URL is configured), never 429.
		assertThat(http
			.send("POST", "/v1/notifications/cloudinary", "{}", "Content-Type", "application/json", "X-Cld-Signature",
					"0".repeat(40), "X-Cld-Timestamp", "1700000000")
			.status()).isEqualTo(501);
	}

}
