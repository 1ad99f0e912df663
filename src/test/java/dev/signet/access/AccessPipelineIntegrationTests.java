package dev.signet.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.signet.support.AuditLines;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every issuing endpoint goes through one pipeline (issue 13): the same audit schema, the
 * same profile selection and refusals, per-caller limits with their state on issued and
 * refused answers alike.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",limited:" + AccessPipelineIntegrationTests.LIMITED,
		"CLOUDINARY_AUTH_TOKEN_KEY=00112233445566778899aabbccddeeff", "signet.rate-limit.enabled=true",
		"signet.delivery.profiles.media.clients=web,limited", "signet.delivery.profiles.media.types=authenticated",
		"signet.delivery.profiles.media.token-paths=/image/", "signet.rate-limit.profiles.delivery.caller.capacity=4" })
@ExtendWith(OutputCaptureExtension.class)
class AccessPipelineIntegrationTests {

	static final String LIMITED = "limited-key-0123456789abcdef";

	private static final String URL = "{\"profile\": \"media\", \"type\": \"authenticated\", \"public_id\": \"a/b\"}";

	private static final String TOKEN = "{\"profile\": \"media\", \"acl\": \"/image/*\", \"duration\": 60}";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void everyIssuingEndpointWritesOneAuditSchema(CapturedOutput output) {
		List<JsonNode> issued = new ArrayList<>();
		List<JsonNode> refused = new ArrayList<>();
		issued.add(event(output, ok(this.http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"a\"}}"))));
		issued.add(event(output, ok(this.http.postJson("/v1/delivery-urls", URL))));
		issued.add(event(output, ok(this.http.postJson("/v1/auth-tokens", TOKEN))));
		refused.add(event(output, this.http.postJson("/v1/signatures", "{\"params\": {\"eval\": \"x\"}}")));
		refused.add(event(output, this.http.postJson("/v1/delivery-urls",
				"{\"profile\": \"media\", \"type\": \"upload\", \"public_id\": \"a/b\"}")));
		refused.add(event(output, this.http.postJson("/v1/auth-tokens",
				"{\"profile\": \"media\", \"acl\": \"/video/*\", \"duration\": 60}")));
		Set<String> issuedFields = Set.of("time", "logger", "event", "request_id", "endpoint", "auth", "client",
				"issuer", "subject", "profile", "account", "api_key", "params");
		Set<String> refusedFields = Set.of("time", "logger", "event", "request_id", "endpoint", "auth", "client",
				"issuer", "subject", "profile", "reason", "refused_params");
		for (JsonNode event : issued) {
			assertThat(fields(event)).as(event.toString()).containsAll(issuedFields);
			assertThat(event.get("event").stringValue()).endsWith(".issued");
			assertThat(event.get("client").stringValue()).isEqualTo("web");
			assertThat(event.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		}
		for (JsonNode event : refused) {
			assertThat(fields(event)).as(event.toString()).isEqualTo(refusedFields);
			assertThat(event.get("event").stringValue()).endsWith(".refused");
		}
		assertThat(issued).extracting((event) -> event.get("event").stringValue())
			.containsExactly("signature.issued", "delivery_url.issued", "auth_token.issued");
		assertThat(refused).extracting((event) -> event.get("refused_params").get(0).stringValue())
			.containsExactly("eval", "type", "acl");
		String metrics = this.http.send("GET", "/actuator/prometheus", null).body();
		assertThat(metrics).contains("signet_signatures_issued_total{client=\"web\",endpoint=\"delivery_url\"")
			.contains("signet_signatures_issued_total{client=\"web\",endpoint=\"auth_token\"")
			.contains("signet_signatures_refused_total{client=\"web\",endpoint=\"auth_token\",profile=\"media\"");
	}

	@Test
	void deliveryUrlsAndTokensAreLimitedPerCallerAndRefusalsCarryTheLimitState() {
		String backend = "backend-key-fedcba9876543210";
		assertThat(this.http
			.send("POST", "/v1/delivery-urls", URL, "Content-Type", "application/json", "X-Api-Key", backend)
			.status()).as("backend is not named by the profile").isEqualTo(403);
		Response first = this.http.send("POST", "/v1/delivery-urls", URL, "Content-Type", "application/json",
				"X-Api-Key", LIMITED, "X-Signet-User", "carol");
		assertThat(first.status()).isEqualTo(403);
		Response url = post("/v1/delivery-urls", URL);
		assertThat(url.header("RateLimit")).startsWith("\"caller\";r=3;");
		Response badToken = post("/v1/auth-tokens", "{\"profile\": \"media\", \"acl\": \"/video/*\"}");
		assertThat(badToken.status()).isEqualTo(400);
		assertThat(badToken.header("RateLimit")).as("a refusal after spending tells the state")
			.startsWith("\"caller\";r=2;");
		assertThat(post("/v1/auth-tokens", TOKEN).status()).isEqualTo(200);
		assertThat(post("/v1/delivery-urls", URL).status()).isEqualTo(200);
		Response limited = post("/v1/auth-tokens", TOKEN);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isNotNull();
		assertThat(limited.json().get("detail").stringValue()).contains("'delivery'");
		assertThat(this.http
			.send("POST", "/v1/signatures", "{\"params\": {\"folder\": \"a\"}}", "Content-Type", "application/json",
					"X-Api-Key", LIMITED)
			.status()).as("signing spends from its own buckets").isEqualTo(200);
	}

	@Test
	void unknownProfilesAreRefusedAlikeForSigningAndDelivery() {
		Response signing = this.http.postJson("/v1/signatures", "{\"profile\": \"nope\", \"params\": {}}");
		Response delivery = this.http.postJson("/v1/delivery-urls", "{\"profile\": \"nope\", \"public_id\": \"a\"}");
		assertThat(signing.status()).isEqualTo(400);
		assertThat(delivery.status()).isEqualTo(400);
		assertThat(signing.json().get("type").stringValue()).endsWith("/unknown-profile");
		assertThat(delivery.json().get("type").stringValue()).endsWith("/unknown-profile");
		assertThat(delivery.json().get("detail").stringValue())
			.isEqualTo("There is no delivery profile named 'nope'. Use a profile configured under "
					+ "signet.delivery.profiles.");
	}

	private Response post(String path, String body) {
		return this.http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", LIMITED);
	}

	private static Response ok(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response;
	}

	private static Set<String> fields(JsonNode event) {
		return new TreeSet<>(event.propertyNames());
	}

	private static JsonNode event(CapturedOutput output, Response response) {
		return AuditLines.event(output, response.header("X-Request-Id"));
	}

}
