package dev.signet.access;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings of the attacker's review of the access pipeline (issue 13), pinned as the
 * behaviour of today so that a fix shows up as a deliberate change of these tests.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS,
				"CLOUDINARY_AUTH_TOKEN_KEY=00112233445566778899aabbccddeeff", "signet.rate-limit.enabled=true",
				"signet.delivery.profiles.media.clients=web", "signet.delivery.profiles.media.types=authenticated",
				"signet.delivery.profiles.media.token-paths=/image/",
				"signet.delivery.profiles.internal-archive.clients=backend",
				"signet.delivery.profiles.internal-archive.types=authenticated",
				"signet.delivery.profiles.internal-archive.token-paths=/raw/",
				"signet.delivery.profiles.default.clients=web", "signet.delivery.profiles.default.types=authenticated",
				"signet.rate-limit.profiles.delivery.caller.capacity=2" })
class AccessReviewFindingsIntegrationTests {

	private static final String BACKEND_KEY = "backend-key-fedcba9876543210";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	/**
	 * Finding: before the pipeline a delivery profile that did not exist and one the
	 * caller may not use were refused alike (403, "No delivery profile of this name is
	 * open to this caller."); now any caller tells them apart, and since the profile is
	 * selected before the limits are spent, probing names costs nothing.
	 */
	@Test
	void anyCallerTellsExistingDeliveryProfilesFromUnknownOnesWithoutSpendingItsLimit() {
		for (int i = 0; i < 5; i++) {
			Response forbidden = this.http.postJson("/v1/delivery-urls",
					"{\"profile\": \"internal-archive\", \"type\": \"authenticated\", \"public_id\": \"a\"}");
			Response unknown = this.http.postJson("/v1/delivery-urls",
					"{\"profile\": \"internal-archiv\", \"type\": \"authenticated\", \"public_id\": \"a\"}");
			assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
			assertThat(forbidden.json().get("type").stringValue()).endsWith("/profile-forbidden");
			assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
			assertThat(unknown.json().get("type").stringValue()).endsWith("/unknown-profile");
			assertThat(forbidden.header("RateLimit")).as("nothing was spent").isNull();
		}
	}

	/**
	 * Finding (fixed): the 429 of the delivery and verification endpoints spoke of
	 * signing with a profile named after the kind of endpoint, which is no profile the
	 * caller can name or configure under signet.delivery.profiles; it now names the kind
	 * of requests.
	 */
	@Test
	void rateLimitedDeliveryRefusalNamesTheKindOfRequestsNotAProfile() {
		String token = "{\"profile\": \"internal-archive\", \"acl\": \"/raw/*\", \"duration\": 60}";
		Response last = null;
		for (int i = 0; i < 3; i++) {
			last = this.http.send("POST", "/v1/auth-tokens", token, "Content-Type", "application/json", "X-Api-Key",
					BACKEND_KEY);
		}
		assertThat(last.status()).as(last.body()).isEqualTo(429);
		assertThat(last.header("Retry-After")).isNotNull();
		assertThat(last.header("RateLimit")).startsWith("\"caller\";r=0;");
		assertThat(last.json().get("detail").stringValue())
			.startsWith("This caller may send 2 per minute 'delivery' requests (delivery URLs and auth tokens);")
			.doesNotContain("internal-archive");
	}

	/**
	 * Finding (behaviour change no test covered): before the pipeline a caller that may
	 * use several delivery profiles and names none got 400 ("Several delivery profiles
	 * are open to this caller; name one in the profile field."); now the signing rule
	 * applies and a profile named {@code default} is taken silently.
	 */
	@Test
	void deliveryRequestWithoutProfileNowFallsBackToDefault() {
		Response response = this.http.send("POST", "/v1/delivery-urls",
				"{\"type\": \"authenticated\", \"public_id\": \"a\"}", "Content-Type", "application/json", "X-Api-Key",
				TestAccounts.CLIENT_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("profile").stringValue()).isEqualTo("default");
	}

	/**
	 * Held: the OpenAPI document shows no CallerClaim (no principal, named user or trust
	 * flag a client could think it may send).
	 */
	@Test
	void openApiDocumentShowsNoCallerClaim() {
		String docs = this.http.send("GET", "/v3/api-docs", null).body();
		assertThat(docs).contains("/v1/delivery-urls")
			.doesNotContain("CallerClaim")
			.doesNotContain("trustedToNameUsers")
			.doesNotContain("namedUser")
			.doesNotContain("\"principal\"");
	}

}
