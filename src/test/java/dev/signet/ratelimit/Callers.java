package dev.signet.ratelimit;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API-key callers and assertions shared by the rate-limit tests over HTTP.
 *
 * @author Signet developers
 */
final class Callers {

	static final String ALICE = "alice-key-0123456789abcdef";

	static final String BOB = "bob-key-0123456789abcdef";

	static final String CAROL = "carol-key-0123456789abcdef";

	static final String DAVE = "dave-key-0123456789abcdef";

	static final String API_KEYS = "alice:" + ALICE + ",bob:" + BOB + ",carol:" + CAROL + ",dave:" + DAVE;

	/** Dave reads the health details (rate-limit mode). */
	static final String HEALTH_CLIENTS = "signet.health.clients=dave";

	static final String CLOUDINARY_URL = "CLOUDINARY_URL=" + "cloudinary://" + TestAccounts.API_KEY + ":"
			+ TestAccounts.CANARY_SECRET + "@" + TestAccounts.CLOUD_NAME;

	static final String SIGN = "/v1/signatures";

	static final String WIDGET = "/v1/signatures/widget";

	static final String BODY = "{\"params\": {\"folder\": \"avatars\"}}";

	private Callers() {
	}

	static Response sign(Http http, String key) {
		return http.send("POST", SIGN, BODY, "Content-Type", "application/json", "X-Api-Key", key);
	}

	static Response signWidget(Http http, String key) {
		return http.send("POST", WIDGET,
				"{\"paramsToSign\": {\"source\": \"uw\", \"timestamp\": " + (System.currentTimeMillis() / 1000) + "}}",
				"Content-Type", "application/json", "X-Api-Key", key);
	}

	/**
	 * Asserts a 429 problem response with its three headers, and returns its Retry-After.
	 * @param response the response
	 * @param limit the limit's name
	 * @param policy the expected RateLimit-Policy value
	 * @return the seconds in Retry-After
	 */
	static long assertRateLimited(Response response, String limit, String policy) {
		assertThat(response.status()).as(response.body()).isEqualTo(429);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("https://signet.dev/problems/rate-limited");
		assertThat(body.get("title").stringValue()).isEqualTo("Too many requests");
		assertThat(body.get("status").intValue()).isEqualTo(429);
		assertThat(body.get("limit").stringValue()).isEqualTo(limit);
		assertThat(body.get("request_id").stringValue()).isNotBlank();
		assertThat(body.get("detail").stringValue()).contains("retry in");
		long retry = Long.parseLong(response.header("Retry-After"));
		assertThat(retry).isPositive();
		assertThat(body.get("retry_after").longValue()).isEqualTo(retry);
		assertThat(response.header("RateLimit-Policy")).isEqualTo(policy);
		assertThat(response.header("RateLimit")).isEqualTo("\"" + limit + "\";r=0;t=" + retry);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain(TestAccounts.CANARY_SECRET);
		return retry;
	}

}
