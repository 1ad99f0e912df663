package dev.signet.signing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignatureController} over real HTTP on a random port.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=" + "cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.cors.allowed-origins=" + TestAccounts.ORIGIN })
class SignatureEndpointsIntegrationTests {

	private static final String SIGN = "/v1/signatures";

	private static final String WIDGET = "/v1/signatures/widget";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void signReturnsSignatureOverExactlyTheParamsToPost() {
		long before = Instant.now().getEpochSecond();
		Response response = this.http.postJson(SIGN,
				"{\"params\": {\"folder\": \"avatars\", \"public_id\": \"alice\", \"tags\": [\"a\", \"b c\"], "
						+ "\"use_filename\": true, \"context\": \"alt=Mum & Dad|caption=x%y\"}}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.header("Content-Length")).as("answered whole, not flushed early in chunks")
			.isEqualTo(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
		assertThat(response.headers()).doesNotContainKey("transfer-encoding");
		JsonNode body = response.json();
		long timestamp = body.get("timestamp").longValue();
		assertThat(timestamp).isBetween(before - 1, Instant.now().getEpochSecond() + 1);
		assertThat(body.get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(body.get("cloud_name").stringValue()).isEqualTo(TestAccounts.CLOUD_NAME);
		assertThat(body.get("signature_algorithm").stringValue()).isEqualTo("sha1");
		assertThat(body.get("upload_url").stringValue())
			.isEqualTo("https://api.cloudinary.com/v1_1/signet-test/image/upload");
		assertThat(Instant.parse(body.get("expires_at").stringValue()))
			.isEqualTo(Instant.ofEpochSecond(timestamp + 3600));
		Map<String, Object> params = new LinkedHashMap<>();
		body.get("params").properties().forEach((e) -> params.put(e.getKey(), e.getValue().stringValue()));
		assertThat(params).containsEntry("folder", "avatars")
			.containsEntry("public_id", "alice")
			.containsEntry("overwrite", "false")
			.containsEntry("tags", "a,b c")
			.containsEntry("use_filename", "true")
			.containsEntry("context",
					"alt=Mum & Dad|caption=x%y|signet_upload_id=" + body.get("upload_id").stringValue())
			.containsEntry("timestamp", Long.toString(timestamp))
			.hasSize(7);
		String expected = Util.produceSignature(params, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, 2);
		assertThat(body.get("signature").stringValue()).isEqualTo(expected);
	}

	@Test
	void signWhenResourceTypeGivenPicksUploadUrl() {
		Response response = this.http.postJson(SIGN, "{\"params\": {}, \"resource_type\": \"video\"}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("upload_url").stringValue()).endsWith("/v1_1/signet-test/video/upload");
		assertThat(response.json().get("params").size()).as("timestamp and the context that ties the upload")
			.isEqualTo(2);
		assertThat(response.json().get("params").get("context").stringValue())
			.isEqualTo("signet_upload_id=" + response.json().get("upload_id").stringValue());
	}

	@Test
	void signWhenParameterIsDangerousRefusesEachWithReason() {
		Response response = this.http.postJson(SIGN,
				"{\"params\": {\"eval\": \"x\", \"notification_url\": \"https://evil\", \"folder\": \"../x\", "
						+ "\"overwrite\": true, \"Tags\": \"a\", \"ocr\": \"adv_ocr\"}}");
		assertProblem(response, 400, "invalid-parameter");
		JsonNode invalid = response.json().get("invalid_params");
		assertThat(invalid.findValuesAsString("name")).containsExactlyInAnyOrder("eval", "notification_url", "folder",
				"overwrite", "Tags", "ocr");
		assertThat(response.json().get("detail").stringValue()).contains("runs code at Cloudinary")
			.contains("call or redirect");
		assertThat(response.body()).doesNotContain("https://evil");
	}

	@Test
	void signWhenOnlyForbiddenNamesUsesParameterNotAllowedType() {
		Response response = this.http.postJson(SIGN, "{\"params\": {\"api_key\": \"1\", \"type\": \"private\"}}");
		assertProblem(response, 400, "parameter-not-allowed");
		assertThat(response.json().get("invalid_params").findValuesAsString("code")).containsOnly("not_allowed");
	}

	@Test
	void signWhenClientSendsTimestampRefusesIt() {
		Response response = this.http.postJson(SIGN, "{\"params\": {\"timestamp\": 1315060510}}");
		assertProblem(response, 400, "parameter-not-allowed");
		assertThat(response.json().get("detail").stringValue()).contains("stamps the timestamp itself");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"params\": {\"folder\": \"a\"", "[]", "{\"params\": {\"a\": 1, \"a\": 2}}",
			"{\"params\": {}} {}", "{\"params\": {\"folder\": NaN}}" })
	void signWhenJsonIsMalformedAnswersProblem(String body) {
		Response response = this.http.postJson(SIGN, body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("type").stringValue()).matches(".*/(malformed-json|invalid-request)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"params\": []}", "{\"params\": {}, \"resource_type\": \"pdf\"}",
			"{\"params\": {}, \"extra\": 1}" })
	void signWhenEnvelopeIsWrongAnswersInvalidRequest(String body) {
		assertProblem(this.http.postJson(SIGN, body), 400, "invalid-request");
	}

	@Test
	void signWhenValuesAreAmbiguousForTheSdksRefusesThem() {
		Response response = this.http.postJson(SIGN,
				"{\"params\": {\"folder\": \" \", \"public_id\": 1.5, \"tags\": [], \"context\": {\"a\": \"b\"}, "
						+ "\"display_name\": null, \"filename_override\": \"a\\ud800\", \"upload_preset\": [1]}}");
		assertProblem(response, 400, "invalid-parameter");
		assertThat(response.json().get("invalid_params").size()).isEqualTo(7);
	}

	@Test
	void widgetSignsParamsAsGivenWithWidgetTimestamp() {
		long timestamp = Instant.now().getEpochSecond() - 5;
		Response response = this.http.postJson(WIDGET, "{\"paramsToSign\": {\"source\": \"uw\", \"timestamp\": "
				+ timestamp + ", \"folder\": \"signed_upload_demo_uw\", \"tags\": \"avatars\"}}");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> params = Map.of("source", "uw", "timestamp", timestamp, "folder", "signed_upload_demo_uw",
				"tags", "avatars");
		assertThat(response.json().get("signature").stringValue())
			.isEqualTo(Util.produceSignature(params, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA1, 2));
		assertThat(response.json().get("timestamp").longValue()).isEqualTo(timestamp);
		assertThat(response.json().get("api_key").stringValue()).isEqualTo(TestAccounts.API_KEY);
		assertThat(response.json().get("cloud_name").stringValue()).isEqualTo(TestAccounts.CLOUD_NAME);
	}

	@Test
	void widgetAcceptsSnakeCaseParamsToSign() {
		long timestamp = Instant.now().getEpochSecond();
		Response response = this.http.postJson(WIDGET,
				"{\"params_to_sign\": {\"timestamp\": \"" + timestamp + "\", \"source\": \"uw\"}}");
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void widgetWhenTimestampIsStaleStatesServerTime() {
		long stale = Instant.now().getEpochSecond() - 3600;
		Response response = this.http.postJson(WIDGET, "{\"paramsToSign\": {\"timestamp\": " + stale + "}}");
		assertProblem(response, 400, "timestamp-out-of-window");
		assertThat(response.json().get("server_time").longValue()).isGreaterThan(stale);
		assertThat(response.json().get("detail").stringValue()).contains("server time");
	}

	@Test
	void widgetWhenTimestampIsInFutureOrMillisecondsRefusesIt() {
		long future = Instant.now().getEpochSecond() + 3600;
		assertProblem(this.http.postJson(WIDGET, "{\"paramsToSign\": {\"timestamp\": " + future + "}}"), 400,
				"timestamp-out-of-window");
		Response millis = this.http.postJson(WIDGET,
				"{\"paramsToSign\": {\"timestamp\": " + System.currentTimeMillis() + "}}");
		assertProblem(millis, 400, "invalid-parameter");
		assertThat(millis.json().get("detail").stringValue()).contains("milliseconds");
		assertProblem(this.http.postJson(WIDGET, "{\"paramsToSign\": {\"source\": \"uw\"}}"), 400, "invalid-parameter");
	}

	@Test
	void widgetWhenPublicIdChosenRequiresOverwriteFalse() {
		long timestamp = Instant.now().getEpochSecond();
		Response response = this.http.postJson(WIDGET,
				"{\"paramsToSign\": {\"timestamp\": " + timestamp + ", \"public_id\": \"me\"}}");
		assertProblem(response, 400, "invalid-parameter");
		assertThat(response.json().get("invalid_params").get(0).get("name").stringValue()).isEqualTo("overwrite");
		assertThat(response.json().get("detail").stringValue()).contains("add overwrite: false");
		assertThat(this.http
			.postJson(WIDGET,
					"{\"paramsToSign\": {\"timestamp\": " + timestamp
							+ ", \"public_id\": \"me\", \"overwrite\": false}}")
			.status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { SIGN, WIDGET })
	void postWithoutCredentialsIsUnauthorized(String path) {
		Response response = this.http.send("POST", path, "{}", "Content-Type", "application/json");
		assertProblem(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { SIGN, WIDGET })
	void postWithWrongApiKeyIsUnauthorized(String path) {
		Response response = this.http.send("POST", path, "{}", "Content-Type", "application/json", "X-Api-Key",
				"wrong-key-0123456789abcdef");
		assertProblem(response, 401, "unauthenticated");
		assertThat(response.json().get("detail").stringValue()).contains("not a configured client key");
	}

	@ParameterizedTest
	@ValueSource(strings = { SIGN, WIDGET })
	void postWithTextPlainIsUnsupportedMediaType(String path) {
		Response response = this.http.send("POST", path, "{\"params\": {}}", "Content-Type", "text/plain", "X-Api-Key",
				TestAccounts.CLIENT_KEY);
		assertProblem(response, 415, "unsupported-media-type");
		Response missing = this.http.send("POST", path, "{\"params\": {}}", "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertProblem(missing, 415, "unsupported-media-type");
	}

	@ParameterizedTest
	@ValueSource(strings = { SIGN, WIDGET })
	void postWithBodyOverLimitIsPayloadTooLarge(String path) {
		String big = "{\"params\": {\"context\": \"" + "x".repeat(20_000) + "\"}}";
		assertProblem(this.http.postJson(path, big), 413, "payload-too-large");
	}

	@ParameterizedTest
	@ValueSource(strings = { SIGN, WIDGET })
	void getOnSigningPathIsMethodNotAllowed(String path) {
		Response response = this.http.send("GET", path, null, "X-Api-Key", TestAccounts.CLIENT_KEY);
		assertProblem(response, 405, "method-not-allowed");
		assertThat(response.header("Allow")).contains("POST");
	}

	@Test
	void unknownPathIsNotFound() {
		assertProblem(this.http.send("GET", "/nothing-here", null), 404, "not-found");
		assertProblem(this.http.send("POST", "/v1/nothing", "{}", "Content-Type", "application/json", "X-Api-Key",
				TestAccounts.CLIENT_KEY), 404, "not-found");
	}

	@Test
	void problemCarriesRequestIdOfResponseHeader() {
		Response response = this.http.postJson(SIGN, "{\"params\": {\"eval\": \"1\"}}");
		assertThat(response.json().get("request_id").stringValue()).isEqualTo(response.header("X-Request-Id"));
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void preflightFromAllowedOriginIsAnswered() {
		Response response = this.http.send("OPTIONS", SIGN, null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-api-key");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(TestAccounts.ORIGIN);
		assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
		assertThat(response.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-api-key");
	}

	@Test
	void preflightFromOtherOriginIsRefused() {
		for (String origin : new String[] { "https://evil.example", "null", "http://app.example.com",
				"https://app.example.com.evil.net" }) {
			Response response = this.http.send("OPTIONS", SIGN, null, "Origin", origin, "Access-Control-Request-Method",
					"POST");
			assertProblem(response, 403, "forbidden");
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
		}
	}

	@Test
	void everyResponseCarriesSecurityHeadersAndNoServerHeader() {
		long now = Instant.now().getEpochSecond();
		Response[] responses = { this.http.postJson(SIGN, "{\"params\": {\"folder\": \"a\"}}"),
				this.http.postJson(WIDGET, "{\"paramsToSign\": {\"timestamp\": " + now + "}}"),
				this.http.postJson(SIGN, "{\"params\": {\"eval\": \"1\"}}"),
				this.http.send("POST", SIGN, "{}", "Content-Type", "application/json"),
				this.http.send("GET", "/v1/nothing-here", null, "X-Api-Key", TestAccounts.CLIENT_KEY),
				this.http.send("GET", "/livez", null) };
		for (Response response : responses) {
			assertThat(response.header("X-Content-Type-Options")).as(response.body()).isEqualTo("nosniff");
			assertThat(response.header("Server")).as("no Server header").isNull();
			assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("Apache");
		}
		for (int i = 0; i < 5; i++) {
			assertThat(responses[i].header("Cache-Control")).as(responses[i].body()).contains("no-store");
			assertThat(responses[i].header("X-Frame-Options")).isEqualTo("DENY");
		}
		assertThat(responses[0].status()).isEqualTo(200);
		assertThat(responses[1].status()).isEqualTo(200);
	}

	@Test
	void signFromAllowedOriginEchoesExactOriginWithoutCredentials() {
		Response response = this.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", "application/json",
				"X-Api-Key", TestAccounts.CLIENT_KEY, "Origin", TestAccounts.ORIGIN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(TestAccounts.ORIGIN);
		assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
		assertThat(response.header("Vary")).contains("Origin");
		assertThat(response.header("Access-Control-Expose-Headers")).contains("Retry-After");
	}

	@Test
	void signFromOtherOriginIsRefusedWithoutSignature() {
		for (String origin : new String[] { "https://evil.example", "null", "http://app.example.com",
				"https://app.example.com.evil.net", "https://APP.example.com:443/x" }) {
			Response response = this.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", "application/json",
					"X-Api-Key", TestAccounts.CLIENT_KEY, "Origin", origin);
			assertProblem(response, 403, "forbidden");
			assertThat(response.header("Access-Control-Allow-Origin")).isNull();
			assertThat(response.body()).doesNotContain("\"signature\"");
		}
	}

	@Test
	void preflightForMethodOrHeaderOutsideTheListIsRefusedAndNeverWildcard() {
		Response method = this.http.send("OPTIONS", SIGN, null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "DELETE");
		assertProblem(method, 403, "forbidden");
		Response header = this.http.send("OPTIONS", SIGN, null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "x-evil");
		assertProblem(header, 403, "forbidden");
		Response allowed = this.http.send("OPTIONS", WIDGET, null, "Origin", TestAccounts.ORIGIN,
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers",
				"authorization,content-type");
		assertThat(allowed.status()).isEqualTo(200);
		assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TestAccounts.ORIGIN).isNotEqualTo("*");
		assertThat(allowed.header("Access-Control-Allow-Methods")).doesNotContain("DELETE").doesNotContain("*");
		assertThat(allowed.header("Access-Control-Max-Age")).isEqualTo("3600");
		assertThat(allowed.header("Vary")).contains("Origin");
	}

	@Test
	void probesAreOpenWithoutCredentials() {
		assertThat(this.http.send("GET", "/livez", null).body()).contains("UP");
		assertThat(this.http.send("GET", "/readyz", null).body()).contains("UP");
	}

	static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		JsonNode body = response.json();
		assertThat(body.get("type").stringValue()).isEqualTo("https://signet.dev/problems/" + type);
		assertThat(body.get("status").intValue()).isEqualTo(status);
		assertThat(body.get("title").stringValue()).isNotBlank();
		assertThat(body.get("detail").stringValue()).isNotBlank();
		assertThat(body.get("request_id").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.signet");
	}

}
