package dev.signet.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signet.support.SharedFiles;
import dev.signet.support.SimpleHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeliveryController} (signed delivery URLs and auth tokens) and for
 * API-response verification, over real HTTP, with the clock set to the vectors' time.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://123456789012345:abcd@demo",
		"CLOUDINARY_AUTH_TOKEN_KEY=00112233445566778899aabbccddeeff",
		"SIGNET_API_KEYS=web:web-key-0123456789abcdef,ops:ops-key-0123456789abcdef,nobody:nobody-key-0123456789ab",
		"signet.cloudinary.accounts.rotated.url=cloudinary://222222222222222:CANARYnewSecret@other\\n"
				+ "cloudinary://111111111111111:hdcixPpR2iKERPwqvH6sHdK9cyac@other",
		"signet.delivery.profiles.vectors.clients=web", "signet.delivery.profiles.vectors.any-transformation=true",
		"signet.delivery.profiles.vectors.types=upload,authenticated,private,fetch",
		"signet.delivery.profiles.vectors.token-paths=/image/,/video/",
		"signet.delivery.profiles.vectors.max-token-duration=1h", "signet.delivery.profiles.thumbs.clients=ops,web",
		"signet.delivery.profiles.thumbs.public-id-pattern=avatars/[a-z0-9]+",
		"signet.delivery.profiles.thumbs.transformations[0]=c_fill,w_200",
		"signet.delivery.profiles.thumbs.types=authenticated", "signet.delivery.profiles.notoken.clients=web",
		"signet.delivery.profiles.notoken.account=rotated", "signet.delivery.profiles.notoken.token-paths=/",
		"signet.delivery.profiles.alice.clients=web",
		"signet.delivery.profiles.alice.public-id-pattern=users/alice/.*|https://example[.]com/.*",
		"signet.delivery.profiles.alice.types=upload,fetch", "signet.health.clients=ops" })
@Import(DeliveryControllerTests.VectorTime.class)
class DeliveryControllerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * Vectors on which Node, Java and Python agree but Ruby, .NET, PHP or Go sign
	 * otherwise (see docs/sdk-panel.md), now refused.
	 */
	private static final Set<String> DISPUTED_BY_THE_OTHER_FOUR = Set.of("url-003", "url-005", "url-007", "url-012",
			"url-013", "url-016", "url-017", "url-019", "url-020", "url-034", "url-039");

	private static final Map<String, String> WEB = Map.of("X-Api-Key", "web-key-0123456789abcdef");

	private static final Map<String, String> OPS = Map.of("X-Api-Key", "ops-key-0123456789abcdef");

	@LocalServerPort
	private int port;

	private SimpleHttp http;

	@BeforeEach
	void http() {
		this.http = new SimpleHttp(this.port);
	}

	@Test
	void deliveryUrlMatchesEveryVectorOnWhichTheSdksAgreeAndRefusesTheOthers() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int signed = 0;
		int refused = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("url_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			Map<?, ?> options = (Map<?, ?>) vector.get("options");
			if (!"abcd".equals(vector.get("secret")) || options.get("signature_algorithm") != null) {
				continue;
			}
			ObjectNode request = JSON.createObjectNode();
			request.put("profile", "vectors");
			request.put("public_id", (String) vector.get("public_id"));
			putIfPresent(request, "transformation", options.get("raw_transformation"));
			putIfPresent(request, "format", options.get("format"));
			putIfPresent(request, "version", options.get("version"));
			putIfPresent(request, "type", options.get("type"));
			putIfPresent(request, "resource_type", options.get("resource_type"));
			putIfPresent(request, "long_url_signature", options.get("long_url_signature"));
			SimpleHttp.Response response = this.http.postJson("/v1/delivery-urls", WEB, request.toString());
			String transformation = (String) options.get("raw_transformation");
			boolean encodedTransformation = transformation != null && transformation.contains("%");
			if (Boolean.TRUE.equals(vector.get("all_agree")) && !encodedTransformation
					&& !DISPUTED_BY_THE_OTHER_FOUR.contains(vector.get("id"))) {
				String nodeUrl = (String) ((Map<?, ?>) ((Map<?, ?>) vector.get("sdk")).get("node")).get("url");
				if (response.status() != 200
						|| !response.json()
							.get("signature")
							.stringValue()
							.equals(vector.get("expected_signature_component"))
						|| !response.json().get("url").stringValue().equals(nodeUrl)
						|| !response.json().get("api_key").stringValue().equals("123456789012345")) {
					mismatches.add(vector.get("id") + " " + response.status() + " " + response.body());
				}
				signed++;
			}
			else {
				if (response.status() != 400 || !response.contentType().startsWith("application/problem+json")) {
					mismatches.add(vector.get("id") + " should be refused: " + response.body());
				}
				refused++;
			}
		}
		assertThat(mismatches).isEmpty();
		assertThat(signed).isGreaterThanOrEqualTo(7);
		assertThat(refused).isGreaterThanOrEqualTo(15);
	}

	@Test
	void deliveryUrlWhenOutsideTheProfileOrMalformedAnswersProblems() {
		assertThat(url(OPS, "{\"public_id\": \"avatars/alice\", \"transformation\": \"c_fill,w_200\", "
				+ "\"type\": \"authenticated\"}")
			.status()).isEqualTo(200);
		assertRefused(url(OPS, "{\"public_id\": \"secrets/alice\", \"type\": \"authenticated\"}"), 400,
				"parameter-not-allowed", "public_id");
		assertRefused(url(OPS,
				"{\"public_id\": \"avatars/alice\", \"transformation\": \"w_4000\", " + "\"type\": \"authenticated\"}"),
				400, "parameter-not-allowed", "transformation");
		assertRefused(url(OPS, "{\"public_id\": \"avatars/alice\"}"), 400, "parameter-not-allowed", "type");
		assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"it's\"}"), 400, "invalid-parameter",
				"public_id");
		assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"../x\"}"), 400, "invalid-parameter",
				"public_id");
		assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"a\", \"transformation\": \"w_1%2C\"}"), 400,
				"invalid-parameter", "transformation");
		assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"a\", \"format\": \"JPG!\"}"), 400,
				"invalid-parameter", "format");
		assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"ftp://x/y\", \"type\": \"fetch\"}"), 400,
				"invalid-parameter", "public_id");
		assertThat(url(WEB, "{\"public_id\": \"a\"}").status()).isEqualTo(400);
		assertThat(url(WEB, "{\"profile\": \"vectors\"}").json().get("type").stringValue())
			.endsWith("/invalid-request");
		assertThat(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"a\", \"version\": \"v1\"}").status())
			.isEqualTo(400);
		assertThat(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"a\", \"extra\": 1}").status()).isEqualTo(400);
		assertThat(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"a\",").json().get("type").stringValue())
			.endsWith("/malformed-json");
		SimpleHttp.Response nobody = url(Map.of("X-Api-Key", "nobody-key-0123456789ab"), "{\"public_id\": \"a\"}");
		assertThat(nobody.status()).isEqualTo(403);
		assertThat(nobody.json().get("type").stringValue()).endsWith("/profile-forbidden");
		assertThat(url(OPS, "{\"profile\": \"vectors\", \"public_id\": \"a\"}").status()).isEqualTo(403);
		assertThat(url(Map.of(), "{\"public_id\": \"a\"}").status()).isEqualTo(401);
		SimpleHttp.Response text = this.http.post("/v1/delivery-urls",
				Map.of("X-Api-Key", "web-key-0123456789abcdef", "Content-Type", "text/plain"), "{}".getBytes());
		assertThat(text.status()).isEqualTo(415);
		assertThat(text.contentType()).startsWith("application/problem+json");
	}

	@Test
	void authTokenMatchesEveryVectorOnWhichTheSdksAgree() throws IOException {
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("auth_token_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				continue;
			}
			Map<?, ?> input = (Map<?, ?>) vector.get("input");
			assertThat(input.get("key")).isEqualTo("00112233445566778899aabbccddeeff");
			ObjectNode request = JSON.createObjectNode();
			request.put("profile", "vectors");
			for (String field : List.of("start_time", "duration", "expiration", "ip", "url", "acl")) {
				putIfPresent(request, field, input.get(field));
			}
			SimpleHttp.Response response = this.http.postJson("/v1/auth-tokens", WEB, request.toString());
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			JsonNode json = response.json();
			assertThat(json.get("query").stringValue()).as((String) vector.get("id"))
				.isEqualTo(vector.get("expected_token"));
			assertThat(json.get("cookie_name").stringValue()).isEqualTo("__cld_token__");
			assertThat("__cld_token__=" + json.get("token").stringValue()).isEqualTo(vector.get("expected_token"));
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(4);
	}

	@Test
	void deliveryUrlWithEscapedTraversalIsRefusedInsteadOfSignedAsTheDecodedPath() {
		SimpleHttp.Response response = url(WEB,
				"{\"profile\": \"alice\", \"public_id\": \"users/alice/%2E%2E%2Fbob%2Fsecret\"}");
		assertRefused(response, 400, "invalid-parameter", "public_id");
		assertThat(response.json().get("detail").stringValue())
			.contains("the official SDKs sign this public ID differently")
			.contains("Signet refuses it rather than guess");
		assertRefused(url(WEB, "{\"profile\": \"alice\", \"public_id\": \"users/alice/%2e%2e/bob/secret\"}"), 400,
				"invalid-parameter", "public_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "users/alice/my image", "users/alice/caf\u00e9", "users/alice/\u65e5\u672c",
			"users/alice/emoji\ud83d\ude00", "users/alice/a%20b", "users/alice/caf%C3%A9", "users/alice/a+b",
			"users/alice/a&b", "users/alice/a=b", "users/alice/a@b", "users/alice/a$b", "users/alice/a,b",
			"users/alice/a//b", "users/alice/it's", "users/alice/a*b" })
	void deliveryUrlForPublicIdTheSevenSdksSignDifferentlyIsRefused(String publicId) throws IOException {
		ObjectNode request = JSON.createObjectNode().put("profile", "alice").put("public_id", publicId);
		SimpleHttp.Response response = url(WEB, request.toString());
		assertRefused(response, 400, "invalid-parameter", "public_id");
		assertThat(response.json().get("detail").stringValue())
			.contains("public_id (the official SDKs sign this public ID differently (")
			.contains("Signet refuses it rather than guess");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "https://example.com/a b.jpg", "https://example.com/a.jpg?x=1", "https://example.com/a%20b.jpg",
					"https://example.com/caf\u00e9.jpg", "https://example.com//a.jpg", "https://example.com/a*b.jpg" })
	void deliveryUrlForFetchUrlTheSevenSdksSignDifferentlyIsRefused(String remote) {
		ObjectNode request = JSON.createObjectNode()
			.put("profile", "alice")
			.put("public_id", remote)
			.put("type", "fetch");
		assertRefused(url(WEB, request.toString()), 400, "invalid-parameter", "public_id");
	}

	@Test
	void deliveryUrlForPublicIdAllSevenSdksSignAlikeIsSigned() {
		SimpleHttp.Response response = url(WEB,
				"{\"profile\": \"alice\", \"public_id\": \"users/alice/Sub-Dir_2/file.v2:x\", \"format\": \"jpg\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("url").stringValue()).endsWith("/v1/users/alice/Sub-Dir_2/file.v2:x.jpg");
		SimpleHttp.Response fetch = url(WEB, "{\"profile\": \"alice\", \"public_id\": "
				+ "\"https://example.com/img/a-b_c.jpg\", \"type\": \"fetch\"}");
		assertThat(fetch.status()).as(fetch.body()).isEqualTo(200);
	}

	@Test
	void responseVerificationWithEmptyPublicIdIsRefused() {
		SimpleHttp.Response response = this.http.postJson("/v1/responses/verify", OPS,
				"{\"public_id\": \"\", \"version\": 1315060510, \"signature\": "
						+ "\"0123456789abcdef0123456789abcdef01234567\"}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.json().get("detail").stringValue()).contains("public_id")
			.contains("Signet refuses it rather than guess");
	}

	@Test
	void authTokenWithStartTimeZeroIsRefused() {
		SimpleHttp.Response response = token(WEB,
				"{\"profile\": \"vectors\", \"acl\": \"/image/*\", \"start_time\": 0, \"duration\": 60}");
		assertRefused(response, 400, "invalid-parameter", "start_time");
		assertThat(response.json().get("detail").stringValue()).contains("Signet refuses it rather than guess");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"start_time\": 9999999999999999999, \"duration\": 60",
			"\"start_time\": 99999999999999999999, \"duration\": 60", "\"expiration\": 9999999999999999999",
			"\"expiration\": 99999999999999999999", "\"duration\": 9999999999999999999",
			"\"duration\": \"99999999999999999999\"", "\"start_time\": 9223372036854775807, \"duration\": 60" })
	void authTokenWithNineteenOrTwentyDigitNumberIsRefusedNotAnError(String fields) {
		SimpleHttp.Response response = token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/*\", " + fields + "}");
		assertThat(response.status()).as(response.body()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.signet");
	}

	@Test
	void transformationWhoseSegmentsAreNotTransformationsIsRefused() {
		// Cloudinary reads such segments as folders: "private/secret" before
		// users/alice/a
		// would sign the asset private/secret/users/alice/a, outside the profile's
		// pattern.
		for (String transformation : List.of("private/secret", "w_100/../..", ".", "w_100/private", "c_fill,secret",
				"my_folder")) {
			assertRefused(url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"users/alice/a\", "
					+ "\"transformation\": \"" + transformation + "\"}"), 400, "invalid-parameter", "transformation");
		}
		for (String transformation : List.of("c_fill,w_200/e_sepia", "l_text:Arial_50:Hello World", "$w_100/w_$w",
				"t_thumb")) {
			SimpleHttp.Response signed = url(WEB, "{\"profile\": \"vectors\", \"public_id\": \"users/alice/a\", "
					+ "\"transformation\": \"" + transformation + "\"}");
			assertThat(signed.status()).as(transformation + ": " + signed.body()).isEqualTo(200);
		}
	}

	@Test
	void authTokenPathWithPercentEscapesIsRefusedRatherThanCheckedUndecoded() {
		for (String field : List.of("\"acl\": \"/image/authenticated/users/alice/%2e%2e/bob/*\"",
				"\"acl\": \"/image/authenticated/..%2fbob/*\"", "\"url\": \"/image/authenticated/a%2Fb.jpg\"")) {
			SimpleHttp.Response response = token(WEB, "{\"profile\": \"vectors\", " + field + "}");
			assertThat(response.status()).as(field).isEqualTo(400);
			assertThat(response.body()).contains("'%' escapes").doesNotContain("__cld_token__");
		}
	}

	@Test
	void authTokenWithDurationExpiresThatLongAfterNow() {
		JsonNode json = token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/authenticated/*\", \"duration\": 600}")
			.json();
		assertThat(json.get("expiration").longValue()).isEqualTo(VectorTime.NOW + 600);
		assertThat(json.get("token").stringValue()).startsWith("exp=" + (VectorTime.NOW + 600) + "~acl=");
		JsonNode url = token(WEB, "{\"profile\": \"vectors\", \"url\": \"/image/authenticated/v1/a.jpg\"}").json();
		assertThat(url.get("url").stringValue()).startsWith("/image/authenticated/v1/a.jpg?__cld_token__=exp=");
	}

	@Test
	void authTokenWhenOutsideTheProfileOrMalformedAnswersProblems() {
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/raw/*\", \"duration\": 60}"), 400,
				"parameter-not-allowed", "acl");
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/*\", \"duration\": 7200}"), 400,
				"parameter-not-allowed", "duration");
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/*\", \"expiration\": 1}"), 400,
				"invalid-parameter", "expiration");
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/caf\u00e9\", \"duration\": 60}"), 400,
				"invalid-parameter", "acl");
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/../raw\", \"duration\": 60}"), 400,
				"invalid-parameter", "acl");
		assertRefused(token(WEB, "{\"profile\": \"vectors\", \"acl\": \"/image/*\", \"ip\": \"local host\"}"), 400,
				"invalid-parameter", "ip");
		assertThat(token(WEB, "{\"profile\": \"vectors\", \"duration\": 60}").json().get("type").stringValue())
			.endsWith("/invalid-request");
		assertThat(token(WEB,
				"{\"profile\": \"vectors\", \"acl\": \"/image/*\", \"duration\": 60, " + "\"expiration\": 1111111200}")
			.status()).isEqualTo(400);
		assertThat(token(WEB, "{\"profile\": \"vectors\", \"acl\": 5}").status()).isEqualTo(400);
		SimpleHttp.Response noKey = token(WEB, "{\"profile\": \"notoken\", \"acl\": \"/image/*\"}");
		assertThat(noKey.status()).isEqualTo(501);
		assertThat(noKey.json().get("type").stringValue()).endsWith("/not-configured");
		assertThat(token(Map.of("X-Api-Key", "nobody-key-0123456789ab"), "{\"acl\": \"/image/*\"}").status())
			.isEqualTo(403);
		assertThat(token(Map.of(), "{\"acl\": \"/image/*\"}").status()).isEqualTo(401);
	}

	@Test
	void responseVerificationMatchesEveryVectorWhoseSecretIsConfigured() throws IOException {
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("api_response_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			String account = switch ((String) vector.get("secret")) {
				case "abcd" -> "default";
				case "hdcixPpR2iKERPwqvH6sHdK9cyac" -> "rotated";
				default -> null;
			};
			if (!Boolean.TRUE.equals(vector.get("all_agree")) || account == null) {
				continue;
			}
			ObjectNode request = JSON.createObjectNode();
			request.put("public_id", (String) vector.get("public_id"));
			putIfPresent(request, "version", vector.get("version"));
			request.put("signature", (String) vector.get("expected_signature"));
			request.put("account", account);
			if ("".equals(vector.get("public_id"))) {
				// PHP hashes public_id=&version=..., the others drop the empty value.
				assertThat(this.http.postJson("/v1/responses/verify", WEB, request.toString()).status()).isEqualTo(400);
				continue;
			}
			JsonNode valid = this.http.postJson("/v1/responses/verify", WEB, request.toString()).json();
			assertThat(valid.get("valid").booleanValue()).as((String) vector.get("id")).isTrue();
			assertThat(valid.get("api_key").stringValue())
				.isEqualTo(account.equals("default") ? "123456789012345" : "111111111111111");
			request.put("public_id", vector.get("public_id") + "x");
			JsonNode forged = this.http.postJson("/v1/responses/verify", WEB, request.toString()).json();
			assertThat(forged.get("valid").booleanValue()).isFalse();
			assertThat(forged.get("reason").stringValue()).isEqualTo("bad_signature");
			checked++;
		}
		assertThat(checked).isGreaterThanOrEqualTo(3);
	}

	@Test
	void responseVerificationWhenInputIsBadAnswersProblems() {
		String valid = "{\"public_id\": \"sample\", \"version\": 1315060510, \"signature\": "
				+ "\"912d90b6fe28aa6820cf928bc440a65a0f36e002\"}";
		assertThat(this.http.postJson("/v1/responses/verify", OPS, valid).json().get("valid").booleanValue()).isTrue();
		assertThat(this.http
			.postJson("/v1/responses/verify", OPS,
					"{\"public_id\": \"sample\", \"version\": 1, \"signature\": \"xyz\"}")
			.json()
			.get("reason")
			.stringValue()).isEqualTo("malformed");
		assertThat(
				this.http.postJson("/v1/responses/verify", OPS, "{\"public_id\": \"sample\", \"version\": 1}").status())
			.isEqualTo(400);
		assertThat(this.http
			.postJson("/v1/responses/verify", OPS, "{\"public_id\": 1, \"version\": 1, \"signature\": \"ab\"}")
			.status()).isEqualTo(400);
		assertThat(this.http
			.postJson("/v1/responses/verify", OPS, "{\"public_id\": \"a\", \"version\": -1, \"signature\": \"ab\"}")
			.status()).isEqualTo(400);
		SimpleHttp.Response unknown = this.http.postJson("/v1/responses/verify", OPS,
				"{\"public_id\": \"a\", \"version\": 1, \"signature\": \"ab\", \"account\": \"nope\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("type").stringValue()).endsWith("/unknown-account");
		assertThat(this.http.postJson("/v1/responses/verify", OPS, "[]").status()).isEqualTo(400);
		assertThat(this.http.postJson("/v1/responses/verify", Map.of(), valid).status()).isEqualTo(401);
	}

	@Test
	void healthShowsFingerprintsToSigningCallersOnly() {
		SimpleHttp.Response anonymous = this.http.get("/readyz", Map.of());
		assertThat(anonymous.status()).isEqualTo(200);
		assertThat(anonymous.body()).doesNotContain("cloudinaryAccounts");
		SimpleHttp.Response detailed = this.http.get("/readyz", OPS);
		JsonNode accounts = detailed.json().get("components").get("cloudinaryAccounts");
		assertThat(accounts.get("status").stringValue()).isEqualTo("UP");
		JsonNode rotated = accounts.get("details").get("rotated");
		assertThat(rotated.get("well_formed").booleanValue()).isTrue();
		assertThat(rotated.get("keys").get(0).get("api_key").stringValue()).isEqualTo("222222222222222");
		assertThat(rotated.get("keys").get(0).get("role").stringValue()).isEqualTo("active");
		assertThat(rotated.get("keys").get(1).get("role").stringValue()).isEqualTo("verify-only");
		assertThat(rotated.get("keys").get(1).get("secret_fingerprint").stringValue()).hasSize(8);
		assertThat(accounts.get("details").get("default").get("auth_token_key_fingerprint").stringValue()).hasSize(8);
		assertThat(detailed.body()).doesNotContain("CANARY")
			.doesNotContain("hdcixPpR2iKERPwqvH6sHdK9cyac")
			.doesNotContain("00112233445566778899aabbccddeeff");
	}

	@Test
	void healthDetailsAreNotShownToSigningClientsOutsideTheHealthClients() {
		SimpleHttp.Response signer = this.http.get("/readyz", WEB);
		assertThat(signer.status()).isEqualTo(200);
		assertThat(signer.body()).doesNotContain("cloudinaryAccounts").doesNotContain("fingerprint");
		assertThat(this.http.get("/actuator/health", WEB).body()).doesNotContain("cloudinaryAccounts");
	}

	@Test
	void receiverWhenNoForwardUrlIsConfiguredAnswersNotConfigured() {
		SimpleHttp.Response response = this.http.post("/v1/notifications/cloudinary",
				Map.of("Content-Type", "application/json", "X-Cld-Signature", "0".repeat(40), "X-Cld-Timestamp",
						Long.toString(VectorTime.NOW)),
				"{}".getBytes());
		assertThat(response.status()).isEqualTo(501);
		assertThat(response.json().get("type").stringValue()).endsWith("/not-configured");
	}

	@Test
	void apiDescriptionDocumentsEveryNewEndpoint() {
		JsonNode paths = this.http.get("/v3/api-docs", Map.of()).json().get("paths");
		assertThat(paths.has("/v1/delivery-urls")).isTrue();
		assertThat(paths.has("/v1/auth-tokens")).isTrue();
		assertThat(paths.has("/v1/responses/verify")).isTrue();
		assertThat(paths.has("/v1/notifications/verify")).isTrue();
		assertThat(paths.has("/v1/notifications/cloudinary")).isTrue();
		assertThat(paths.get("/v1/delivery-urls").get("post").get("responses").has("403")).isTrue();
	}

	private SimpleHttp.Response url(Map<String, String> caller, String json) {
		return this.http.postJson("/v1/delivery-urls", caller, json);
	}

	private SimpleHttp.Response token(Map<String, String> caller, String json) {
		return this.http.postJson("/v1/auth-tokens", caller, json);
	}

	private static void assertRefused(SimpleHttp.Response response, int status, String type, String field) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode json = response.json();
		assertThat(json.get("type").stringValue()).endsWith("/" + type);
		assertThat(json.get("invalid_params").get(0).get("name").stringValue()).isEqualTo(field);
	}

	private static void putIfPresent(ObjectNode request, String field, Object value) {
		if (value != null) {
			request.set(field, JSON.valueToTree(value));
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class VectorTime {

		static final long NOW = 1111111000L;

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
		}

	}

}
