package dev.signet.ratelimit;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code /v1} endpoint spends from the caller's buckets (issue 12, finding 6):
 * delivery URLs and auth tokens from {@code delivery}, verifications and profile
 * descriptions from {@code verification}, each apart from signing and with defaults of
 * its own, so that a page of private images or a debugging session does not use up upload
 * signatures.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { Callers.CLOUDINARY_URL,
		"SIGNET_API_KEYS=" + Callers.API_KEYS, "CLOUDINARY_AUTH_TOKEN_KEY=00112233445566778899aabbccddeeff",
		"signet.rate-limit.enabled=true", "signet.delivery.profiles.private.clients=alice,bob,carol",
		"signet.delivery.profiles.private.types=authenticated", "signet.delivery.profiles.private.token-paths=/image/",
		"signet.rate-limit.profiles.verification.caller.capacity=3" })
class EndpointKindLimitsIntegrationTests {

	private static final String URL = "{\"profile\": \"private\", \"type\": \"authenticated\", \"public_id\": \"albums/a1\", \"format\": \"jpg\"}";

	private static final String TOKEN = "{\"profile\": \"private\", \"acl\": \"/image/*\", \"duration\": 300}";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void deliveryUrlsAndAuthTokensSpendFromTheDeliveryBucketsNotFromSigning() {
		// Signing allows 10 per minute per caller; delivery allows 300.
		for (int i = 0; i < 12; i++) {
			Response url = post("/v1/delivery-urls", URL, Callers.ALICE);
			assertThat(url.status()).as(url.body()).isEqualTo(200);
			assertThat(url.header("RateLimit-Policy")).as("a delivery limit applies").isNotNull();
			Response token = post("/v1/auth-tokens", TOKEN, Callers.ALICE);
			assertThat(token.status()).as(token.body()).isEqualTo(200);
		}
		Response signed = Callers.sign(this.http, Callers.ALICE);
		assertThat(signed.status()).isEqualTo(200);
		assertThat(signed.header("RateLimit")).startsWith("\"caller\";r=9;");
	}

	@Test
	void verificationsAndProfileDescriptionsSpendFromTheVerificationBuckets() {
		String response = "{\"public_id\": \"sample\", \"version\": 1, \"signature\": \"" + "0".repeat(40) + "\"}";
		assertThat(post("/v1/responses/verify", response, Callers.BOB).status()).isEqualTo(200);
		assertThat(this.http.send("GET", "/v1/profiles/default", null, "X-Api-Key", Callers.BOB).status())
			.isEqualTo(200);
		Response notification = this.http.send("POST", "/v1/notifications/verify", "{}", "Content-Type",
				"application/json", "X-Api-Key", Callers.BOB);
		assertThat(notification.status()).isEqualTo(200);
		Response refused = post("/v1/responses/verify", response, Callers.BOB);
		Callers.assertRateLimited(refused, "caller", "\"caller\";q=3;w=60");
		assertThat(refused.json().get("detail").stringValue()).contains("'verification'");
		assertThat(Callers.sign(this.http, Callers.BOB).status()).isEqualTo(200);
		assertThat(post("/v1/delivery-urls", URL, Callers.BOB).status()).isEqualTo(200);
		assertThat(post("/v1/responses/verify", response, Callers.CAROL).status()).isEqualTo(200);
	}

	private Response post(String path, String body, String key) {
		return this.http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", key);
	}

}
