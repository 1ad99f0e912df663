package dev.signet.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import authserver.AuthServerApp;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for JWT bearer authentication against a real, in-process OAuth2 authorization
 * server.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"signet.jwt.audience=signet",
		// A user-looking sub must never pass as a client.
		"signet.profiles.partner.jwt-clients=shop-backend", "signet.profiles.partner.allowed.folder.kind=path",
		"signet.delivery.profiles.private.clients=backend", "signet.delivery.profiles.spa.jwt-clients=web-app" })
class JwtAuthenticationIntegrationTests {

	private static final String BODY = "{\"params\": {\"folder\": \"uploads\"}}";

	private static ConfigurableApplicationContext authServer;

	@LocalServerPort
	private int port;

	private Http http;

	@DynamicPropertySource
	static void jwtIssuer(DynamicPropertyRegistry registry) {
		authServer = AuthServerApp.start();
		registry.add("signet.jwt.issuer-uri", JwtAuthenticationIntegrationTests::issuer);
		// Tokens without azp or client_id belong to the issuer's shared client.
		registry.add("signet.profiles.issuer-wide.jwt-clients", JwtAuthenticationIntegrationTests::issuer);
		registry.add("signet.profiles.issuer-wide.allowed.folder.kind", () -> "path");
	}

	@AfterAll
	static void stopAuthServer() {
		authServer.close();
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/signatures", "/v1/signatures/widget" })
	void signWithTokenCarryingScopeAndAudienceIsAllowed(String path) {
		String body = path.endsWith("widget")
				? "{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000) + "}}" : BODY;
		Response response = bearer(path, body, token("web-app"));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("signature").stringValue()).hasSize(40);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/signatures", "/v1/signatures/widget" })
	void signWithTokenLackingScopeIsForbidden(String path) {
		Response response = bearer(path, BODY, token("reader"));
		SignatureProblems.assertProblem(response, 403, "forbidden");
		assertThat(response.header("WWW-Authenticate")).contains("insufficient_scope");
	}

	@Test
	void signWithTokenForAnotherAudienceIsUnauthorized() {
		Response response = bearer("/v1/signatures", BODY, token("other-api"));
		SignatureProblems.assertProblem(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
	}

	@Test
	void signWithTamperedTokenIsUnauthorized() {
		String token = token("web-app");
		String[] parts = token.split("\\.");
		String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
			.replace("\"sub\":\"web-app\"", "\"sub\":\"admin\"");
		String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
				+ "." + parts[2];
		SignatureProblems.assertProblem(bearer("/v1/signatures", BODY, tampered), 401, "unauthenticated");
	}

	@Test
	void signWithUnsignedAlgNoneTokenIsUnauthorized() {
		String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"iss\":\"" + issuer() + "\",\"sub\":\"x\",\"aud\":\"signet\",\"scope\":\"signet:sign\","
					+ "\"exp\":" + (System.currentTimeMillis() / 1000 + 600) + "}")
				.getBytes());
		SignatureProblems.assertProblem(bearer("/v1/signatures", BODY, header + "." + payload + "."), 401,
				"unauthenticated");
	}

	@Test
	void signWithMalformedTokenIsUnauthorized() {
		SignatureProblems.assertProblem(bearer("/v1/signatures", BODY, "abc"), 401, "unauthenticated");
	}

	@Test
	void signWithBothApiKeyAndTokenIsUnauthorized() {
		Response response = this.http.send("POST", "/v1/signatures", BODY, "Content-Type", "application/json",
				"Authorization", "Bearer " + token("web-app"), "X-Api-Key", "whatever-key-0123456789");
		SignatureProblems.assertProblem(response, 401, "unauthenticated");
	}

	@Test
	void jwtClientsMatchTheAzpNeverTheSubject() {
		// sub=shop-backend, no azp: a user named like a client is not that client.
		Response response = bearer("/v1/signatures", "{\"profile\": \"partner\", \"params\": {\"folder\": \"p\"}}",
				token("shop-backend"));
		SignatureProblems.assertProblem(response, 403, "profile-forbidden");
	}

	@Test
	void tokenWithoutAzpBelongsToItsIssuersSharedClient() {
		String body = "{\"profile\": \"issuer-wide\", \"params\": {\"folder\": \"p\"}}";
		Response shared = bearer("/v1/signatures", body, token("shop-backend"));
		assertThat(shared.status()).as(shared.body()).isEqualTo(200);
		SignatureProblems.assertProblem(bearer("/v1/signatures", body, token("web-app")), 403, "profile-forbidden");
	}

	@Test
	void deliveryProfilesMatchJwtClientsNeverTheSubject() {
		// sub=backend, no azp, while the delivery profile "private" names the API-key
		// client backend.
		SignatureProblems.assertProblem(
				bearer("/v1/delivery-urls", "{\"profile\": \"private\", \"public_id\": \"a/b\"}", token("backend")),
				403, "profile-forbidden");
		SignatureProblems.assertProblem(
				bearer("/v1/delivery-urls", "{\"profile\": \"spa\", \"public_id\": \"a/b\"}", token("backend")), 403,
				"profile-forbidden");
		Response spa = bearer("/v1/delivery-urls", "{\"profile\": \"spa\", \"public_id\": \"a/b\"}", token("web-app"));
		assertThat(spa.status()).as(spa.body()).isEqualTo(200);
	}

	@Test
	void metricsLabelClientsWithConfiguredNamesOnly() {
		assertThat(bearer("/v1/signatures", BODY, token("web-app")).status()).isEqualTo(200);
		assertThat(bearer("/v1/signatures", BODY, token("shop-backend")).status()).isEqualTo(200);
		String metrics = this.http.send("GET", "/actuator/prometheus", null).body();
		assertThat(metrics).contains("signet_signatures_issued_total")
			.contains("client=\"other\"")
			.doesNotContain("client=\"web-app\"")
			.doesNotContain("client=\"shop-backend\"");
	}

	@Test
	void repeatedCredentialHeadersAreRefusedBeforeAuthentication() {
		String token = token("web-app");
		SignatureProblems.assertProblem(this.http.send("POST", "/v1/signatures", BODY, "Content-Type",
				"application/json", "Authorization", "Bearer " + token, "Authorization", "Bearer " + token), 400,
				"invalid-request");
		SignatureProblems.assertProblem(this.http.send("POST", "/v1/signatures", BODY, "Content-Type",
				"application/json", "X-Api-Key", "first-key-0123456789", "X-Api-Key", "second-key-0123456789"), 400,
				"invalid-request");
		SignatureProblems
			.assertProblem(
					this.http.send("POST", "/v1/signatures", BODY, "Content-Type", "application/json", "Authorization",
							"Bearer " + token, "X-Signet-User", "alice", "X-Signet-User", "bob"),
					400, "invalid-request");
	}

	@Test
	void profileDescriptionNeedsTheSigningScope() {
		Response reader = this.http.send("GET", "/v1/profiles/default", null, "Authorization",
				"Bearer " + token("reader"));
		SignatureProblems.assertProblem(reader, 403, "forbidden");
		Response signer = this.http.send("GET", "/v1/profiles/default", null, "Authorization",
				"Bearer " + token("web-app"));
		assertThat(signer.status()).as(signer.body()).isEqualTo(200);
	}

	@Test
	void healthDetailsNeedTheHealthScopeNotTheSigningScope() {
		Response signer = this.http.send("GET", "/readyz", null, "Authorization", "Bearer " + token("web-app"));
		assertThat(signer.status()).isEqualTo(200);
		assertThat(signer.body()).doesNotContain("components").doesNotContain("fingerprint");
		Response monitor = this.http.send("GET", "/readyz", null, "Authorization", "Bearer " + token("monitor"));
		assertThat(monitor.status()).isEqualTo(200);
		assertThat(monitor.json().get("components").has("cloudinaryAccounts")).isTrue();
	}

	private Response bearer(String path, String body, String token) {
		return this.http.send("POST", path, body, "Content-Type", "application/json", "Authorization",
				"Bearer " + token);
	}

	private static String issuer() {
		return "http://127.0.0.1:" + authServer.getEnvironment().getProperty("local.server.port");
	}

	static String token(String client) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create(issuer() + "/oauth2/token"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString((client + ":" + client + "-secret").getBytes()))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + switch (client) {
					case "reader" -> "profile:read";
					case "monitor" -> "signet:health";
					default -> "signet:sign";
				}))
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			return JsonMapper.builder().build().readTree(response.body()).get("access_token").stringValue();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
