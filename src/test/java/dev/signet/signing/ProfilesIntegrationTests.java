package dev.signet.signing;

import java.time.Instant;
import java.util.UUID;

import dev.signet.access.Caller;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for signing profiles over real HTTP: an avatar profile (one per user, no
 * overwrite), a staff products profile for a trusted backend, and widget mode.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.trusted-clients=backend",
		"signet.profiles.avatar.clients=web,backend", "signet.profiles.avatar.forced.folder=users/{ns}",
		"signet.profiles.avatar.forced.public-id=u/{ns}/{uuid}", "signet.profiles.avatar.forced.overwrite=false",
		"signet.profiles.avatar.forced.upload-preset=avatars", "signet.profiles.avatar.allowed.tags.max-items=3",
		"signet.profiles.avatar.allowed.tags.item-pattern=[a-z]{1,10}",
		"signet.profiles.avatar.allowed.context.context-keys=alt,caption",
		"signet.profiles.avatar.allowed.source.values=uw", "signet.profiles.avatar.resource-types=image",
		"signet.profiles.avatar.validity=15m", "signet.profiles.avatar.explain=true",
		"signet.profiles.products.clients=backend", "signet.profiles.products.allowed.folder.kind=path",
		"signet.profiles.products.allowed.folder.pattern=products(/[a-z0-9-]+)*",
		"signet.profiles.products.allowed.public-id.kind=path",
		"signet.profiles.products.forced.tags=staff-upload,{client}" })
class ProfilesIntegrationTests {

	private static final String BACKEND_KEY = "backend-key-fedcba9876543210";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void avatarProfileForcesNamespacedFolderAndFreshPublicId() {
		long now = Instant.now().getEpochSecond();
		Response response = this.http.postJson("/v1/signatures",
				"{\"profile\": \"avatar\", \"params\": {\"tags\": [\"me\"], \"context\": \"alt=Me\"}}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		String ns = Caller.ofApiKey("web", null).namespace();
		JsonNode params = body.get("params");
		assertThat(params.get("folder").stringValue()).isEqualTo("users/" + ns);
		assertThat(params.get("public_id").stringValue()).matches("u/" + ns + "/[0-9a-f-]{36}");
		assertThat(params.get("overwrite").stringValue()).isEqualTo("false");
		assertThat(params.get("upload_preset").stringValue()).isEqualTo("avatars");
		assertThat(body.get("profile").stringValue()).isEqualTo("avatar");
		assertThat(body.get("timestamp").longValue()).isCloseTo(now - 45 * 60, within(2L));
		assertThat(Instant.parse(body.get("expires_at").stringValue()).getEpochSecond()).isCloseTo(now + 15 * 60,
				within(2L));
		assertThat(body.get("string_to_sign")).isNull();
		String second = this.http.postJson("/v1/signatures", "{\"profile\": \"avatar\", \"params\": {}}")
			.json()
			.get("params")
			.get("public_id")
			.stringValue();
		assertThat(second).isNotEqualTo(params.get("public_id").stringValue());
	}

	@Test
	void explainShowsStringToSignWithSecretPlaceholder() {
		Response response = this.http.postJson("/v1/signatures",
				"{\"profile\": \"avatar\", \"explain\": true, \"params\": {}}");
		JsonNode body = response.json();
		assertThat(body.get("string_to_sign").stringValue())
			.startsWith("context=signet_upload_id=" + body.get("upload_id").stringValue() + "&folder=users/")
			.endsWith("<api_secret>")
			.doesNotContain(TestAccounts.CANARY_SECRET);
		assertThat(body.get("signed_keys").toString()).contains("public_id", "timestamp");
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.postJson("/v1/signatures", "{\"explain\": true, \"params\": {}}"), 400, "invalid-request");
	}

	@Test
	void clientValueForForcedParameterIsRefusedUnlessEqual() {
		String ns = Caller.ofApiKey("web", null).namespace();
		Response other = this.http.postJson("/v1/signatures",
				"{\"profile\": \"avatar\", \"params\": {\"folder\": \"users/someone-else\"}}");
		SignatureEndpointsIntegrationTests.assertProblem(other, 400, "invalid-parameter");
		assertThat(other.json().get("invalid_params").get(0).get("name").stringValue()).isEqualTo("folder");
		Response same = this.http.postJson("/v1/signatures",
				"{\"profile\": \"avatar\", \"params\": {\"folder\": \"users/" + ns + "\"}}");
		assertThat(same.status()).isEqualTo(200);
	}

	@Test
	void allowedRulesRefuseWhatTheyDoNotAllow() {
		Response response = this.http.postJson("/v1/signatures", "{\"profile\": \"avatar\", \"params\": "
				+ "{\"tags\": [\"a\", \"b\", \"c\", \"d\"], \"context\": \"alt=x|secret=y\", \"display_name\": \"x\"}}");
		SignatureEndpointsIntegrationTests.assertProblem(response, 400, "invalid-parameter");
		assertThat(response.json().get("invalid_params").findValuesAsString("name")).containsExactlyInAnyOrder("tags",
				"context", "display_name");
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.postJson("/v1/signatures", "{\"profile\": \"avatar\", \"params\": {\"tags\": [\"UPPER\"]}}"),
				400, "invalid-parameter");
	}

	@Test
	void resourceTypeOutsideProfileIsRefused() {
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.postJson("/v1/signatures",
						"{\"profile\": \"avatar\", \"resource_type\": \"raw\", \"params\": {}}"),
				400, "invalid-request");
	}

	@Test
	void profileNotAllowedForClientIsForbiddenAndUnknownProfileIsRefused() {
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.postJson("/v1/signatures", "{\"profile\": \"products\", \"params\": {}}"), 403,
				"profile-forbidden");
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.postJson("/v1/signatures", "{\"profile\": \"nope\", \"params\": {}}"), 400,
				"unknown-profile");
		assertThat(this.http.send("GET", "/actuator/prometheus", null).body())
			.as("client-chosen profile names never become metric tags")
			.doesNotContain("profile=\"nope\"")
			.contains("reason=\"unknown-profile\"");
	}

	@Test
	void trustedBackendNamesEndUserAndGetsTheirNamespace() {
		Response alice = backend("/v1/signatures", "{\"profile\": \"avatar\", \"params\": {}}", "alice");
		Response bob = backend("/v1/signatures", "{\"profile\": \"avatar\", \"params\": {}}", "bob");
		assertThat(alice.json().get("params").get("folder").stringValue())
			.isEqualTo("users/" + Caller.ofApiKey("backend", "alice").namespace());
		assertThat(bob.json().get("params").get("folder").stringValue())
			.isNotEqualTo(alice.json().get("params").get("folder").stringValue());
		Response untrusted = this.http.send("POST", "/v1/signatures", "{\"params\": {}}", "Content-Type",
				"application/json", "X-Api-Key", TestAccounts.CLIENT_KEY, "X-Signet-User", "alice");
		SignatureEndpointsIntegrationTests.assertProblem(untrusted, 403, "forbidden");
	}

	@Test
	void productsProfileForcesTagsAndRestrictsFolder() {
		Response ok = backend("/v1/signatures",
				"{\"profile\": \"products\", \"params\": {\"folder\": \"products/shoes\", \"public_id\": \"red\"}}",
				null);
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		assertThat(ok.json().get("params").get("tags").stringValue()).isEqualTo("staff-upload,backend");
		assertThat(ok.json().get("params").get("overwrite").stringValue()).isEqualTo("false");
		SignatureEndpointsIntegrationTests.assertProblem(
				backend("/v1/signatures", "{\"profile\": \"products\", \"params\": {\"folder\": \"avatars\"}}", null),
				400, "invalid-parameter");
	}

	@Test
	void callerWithSeveralProfilesUsesDefaultWhenNoneNamed() {
		Response response = this.http.postJson("/v1/signatures", "{\"params\": {\"folder\": \"anything\"}}");
		assertThat(response.json().get("profile").stringValue()).isEqualTo("default");
	}

	@Test
	void widgetUnderProfileNamesTheOptionsToSet() {
		long timestamp = Instant.now().getEpochSecond();
		Response missing = this.http.postJson("/v1/signatures/widget?profile=avatar",
				"{\"paramsToSign\": {\"timestamp\": " + timestamp + ", \"source\": \"uw\"}}");
		SignatureEndpointsIntegrationTests.assertProblem(missing, 400, "invalid-parameter");
		String ns = Caller.ofApiKey("web", null).namespace();
		JsonNode options = missing.json().get("widget_options");
		assertThat(options.get("folder").stringValue()).isEqualTo("users/" + ns);
		assertThat(options.get("public_id").stringValue()).isEqualTo("u/" + ns + "/{uuid}");
		assertThat(options.get("upload_preset").stringValue()).isEqualTo("avatars");
		Response ok = this.http.postJson("/v1/signatures/widget",
				"{\"profile\": \"avatar\", \"paramsToSign\": {\"timestamp\": " + timestamp
						+ ", \"source\": \"uw\", \"folder\": \"users/" + ns + "\", \"public_id\": \"u/" + ns + "/"
						+ UUID.randomUUID() + "\", \"overwrite\": \"false\", \"upload_preset\": \"avatars\"}}");
		assertThat(ok.status()).as(ok.body()).isEqualTo(200);
		Response foreign = this.http.postJson("/v1/signatures/widget?profile=avatar",
				"{\"paramsToSign\": {\"timestamp\": " + timestamp + ", \"folder\": \"users/x\", \"public_id\": \"u/"
						+ ns + "/not-a-uuid\", \"overwrite\": false, \"upload_preset\": \"avatars\"}}");
		SignatureEndpointsIntegrationTests.assertProblem(foreign, 400, "invalid-parameter");
		assertThat(foreign.json().get("invalid_params").findValuesAsString("name")).contains("folder", "public_id");
	}

	@Test
	void profileEndpointDescribesProfileForCaller() {
		Response response = this.http.send("GET", "/v1/profiles/avatar", null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(response.status()).isEqualTo(200);
		JsonNode body = response.json();
		String ns = Caller.ofApiKey("web", null).namespace();
		assertThat(body.get("cloud_name").stringValue()).isEqualTo(TestAccounts.CLOUD_NAME);
		assertThat(body.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(body.get("upload_url").stringValue()).endsWith("/v1_1/signet-test/image/upload");
		assertThat(body.get("forced").get("folder").stringValue()).isEqualTo("users/" + ns);
		assertThat(body.get("allowed").get("tags").get("max_items").intValue()).isEqualTo(3);
		assertThat(body.get("validity_seconds").longValue()).isEqualTo(900);
		assertThat(body.get("widget_options").get("uploadPreset").stringValue()).isEqualTo("avatars");
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.send("GET", "/v1/profiles/products", null, "X-Api-Key", TestAccounts.CLIENT_KEY), 403,
				"profile-forbidden");
		SignatureEndpointsIntegrationTests.assertProblem(
				this.http.send("GET", "/v1/profiles/nope", null, "X-Api-Key", TestAccounts.CLIENT_KEY), 404,
				"unknown-profile");
		SignatureEndpointsIntegrationTests.assertProblem(this.http.send("GET", "/v1/profiles/avatar", null), 401,
				"unauthenticated");
	}

	@Test
	void profileListNamesOnlyTheProfilesTheCallerMayUse() {
		Response web = this.http.send("GET", "/v1/profiles", null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(web.status()).as(web.body()).isEqualTo(200);
		assertThat(web.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertThat(web.json().get("profiles").values().stream().map(JsonNode::stringValue)).containsExactly("avatar",
				"default");
		Response backend = this.http.send("GET", "/v1/profiles", null, "X-Api-Key", BACKEND_KEY);
		assertThat(backend.json().get("profiles").values().stream().map(JsonNode::stringValue))
			.containsExactly("avatar", "default", "products");
		SignatureEndpointsIntegrationTests.assertProblem(this.http.send("GET", "/v1/profiles", null), 401,
				"unauthenticated");
	}

	private Response backend(String path, String body, String user) {
		return (user != null)
				? this.http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", BACKEND_KEY,
						"X-Signet-User", user)
				: this.http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", BACKEND_KEY);
	}

}
