package dev.signet.uploads;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import dev.signet.support.AuditLines;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.MutableClock;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upload sessions (issue 14) over HTTP: a session answers what {@code /v1/signatures}
 * answers plus its id, part size and end; every re-signature signs exactly the session's
 * parameters with a fresh timestamp, for its caller only, until it expires or is
 * finished, from buckets of its own; the declared file is checked before anything is
 * uploaded.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME,
		"SIGNET_API_KEYS=" + TestAccounts.API_KEYS + ",other:" + UploadSessionsIntegrationTests.OTHER,
		"signet.rate-limit.enabled=true", "signet.cors.allowed-origins=" + TestAccounts.ORIGIN,
		"signet.profiles.video.clients=web,backend,other", "signet.profiles.video.resource-types=video",
		"signet.profiles.video.forced.[public_id]=videos/{uuid}", "signet.profiles.video.allowed.folder.kind=path",
		"signet.profiles.video.validity=5m", "signet.profiles.video.chunk-size=6MB",
		"signet.profiles.video.session-validity=2h", "signet.profiles.video.max-bytes=100000000B",
		"signet.profiles.video.formats=mp4,mov", "signet.profiles.tight.clients=backend",
		"signet.profiles.tight.resource-types=video", "signet.rate-limit.profiles.video.caller.capacity=1000",
		"signet.rate-limit.profiles.tight.caller.capacity=2",
		"signet.rate-limit.profiles.resigning.caller.capacity=8" })
@ExtendWith(OutputCaptureExtension.class)
class UploadSessionsIntegrationTests {

	static final String OTHER = "other-key-0123456789abcdef";

	private static final String SESSION = "{\"profile\": \"video\", \"resource_type\": \"video\", "
			+ "\"params\": {\"folder\": \"trips\"}, \"bytes\": 15000000, \"filename\": \"trip.mp4\", "
			+ "\"content_type\": \"video/mp4\"}";

	private static final MutableClock clock = new MutableClock(Instant.now());

	@LocalServerPort
	private int port;

	@Autowired
	private UploadSessionStore store;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void sessionAnswersWhatSignaturesAnswerPlusUploadIdPartSizeAndEnd() {
		Response created = this.http.postJson("/v1/uploads", SESSION);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode body = created.json();
		String id = body.get("upload_id").stringValue();
		assertThat(id).matches("[0-9a-f]{32}");
		assertThat(created.header("Location")).isEqualTo("/v1/uploads/" + id);
		assertThat(body.get("chunk_size").longValue()).isEqualTo(6L * 1024 * 1024);
		assertThat(Instant.parse(body.get("session_expires_at").stringValue()))
			.isEqualTo(Instant.ofEpochSecond(clock.instant().getEpochSecond()).plus(Duration.ofHours(2)));
		assertThat(body.get("upload_url").stringValue())
			.isEqualTo("https://api.cloudinary.com/v1_1/" + TestAccounts.CLOUD_NAME + "/video/upload");
		assertThat(body.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(body.get("profile").stringValue()).isEqualTo("video");
		assertThat(body.get("params").get("public_id").stringValue()).matches("videos/[0-9a-f-]{36}");
		assertThat(body.get("params").get("timestamp").stringValue())
			.isEqualTo(Long.toString(body.get("timestamp").longValue()));
		assertSignedByCloudinaryRules(body);
		assertThat(created.header("RateLimit")).isNotNull();
	}

	@Test
	void reSigningSignsExactlyTheSessionsParametersWithAFreshTimestampNeverOlderThanTheValidity() {
		JsonNode first = create("web");
		String id = first.get("upload_id").stringValue();
		clock.advance(Duration.ofMinutes(50));
		Response again = resign(id, TestAccounts.CLIENT_KEY);
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		JsonNode second = again.json();
		assertThat(second.get("upload_id").stringValue()).isEqualTo(id);
		assertThat(second.get("session_expires_at")).isEqualTo(first.get("session_expires_at"));
		assertThat(second.get("chunk_size")).isEqualTo(first.get("chunk_size"));
		Map<String, String> before = params(first);
		Map<String, String> after = params(second);
		assertThat(after.get("public_id")).as("{uuid} is resolved once per session").isEqualTo(before.get("public_id"));
		before.remove("timestamp");
		after.remove("timestamp");
		assertThat(after).isEqualTo(before);
		long now = clock.instant().getEpochSecond();
		assertThat(second.get("timestamp").longValue()).as("back-dated to the profile's 5 minutes")
			.isEqualTo(now - Duration.ofMinutes(55).toSeconds());
		assertThat(Instant.parse(second.get("expires_at").stringValue()))
			.isEqualTo(Instant.ofEpochSecond(now).plus(Duration.ofMinutes(5)));
		assertThat(second.get("signature")).isNotEqualTo(first.get("signature"));
		assertSignedByCloudinaryRules(second);
	}

	@Test
	void anotherCallerCannotReSignOrFinishTheSession() {
		String id = create("web").get("upload_id").stringValue();
		Response other = resign(id, OTHER);
		assertThat(other.status()).isEqualTo(404);
		assertThat(other.json().get("type").stringValue()).isEqualTo("https://signet.dev/problems/upload-not-found");
		Response user = this.http.send("POST", "/v1/uploads/" + id + "/signature", "", "X-Api-Key",
				TestAccounts.CLIENT_KEY, "X-Signet-User", "mallory");
		assertThat(user.status()).as("web is not trusted: X-Signet-User is refused, never another owner")
			.isIn(400, 403, 404);
		assertThat(this.http.send("DELETE", "/v1/uploads/" + id, null, "X-Api-Key", OTHER).status()).isEqualTo(404);
		assertThat(resign(id, TestAccounts.CLIENT_KEY).status()).as("still the owner's").isEqualTo(200);
	}

	@Test
	void sessionIsRefusedOnceExpiredAndForgottenAfterItsGrace() {
		String id = create("web").get("upload_id").stringValue();
		clock.advance(Duration.ofHours(2));
		Response expired = resign(id, TestAccounts.CLIENT_KEY);
		assertThat(expired.status()).isEqualTo(410);
		assertThat(expired.json().get("type").stringValue())
			.isEqualTo("https://signet.dev/problems/upload-session-ended");
		assertThat(expired.json().get("detail").stringValue()).contains("expired at").contains("POST /v1/uploads");
		clock.advance(Duration.ofHours(1).plusSeconds(1));
		assertThat(resign(id, TestAccounts.CLIENT_KEY).status()).isEqualTo(404);
		assertThat(this.store.find(id)).isNull();
	}

	@Test
	void finishedSessionSignsNoMoreParts() {
		String id = create("web").get("upload_id").stringValue();
		Response finished = this.http.send("DELETE", "/v1/uploads/" + id, null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(finished.status()).isEqualTo(204);
		Response after = resign(id, TestAccounts.CLIENT_KEY);
		assertThat(after.status()).isEqualTo(410);
		assertThat(after.json().get("detail").stringValue()).contains("was finished");
	}

	@Test
	void reSigningSpendsFromItsOwnBucketsNeverFromTheCallersSignatures() {
		String tight = "{\"profile\": \"tight\", \"resource_type\": \"video\", \"params\": {}}";
		Response created = this.http.send("POST", "/v1/uploads", tight, "Content-Type", "application/json", "X-Api-Key",
				"backend-key-fedcba9876543210");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("upload_id").stringValue();
		for (int i = 0; i < 8; i++) {
			assertThat(resign(id, "backend-key-fedcba9876543210").status()).isEqualTo(200);
		}
		Response abuse = resign(id, "backend-key-fedcba9876543210");
		assertThat(abuse.status()).as("far beyond any upload's need").isEqualTo(429);
		assertThat(abuse.header("Retry-After")).isNotNull();
		assertThat(abuse.json().get("detail").stringValue()).contains("'resigning'");
		Response second = this.http.send("POST", "/v1/uploads", tight, "Content-Type", "application/json", "X-Api-Key",
				"backend-key-fedcba9876543210");
		assertThat(second.status()).as("one of the caller's two signatures is left").isEqualTo(201);
		Response third = this.http.send("POST", "/v1/signatures", tight, "Content-Type", "application/json",
				"X-Api-Key", "backend-key-fedcba9876543210");
		assertThat(third.status()).as("sessions and signatures share the profile's buckets").isEqualTo(429);
	}

	@Test
	void declaredFileOverTheSizeOrOfAnotherFormatIsRefusedBeforeAnyUploadWithTheLimit() {
		Response big = post("{\"profile\": \"video\", \"resource_type\": \"video\", \"params\": {}, "
				+ "\"bytes\": 100000001, \"filename\": \"trip.mp4\"}");
		assertThat(big.status()).isEqualTo(400);
		assertThat(big.json().get("type").stringValue()).isEqualTo("https://signet.dev/problems/invalid-parameter");
		assertThat(big.json().get("max_bytes").longValue()).isEqualTo(100_000_000L);
		assertThat(big.json().get("invalid_params").get(0).get("name").stringValue()).isEqualTo("bytes");
		Response format = post("{\"profile\": \"video\", \"resource_type\": \"video\", \"params\": {}, "
				+ "\"bytes\": 1000, \"filename\": \"trip.avi\", \"content_type\": \"video/x-msvideo\"}");
		assertThat(format.status()).isEqualTo(400);
		assertThat(format.json().get("formats").toString()).isEqualTo("[\"mov\",\"mp4\"]");
		assertThat(format.json().get("invalid_params").findValuesAsString("name")).containsExactly("filename",
				"content_type");
		Response undeclared = post("{\"profile\": \"video\", \"resource_type\": \"video\", \"params\": {}}");
		assertThat(undeclared.status()).isEqualTo(400);
		assertThat(undeclared.json().get("invalid_params").findValuesAsString("name")).containsExactly("bytes",
				"filename");
		Response mixed = post("{\"profile\": \"video\", \"resource_type\": \"video\", \"params\": {\"eval\": \"x\"}, "
				+ "\"bytes\": 1000, \"filename\": \"clip.MOV\"}");
		assertThat(mixed.json().get("invalid_params").findValuesAsString("name")).containsExactly("eval");
	}

	@Test
	void malformedRequestsAreRefusedWithProblems() {
		assertThat(post("{\"profile\": \"video\", \"params\": {}, \"bytes\": -1}").status()).isEqualTo(400);
		assertThat(post("{\"profile\": \"video\", \"params\": {}, \"bytes\": \"12\"}").status()).isEqualTo(400);
		assertThat(post("{\"profile\": \"video\", \"params\": {}, \"filename\": \"../x\\u0000.mp4\"}").status())
			.isEqualTo(400);
		assertThat(post("{\"profile\": \"video\", \"params\": {}, \"size\": 12}").status()).isEqualTo(400);
		Response unknown = resign("0123456789abcdef0123456789abcdef", TestAccounts.CLIENT_KEY);
		assertThat(unknown.status()).isEqualTo(404);
		Response odd = resign("not-an-upload-id", TestAccounts.CLIENT_KEY);
		assertThat(odd.status()).isEqualTo(404);
		assertThat(odd.json().get("detail").stringValue()).doesNotContain("not-an-upload-id");
		String id = create("web").get("upload_id").stringValue();
		Response withBody = this.http.send("POST", "/v1/uploads/" + id + "/signature", "{\"params\": {}}",
				"Content-Type", "application/json", "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertThat(withBody.status()).as("re-signing takes no parameters").isEqualTo(400);
		assertThat(this.http
			.send("POST", "/v1/uploads/" + id + "/signature", "{}", "Content-Type", "application/json", "X-Api-Key",
					TestAccounts.CLIENT_KEY)
			.status()).isEqualTo(200);
		assertThat(this.http.send("POST", "/v1/uploads/" + id + "/signature", "").status()).isEqualTo(401);
	}

	@Test
	void sessionAndReSignatureAreAuditedWithTheUploadId(CapturedOutput output) {
		Response created = this.http.postJson("/v1/uploads", SESSION);
		String id = created.json().get("upload_id").stringValue();
		JsonNode begun = AuditLines.event(output, created.header("X-Request-Id"));
		assertThat(begun.get("event").stringValue()).isEqualTo("signature.issued");
		assertThat(begun.get("endpoint").stringValue()).isEqualTo("upload_session");
		assertThat(begun.get("upload_id").stringValue()).isEqualTo(id);
		Response again = resign(id, TestAccounts.CLIENT_KEY);
		JsonNode resigned = AuditLines.event(output, again.header("X-Request-Id"));
		assertThat(resigned.get("endpoint").stringValue()).isEqualTo("upload_resign");
		assertThat(resigned.get("upload_id").stringValue()).isEqualTo(id);
		assertThat(resigned.get("params")).isEqualTo(begun.get("params"));
		JsonNode refused = AuditLines.event(output, resign(id, OTHER).header("X-Request-Id"));
		assertThat(refused.get("event").stringValue()).isEqualTo("signature.refused");
		assertThat(refused.get("reason").stringValue()).isEqualTo("upload-not-found");
	}

	@Test
	void browsersMayFinishSessionsButDeleteNothingElse() {
		Response uploads = this.http.send("OPTIONS", "/v1/uploads/0123456789abcdef0123456789abcdef", null, "Origin",
				TestAccounts.ORIGIN, "Access-Control-Request-Method", "DELETE");
		assertThat(uploads.status()).isEqualTo(200);
		assertThat(uploads.header("Access-Control-Allow-Methods")).contains("DELETE");
		Response create = this.http.send("OPTIONS", "/v1/uploads", null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-api-key,content-type");
		assertThat(create.status()).isEqualTo(200);
		assertThat(create.header("Access-Control-Expose-Headers")).contains("Location");
		Response signatures = this.http.send("OPTIONS", "/v1/signatures", null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "DELETE");
		assertThat(signatures.status()).isEqualTo(403);
	}

	private JsonNode create(String client) {
		String key = client.equals("web") ? TestAccounts.CLIENT_KEY : "backend-key-fedcba9876543210";
		Response created = this.http.send("POST", "/v1/uploads", SESSION, "Content-Type", "application/json",
				"X-Api-Key", key);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json();
	}

	private Response resign(String id, String key) {
		return this.http.send("POST", "/v1/uploads/" + id + "/signature", "", "X-Api-Key", key);
	}

	private Response post(String body) {
		return this.http.postJson("/v1/uploads", body);
	}

	private static Map<String, String> params(JsonNode body) {
		Map<String, String> params = new LinkedHashMap<>();
		body.get("params").properties().forEach((entry) -> params.put(entry.getKey(), entry.getValue().stringValue()));
		return params;
	}

	private static void assertSignedByCloudinaryRules(JsonNode body) {
		Map<String, Object> params = new LinkedHashMap<>(params(body));
		String expected = Util.produceSignature(params, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, 2);
		assertThat(body.get("signature").stringValue()).isEqualTo(expected);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		MutableClock clock() {
			return clock;
		}

	}

}
