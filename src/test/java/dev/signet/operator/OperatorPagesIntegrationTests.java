package dev.signet.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.signet.codec.Sha256;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.JwksServer;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the operator pages over real HTTP: an operator (an API-key client of
 * {@code signet.operator.clients}, or a JWT with the operator scope) sees each page;
 * ordinary clients and JWTs with the signing scope only are refused with a problem that
 * says why; no page shows a secret or a signature; the decisions' filters work; reading a
 * caller's buckets spends nothing from them.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",ops:" + OperatorPagesIntegrationTests.OPS_KEY,
		"signet.operator.clients=ops", "signet.cors.allowed-origins=" + TestAccounts.ORIGIN,
		"signet.rate-limit.enabled=true", "signet.jwt.audience=" + JwksServer.AUDIENCE,
		"signet.profiles.tight.clients=web,backend", "signet.profiles.tight.allowed.folder.kind=path",
		"signet.rate-limit.profiles.tight.caller.capacity=5", "signet.rate-limit.profiles.tight.caller.period=1d",
		"signet.delivery.profiles.images.clients=web", "signet.delivery.profiles.images.public-id-pattern=shop/.*" })
class OperatorPagesIntegrationTests {

	static final String OPS_KEY = "ops-key-0123456789abcdef";

	private static final String FOLDER = "folder-value-never-shown-7";

	private static final String BACKEND_KEY = "backend-key-fedcba9876543210";

	private static final List<String> PAGES = List.of("/v1/operator/profiles", "/v1/operator/limits?caller=web",
			"/v1/operator/accounts", "/v1/operator/decisions");

	private static final JwksServer jwks = JwksServer.start();

	@LocalServerPort
	private int port;

	private Http http;

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.stop();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void operatorSeesTheProfilesAndTheirRules() {
		JsonNode page = operator("/v1/operator/profiles");
		JsonNode tight = find(page.get("signing_profiles"), "tight");
		assertThat(tight.get("clients").toString()).contains("web", "backend");
		assertThat(tight.get("allowed").get("folder").get("kind").stringValue()).isEqualTo("path");
		assertThat(tight.get("refused").get("eval").stringValue()).isEqualTo("runs code at Cloudinary");
		assertThat(tight.get("limits").get("caller").get("limit").asInt()).isEqualTo(5);
		assertThat(tight.get("limits").get("caller").get("window_seconds").asLong()).isEqualTo(86400);
		JsonNode images = find(page.get("delivery_profiles"), "images");
		assertThat(images.get("public_id_pattern").stringValue()).isEqualTo("shop/.*");
		assertThat(page.get("endpoint_kinds").get("operator").get("limits").get("caller").get("limit").asInt())
			.isEqualTo(600);
	}

	@Test
	void operatorSeesTheAccountsWithFingerprintsOnly() {
		Response response = get("/v1/operator/accounts", "X-Api-Key", OPS_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode account = response.json().get("accounts").get(0);
		assertThat(account.get("cloud_name").stringValue()).isEqualTo(TestAccounts.CLOUD_NAME);
		JsonNode key = account.get("keys").get(0);
		assertThat(key.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(key.get("secret_fingerprint").stringValue())
			.isEqualTo(HexFormat.of().formatHex(Sha256.digest(TestAccounts.CANARY_SECRET), 0, 4));
		assertThat(response.body()).doesNotContain(TestAccounts.CANARY_SECRET);
	}

	@Test
	void jwtWithTheOperatorScopeSeesEveryPage() {
		String token = jwks.token("alice", JwksServer.AUDIENCE, "signet:operator", Instant.now().plusSeconds(600));
		for (String page : PAGES) {
			Response response = get(page, "Authorization", "Bearer " + token);
			assertThat(response.status()).as(page + ": " + response.body()).isEqualTo(200);
			assertThat(response.header("Content-Type")).startsWith("application/json");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/operator/profiles", "/v1/operator/limits?caller=web", "/v1/operator/accounts",
			"/v1/operator/decisions" })
	void ordinaryApiKeyClientIsRefusedWithTheReason(String page) {
		Response response = get(page, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertForbidden(response);
		assertThat(response.json().get("detail").stringValue()).contains("not an operator", "SIGNET_OPERATOR_CLIENTS");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/operator/profiles", "/v1/operator/limits?caller=web", "/v1/operator/accounts",
			"/v1/operator/decisions" })
	void jwtWithTheSigningScopeOnlyIsRefusedWithTheReason(String page) {
		Response response = get(page, "Authorization", "Bearer " + jwks.token("alice"));
		assertForbidden(response);
		assertThat(response.json().get("detail").stringValue()).contains("lacks the scope signet:operator");
		assertThat(response.header("WWW-Authenticate")).contains("scope=\"signet:operator\"");
	}

	@Test
	void decisionsAreFilteredByCallerProfileAndOutcomeWithoutSecretOrSignature() {
		Response issued = sign(TestAccounts.CLIENT_KEY,
				"{\"profile\": \"tight\", \"params\": {\"folder\": \"" + FOLDER + "\"}}");
		assertThat(issued.status()).as(issued.body()).isEqualTo(200);
		Response refused = sign(TestAccounts.CLIENT_KEY, "{\"profile\": \"tight\", \"params\": {\"eval\": \"x\"}}");
		assertThat(refused.status()).as(refused.body()).isEqualTo(400);
		Response other = sign(BACKEND_KEY, "{\"params\": {\"folder\": \"b\"}}");
		assertThat(other.status()).as(other.body()).isEqualTo(200);
		String signature = issued.json().get("signature").stringValue();
		String otherSignature = other.json().get("signature").stringValue();

		Response all = get("/v1/operator/decisions", "X-Api-Key", OPS_KEY);
		assertThat(all.status()).as(all.body()).isEqualTo(200);
		assertThat(requestIds(all)).contains(id(issued), id(refused), id(other));
		assertThat(all.body()).doesNotContain(TestAccounts.CANARY_SECRET, signature, otherSignature, "\"signature\":",
				FOLDER);
		JsonNode newest = all.json().get("decisions").get(0);
		assertThat(newest.get("request_id").stringValue()).isEqualTo(id(other));

		JsonNode byCaller = operator("/v1/operator/decisions?caller=web").get("decisions");
		assertThat(requestIds(byCaller)).contains(id(issued), id(refused)).doesNotContain(id(other));
		byCaller.forEach((event) -> assertThat(event.get("client").stringValue()).isEqualTo("web"));

		JsonNode byProfile = operator("/v1/operator/decisions?profile=default").get("decisions");
		assertThat(requestIds(byProfile)).contains(id(other)).doesNotContain(id(issued), id(refused));

		JsonNode byOutcome = operator("/v1/operator/decisions?caller=web&outcome=refused").get("decisions");
		assertThat(requestIds(byOutcome)).contains(id(refused)).doesNotContain(id(issued));
		assertThat(byOutcome.get(0).get("refused_params").toString()).contains("eval");
		JsonNode byReason = operator("/v1/operator/decisions?outcome=parameter-not-allowed").get("decisions");
		assertThat(requestIds(byReason)).contains(id(refused)).doesNotContain(id(issued), id(other));

		assertThat(operator("/v1/operator/decisions?limit=1").get("decisions")).hasSize(1);
	}

	@Test
	void readingACallersBucketsSpendsNothingFromThem() {
		assertThat(callerRemaining("backend", "tight")).isEqualTo(5);
		for (int i = 0; i < 2; i++) {
			Response signed = sign(BACKEND_KEY, "{\"profile\": \"tight\", \"params\": {}}");
			assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		}
		assertThat(callerRemaining("backend", "tight")).isEqualTo(3);
		assertThat(callerRemaining("backend", "tight")).isEqualTo(3);
		assertThat(callerRemaining("backend", "tight")).isEqualTo(3);
		Response signed = sign(BACKEND_KEY, "{\"profile\": \"tight\", \"params\": {}}");
		assertThat(signed.header("RateLimit")).contains("r=2");
		assertThat(callerRemaining("backend", "tight")).isEqualTo(2);
	}

	@Test
	void limitsOfAJwtCallerAreKeyedByIssuerClientAndSubject() {
		String token = jwks.token((header) -> header, (claims) -> claims.subject("carol").claim("azp", "shop-app"));
		Response signed = this.http.send("POST", "/v1/signatures", "{\"params\": {}}", "Content-Type",
				"application/json", "Authorization", "Bearer " + token);
		assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		String issuer = jwks.jwkSetUri();
		JsonNode page = operator("/v1/operator/limits?caller=shop-app&issuer=" + issuer + "&subject=carol");
		assertThat(page.get("caller").get("auth").stringValue()).isEqualTo("jwt");
		JsonNode caller = state(page, "default", "caller");
		assertThat(caller.get("remaining").asLong()).isEqualTo(caller.get("limit").asLong() - 1);
		assertThat(caller.get("quota_remaining").asLong()).isEqualTo(caller.get("quota").asLong() - 1);
		JsonNode someoneElse = state(operator("/v1/operator/limits?caller=shop-app&issuer=" + issuer + "&subject=dave"),
				"default", "caller");
		assertThat(someoneElse.get("remaining").asLong()).isEqualTo(someoneElse.get("limit").asLong());
	}

	@Test
	void operatorPagesCannotBeReadFromAnotherOriginEvenOneAllowedToSign() {
		Response signing = get("/v1/profiles", "X-Api-Key", TestAccounts.CLIENT_KEY, "Origin", TestAccounts.ORIGIN);
		assertThat(signing.status()).as(signing.body()).isEqualTo(200);
		assertThat(signing.header("Access-Control-Allow-Origin")).isEqualTo(TestAccounts.ORIGIN);
		Response operator = get("/v1/operator/decisions", "X-Api-Key", OPS_KEY, "Origin", TestAccounts.ORIGIN);
		assertThat(operator.status()).as(operator.body()).isEqualTo(403);
		assertThat(operator.headers()).doesNotContainKey("access-control-allow-origin");
		assertThat(operator.body()).doesNotContain("\"decisions\"");
	}

	@Test
	void limitsOfAJwtCallerWithoutItsSubjectAreRefusedInWords() {
		Response response = get("/v1/operator/limits?caller=shop-app&issuer=https://idp.example", "X-Api-Key", OPS_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("detail").stringValue()).contains("subject=<sub>");
	}

	@Test
	void limitsWithoutACallerAreRefusedInWords() {
		Response response = get("/v1/operator/limits", "X-Api-Key", OPS_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("detail").stringValue()).contains("caller=");
		Response badLimit = get("/v1/operator/decisions?limit=lots", "X-Api-Key", OPS_KEY);
		assertThat(badLimit.status()).as(badLimit.body()).isEqualTo(400);
		assertThat(badLimit.json().get("detail").stringValue()).contains("limit must be");
	}

	@Test
	void operatorPagesSpendFromTheOperatorBucketsOnly() {
		operator("/v1/operator/profiles");
		JsonNode page = operator("/v1/operator/limits?caller=ops");
		JsonNode operatorBucket = state(page, "operator", "caller");
		assertThat(operatorBucket.get("limit").asLong()).isEqualTo(600);
		assertThat(operatorBucket.get("remaining").asLong()).isLessThan(600);
		JsonNode signing = state(page, "default", "caller");
		assertThat(signing.get("remaining").asLong()).isEqualTo(signing.get("limit").asLong());
		assertThat(signing.get("quota_remaining").asLong()).isEqualTo(signing.get("quota").asLong());
	}

	private long callerRemaining(String client, String bucket) {
		return state(operator("/v1/operator/limits?caller=" + client), bucket, "caller").get("remaining").asLong();
	}

	private static JsonNode state(JsonNode page, String bucket, String scope) {
		for (JsonNode entry : page.get("buckets")) {
			if (entry.get("bucket").stringValue().equals(bucket)) {
				for (JsonNode state : entry.get("states")) {
					if (state.get("scope").stringValue().equals(scope)) {
						return state;
					}
				}
			}
		}
		throw new AssertionError("no " + scope + " bucket of " + bucket + " in " + page);
	}

	private JsonNode operator(String path) {
		Response response = get(path, "X-Api-Key", OPS_KEY);
		assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
		assertThat(response.body()).doesNotContain(TestAccounts.CANARY_SECRET);
		return response.json();
	}

	private Response get(String path, String... headers) {
		return this.http.send("GET", path, null, headers);
	}

	private Response sign(String key, String body) {
		return this.http.send("POST", "/v1/signatures", body, "Content-Type", "application/json", "X-Api-Key", key);
	}

	private static String id(Response response) {
		return response.header("X-Request-Id");
	}

	private static List<String> requestIds(Response response) {
		return requestIds(response.json().get("decisions"));
	}

	private static List<String> requestIds(JsonNode decisions) {
		List<String> ids = new ArrayList<>();
		decisions.forEach((event) -> ids.add(event.get("request_id").stringValue()));
		return ids;
	}

	private static JsonNode find(JsonNode profiles, String name) {
		for (JsonNode profile : profiles) {
			if (profile.get("name").stringValue().equals(name)) {
				return profile;
			}
		}
		throw new AssertionError("no profile " + name + " in " + profiles);
	}

	private static void assertForbidden(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().get("type").stringValue()).isEqualTo("https://signet.dev/problems/forbidden");
		assertThat(response.body()).doesNotContain(TestAccounts.CANARY_SECRET);
	}

}
