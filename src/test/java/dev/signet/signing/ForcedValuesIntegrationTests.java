package dev.signet.signing;

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
 * Tests of forced values whose templates take the caller's identity ({@code {client}},
 * {@code {sub}}): a value that breaks the rule of its parameter's kind is refused with a
 * problem naming the parameter, never signed.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"signet.cloudinary.accounts.legacy.url=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET
				+ "@" + TestAccounts.CLOUD_NAME + "?signature_version=1",
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.trusted-clients=backend",
		"signet.jwt.audience=" + JwksServer.AUDIENCE, "signet.profiles.by-client.jwt-clients=*",
		"signet.profiles.by-client.forced.folder=users/{client}", "signet.profiles.tag.jwt-clients=*",
		"signet.profiles.tag.forced.tags=jwt,{client}", "signet.profiles.owner.jwt-clients=*",
		"signet.profiles.owner.forced.context=owner={client}", "signet.profiles.legacy.jwt-clients=*",
		"signet.profiles.legacy.account=legacy", "signet.profiles.legacy.forced.context=owner={client}",
		"signet.profiles.literal.clients=backend", "signet.profiles.literal.account=legacy",
		"signet.profiles.literal.forced.context=a=b&c=d", "signet.profiles.literal-v2.clients=backend",
		"signet.profiles.literal-v2.forced.context=a=b&c=d", "signet.profiles.user.clients=backend",
		"signet.profiles.user.forced.folder=users/{sub}", "signet.profiles.filename.clients=backend",
		"signet.profiles.filename.forced.use-filename=true",
		"signet.profiles.filename.allowed.unique-filename.kind=boolean", "signet.profiles.unique.clients=backend",
		"signet.profiles.unique.forced.unique-filename=false",
		"signet.profiles.unique.allowed.use-filename.kind=boolean" })
class ForcedValuesIntegrationTests {

	private static final String BACKEND_KEY = "backend-key-fedcba9876543210";

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
	void clientThatClimbsOutOfTheForcedFolderIsRefused() {
		assertRefused(jwt("by-client", "../../x"), "folder");
		assertThat(jwt("by-client", "shop-app").json().get("params").get("folder").stringValue())
			.isEqualTo("users/shop-app");
	}

	@Test
	void clientWithACommaGetsNoExtraForcedTag() {
		assertRefused(jwt("tag", "a,moderated"), "tags");
		assertThat(jwt("tag", "shop-app").json().get("params").get("tags").stringValue()).isEqualTo("jwt,shop-app");
	}

	@Test
	void clientWithAPipeGetsNoExtraContextKey() {
		assertRefused(jwt("owner", "a|role=admin"), "context");
	}

	@Test
	void clientWithAnAmpersandGetsNoExtraParameterUnderSignatureVersion1() {
		assertRefused(jwt("legacy", "a&eval=alert(1)"), "context");
		JsonNode signed = jwt("legacy", "shop-app").json();
		assertThat(signed.get("params").get("context").stringValue())
			.isEqualTo("owner=shop-app|signet_upload_id=" + signed.get("upload_id").stringValue());
	}

	@Test
	void forcedValueWithAnAmpersandIsRefusedUnderSignatureVersion1Only() {
		assertRefused(backend("literal", null), "context");
		Response v2 = backend("literal-v2", null);
		assertThat(v2.status()).as(v2.body()).isEqualTo(200);
		assertThat(v2.json().get("params").get("context").stringValue())
			.isEqualTo("a=b&c=d|signet_upload_id=" + v2.json().get("upload_id").stringValue());
	}

	@ParameterizedTest
	@ValueSource(strings = { "..", ".", "a:b", "a|b" })
	void userHeaderThatIsNoSingleNameGetsNoFolder(String user) {
		assertRefused(backend("user", user), "folder");
	}

	@Test
	void userHeaderThatIsAPlainNameGetsItsFolder() {
		Response response = backend("user", "alice.smith@example.com");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("params").get("folder").stringValue())
			.isEqualTo("users/alice.smith@example.com");
	}

	@Test
	void widgetAndProfileDescriptionRefuseTheCallerToo() {
		String token = jwks.token("../../x");
		Response widget = this.http.send("POST", "/v1/signatures/widget?profile=by-client",
				"{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000)
						+ ", \"folder\": \"users/../../x\"}}",
				"Content-Type", "application/json", "Authorization", "Bearer " + token);
		assertRefusedProblem(widget, "folder");
		Response profile = this.http.send("GET", "/v1/profiles/by-client", null, "Authorization", "Bearer " + token);
		assertRefusedProblem(profile, "folder");
	}

	@Test
	void forcedUseFilenameWithTheClientsUniqueFilenameFalseIsSignedWithOverwriteFalse() {
		Response response = this.http.send("POST", "/v1/signatures",
				"{\"profile\": \"filename\", \"params\": {\"unique_filename\": \"false\"}}", "Content-Type",
				"application/json", "X-Api-Key", BACKEND_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("params").get("overwrite").stringValue()).isEqualTo("false");
		Response forcedUnique = this.http.send("POST", "/v1/signatures",
				"{\"profile\": \"unique\", \"params\": {\"use_filename\": \"true\"}}", "Content-Type",
				"application/json", "X-Api-Key", BACKEND_KEY);
		assertThat(forcedUnique.status()).as(forcedUnique.body()).isEqualTo(200);
		assertThat(forcedUnique.json().get("params").get("overwrite").stringValue()).isEqualTo("false");
	}

	@Test
	void widgetWithForcedUseFilenameAndUniqueFilenameFalseMustSendOverwriteFalse() {
		Response response = this.http.send("POST", "/v1/signatures/widget?profile=filename",
				"{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000)
						+ ", \"use_filename\": \"true\", \"unique_filename\": \"false\"}}",
				"Content-Type", "application/json", "X-Api-Key", BACKEND_KEY);
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("invalid_params").get(0).get("name").stringValue()).isEqualTo("overwrite");
		assertThat(response.body()).doesNotContain("\"signature\"");
	}

	/**
	 * Signs with a JWT whose client ({@code azp}, which {@code {client}} resolves to) is
	 * as given: the identity provider's client registration, not Signet, chose it.
	 */
	private Response jwt(String profile, String client) {
		String token = jwks.token((header) -> header, (claims) -> claims.claim("azp", client));
		return this.http.send("POST", "/v1/signatures", "{\"profile\": \"" + profile + "\", \"params\": {}}",
				"Content-Type", "application/json", "Authorization", "Bearer " + token);
	}

	private Response backend(String profile, String user) {
		String body = "{\"profile\": \"" + profile + "\", \"params\": {}}";
		if (user == null) {
			return this.http.send("POST", "/v1/signatures", body, "Content-Type", "application/json", "X-Api-Key",
					BACKEND_KEY);
		}
		return this.http.send("POST", "/v1/signatures", body, "Content-Type", "application/json", "X-Api-Key",
				BACKEND_KEY, "X-Signet-User", user);
	}

	private static void assertRefused(Response response, String parameter) {
		assertRefusedProblem(response, parameter);
	}

	private static void assertRefusedProblem(Response response, String parameter) {
		assertThat(response.status()).as(response.body()).isEqualTo(403);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("https://signet.dev/problems/profile-forbidden");
		assertThat(body.get("detail").stringValue()).contains(parameter);
		assertThat(body.get("invalid_params").get(0).get("name").stringValue()).isEqualTo(parameter);
		assertThat(response.body()).doesNotContain("\"signature\"");
	}

}
