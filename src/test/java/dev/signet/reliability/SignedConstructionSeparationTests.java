package dev.signet.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import dev.signet.cloudinary.ApiResponseSignature;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.AuthToken;
import dev.signet.cloudinary.AuthTokenKey;
import dev.signet.cloudinary.DeliveryUrl;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.RefusedInputException;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.settings.InvalidSettingException;
import dev.signet.signing.SigningProfiles;
import dev.signet.signing.UploadPolicy;
import dev.signet.support.Profiles;
import dev.signet.support.SimpleHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * No signed construction Signet issues can be turned into another one (issue 12, finding
 * 1; {@code docs/signed-constructions.md}): one test per pair of upload, widget,
 * notification, API response, delivery URL and auth token. Where Signet issues one side
 * over HTTP the test tries the attack over HTTP; where both sides are only checked by
 * Cloudinary, it checks the property the separation rests on.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://123456789012345:CANARYsepar4tionSecret@demo",
				"CLOUDINARY_AUTH_TOKEN_KEY=00112233445566778899aabbccddeeff",
				"SIGNET_API_KEYS=web:web-key-0123456789abcdef,backend:backend-key-0123456789abcdef",
				"signet.profiles.explained.clients=web", "signet.profiles.explained.explain=true",
				"signet.profiles.explained.allowed.context.kind=text",
				"signet.profiles.explained.allowed.public-id.kind=path",
				"signet.profiles.explained.allowed.source.values=uw" })
class SignedConstructionSeparationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ApiSecret SECRET = ApiSecret.of("CANARYsepar4tionSecret");

	private static final Map<String, String> WEB = Map.of("X-Api-Key", "web-key-0123456789abcdef");

	private static final Map<String, String> BACKEND = Map.of("X-Api-Key", "backend-key-0123456789abcdef");

	/** A JSON document a browser may put into {@code context} (free text). */
	private static final String JSON_CONTEXT = "{\"notification_type\":\"upload\",\"public_id\":\"forged\"}";

	private static HttpServer internal;

	private static final AtomicInteger forwarded = new AtomicInteger();

	@LocalServerPort
	private int port;

	private SimpleHttp http;

	@DynamicPropertySource
	static void internalUrl(DynamicPropertyRegistry registry) throws IOException {
		internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		internal.createContext("/", (exchange) -> {
			forwarded.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		internal.start();
		registry.add("signet.notifications.forward.url",
				() -> "http://127.0.0.1:" + internal.getAddress().getPort() + "/hook");
		registry.add("signet.notifications.forward.signing-key", () -> "forward-signing-key-0123456789abcdef-test");
	}

	@AfterAll
	static void stopInternal() {
		internal.stop(0);
	}

	@BeforeEach
	void http() {
		this.http = new SimpleHttp(this.port);
	}

	@Test
	void uploadSignatureNeverPassesAsANotification() {
		JsonNode issued = this.http
			.postJson("/v1/signatures", WEB,
					"{\"profile\": \"explained\", \"explain\": true, \"tie\": \"none\", \"params\": {\"context\": "
							+ quoted(JSON_CONTEXT) + "}}")
			.json();
		String timestamp = issued.get("params").get("timestamp").stringValue();
		assertThat(issued.get("string_to_sign").stringValue())
			.isEqualTo("context=" + JSON_CONTEXT + "&timestamp=" + timestamp + "<api_secret>");
		assertForgedNotificationRefused("context=" + JSON_CONTEXT + "&timestamp=", timestamp,
				issued.get("signature").stringValue());
	}

	@Test
	void widgetSignatureNeverPassesAsANotification() {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		JsonNode issued = this.http
			.postJson("/v1/signatures/widget", WEB,
					"{\"paramsToSign\": {\"context\": " + quoted(JSON_CONTEXT) + ", \"source\": \"uw\", \"timestamp\": "
							+ timestamp + "}}")
			.json();
		assertForgedNotificationRefused("context=" + JSON_CONTEXT + "&source=uw&timestamp=", timestamp,
				issued.get("signature").stringValue());
	}

	@Test
	void uploadSignatureNeverPassesAsAnApiResponse() {
		// The response signature is HASH("public_id=<id>&version=<v>" + secret): an
		// upload
		// string would have to end in "&version=<digits>", so version is never signed,
		// and a profile that would sign it does not start.
		Map<String, Object> config = new HashMap<>();
		config.put("signet.profiles.p.clients", "web");
		config.put("signet.profiles.p.forced.public-id", "fixed");
		config.put("signet.profiles.p.allowed.version.pattern", "[0-9]{1,12}");
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> SigningProfiles.compile(Profiles.bind(config), UploadPolicy.dangerReasons()))
			.withMessageContaining("signet.profiles.p.allowed.version");
		SimpleHttp.Response refused = this.http.postJson("/v1/signatures", WEB,
				"{\"profile\": \"explained\", \"params\": {\"public_id\": \"fixed\", \"version\": \"5\"}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("\"signature\"").contains("version");
	}

	@Test
	void widgetSignatureNeverPassesAsAnApiResponse() {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		SimpleHttp.Response refused = this.http.postJson("/v1/signatures/widget", WEB,
				"{\"profile\": \"explained\", \"paramsToSign\": {\"public_id\": \"fixed&timestamp=" + timestamp
						+ "\", \"overwrite\": \"false\", \"version\": \"5\", \"timestamp\": " + timestamp + "}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).doesNotContain("\"signature\"");
	}

	@Test
	void notificationAndApiResponseSignaturesNeverStandForEachOther() {
		// What Cloudinary returns after an upload the attacker made himself, with a
		// version that reads as a fresh timestamp.
		String version = Long.toString(Instant.now().getEpochSecond());
		String responseSignature = ApiResponseSignature.compute("x", version, SECRET, SignatureAlgorithm.SHA1);
		assertForgedNotificationRefused("public_id=x&version=", version, responseSignature);
		// The other way: a notification's string starts with '{', a response's with
		// "public_id=".
		byte[] body = "{\"public_id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
		String notification = NotificationSignature.compute(body, "1700000000", SECRET, SignatureAlgorithm.SHA1);
		JsonNode verdict = this.http
			.postJson("/v1/responses/verify", BACKEND,
					"{\"public_id\": \"x\", \"version\": 1700000000, \"signature\": \"" + notification + "\"}")
			.json();
		assertThat(verdict.get("valid").booleanValue()).isFalse();
	}

	@Test
	void uploadSignatureNeverPassesAsADeliverySignature() {
		// A delivery string to sign never holds a raw '=' (the public ID is escaped, the
		// transformation refuses it), and every upload string does; the other way, a
		// delivery component is 8 (or 32) characters of base64url, never a hex digest.
		assertNeverInADeliveryStringToSign("folder=x&timestamp=1700000000");
		DeliveryUrl url = new DeliveryUrl("demo", "folder/x", null, "jpg", null, "image", "authenticated", false);
		assertThat(url.signatureComponent(SECRET, SignatureAlgorithm.SHA1)).matches("s--[A-Za-z0-9_-]{8}--");
		SimpleHttp.Response issued = this.http.postJson("/v1/signatures", WEB,
				"{\"profile\": \"explained\", \"explain\": true, \"params\": {\"public_id\": \"a\"}}");
		assertThat(issued.json().get("string_to_sign").stringValue()).contains("=");
	}

	@Test
	void widgetSignatureNeverPassesAsADeliverySignature() {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		Map<String, String> widget = Map.of("source", "uw", "timestamp", timestamp);
		assertThat(UploadSigner.stringToSign(widget, 2)).contains("=");
		assertNeverInADeliveryStringToSign("source=uw&timestamp=" + timestamp);
		DeliveryUrl url = new DeliveryUrl("demo", "source/uw", null, null, null, "image", "authenticated", true);
		assertThat(url.signatureComponent(SECRET, SignatureAlgorithm.SHA256)).matches("s--[A-Za-z0-9_-]{32}--");
	}

	@Test
	void uploadSignatureNeverPassesAsAnAuthToken() {
		// Auth tokens are HMAC-SHA256 under the separate token key; upload signatures are
		// plain digests under the API secret. The same text gives unrelated values.
		String text = "timestamp=1700000000";
		String token = tokenFor(text);
		String upload = new UploadSigner(SECRET, SignatureAlgorithm.SHA256, 2).signStringToSign(text);
		assertThat(hmacOf(token)).hasSize(64).isNotEqualTo(upload);
	}

	@Test
	void widgetSignatureNeverPassesAsAnAuthToken() {
		String text = "source=uw&timestamp=1700000000";
		assertThat(hmacOf(tokenFor(text)))
			.isNotEqualTo(new UploadSigner(SECRET, SignatureAlgorithm.SHA256, 2).signStringToSign(text));
	}

	@Test
	void notificationNeverPassesAsADeliverySignatureOrTheOtherWay() {
		// A delivery string to sign never starts with '{' (escaped as %7B), and its
		// component is a truncated digest that cannot fill X-Cld-Signature.
		assertNeverInADeliveryStringToSign("{\"a\":1}");
		DeliveryUrl url = new DeliveryUrl("demo", "a/1", null, null, null, "image", "authenticated", true);
		String component = url.signatureComponent(SECRET, SignatureAlgorithm.SHA256);
		assertThat(NotificationSignature.algorithmOf(component.substring(3, component.length() - 2))).isNull();
	}

	@Test
	void notificationNeverPassesAsAnAuthTokenOrTheOtherWay() {
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		String notification = NotificationSignature.compute(body, "1700000000", SECRET, SignatureAlgorithm.SHA256);
		assertThat(hmacOf(tokenFor("{\"a\":1}1700000000"))).isNotEqualTo(notification);
	}

	@Test
	void apiResponseNeverPassesAsADeliverySignatureOrTheOtherWay() {
		assertNeverInADeliveryStringToSign("public_id=x&version=1");
		DeliveryUrl url = new DeliveryUrl("demo", "public_id/x", null, null, "1", "image", "authenticated", false);
		assertThat(url.signatureComponent(SECRET, SignatureAlgorithm.SHA1)).hasSize(13);
	}

	@Test
	void apiResponseNeverPassesAsAnAuthTokenOrTheOtherWay() {
		String response = ApiResponseSignature.compute("x", "1", SECRET, SignatureAlgorithm.SHA1);
		assertThat(hmacOf(tokenFor("public_id=x&version=1"))).hasSize(64).isNotEqualTo(response);
	}

	@Test
	void deliverySignatureNeverPassesAsAnAuthTokenOrTheOtherWay() {
		DeliveryUrl url = new DeliveryUrl("demo", "avatars/a", null, "jpg", null, "image", "authenticated", false);
		String component = url.signatureComponent(SECRET, SignatureAlgorithm.SHA1);
		String token = tokenFor(url.stringToSign());
		assertThat(token).doesNotContain(component.substring(3, 11));
		assertThat(hmacOf(token)).matches("[0-9a-f]{64}");
	}

	@Test
	void widgetSignatureIsAnUploadSignatureUnderTheSamePolicy() {
		// The widget signs what the stamped endpoint signs, with the widget's own
		// timestamp: the same profile refuses the same parameters in both.
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		for (String param : List.of("eval", "notification_url", "version", "type")) {
			SimpleHttp.Response stamped = this.http.postJson("/v1/signatures", WEB,
					"{\"profile\": \"explained\", \"params\": {\"" + param + "\": \"1\"}}");
			SimpleHttp.Response widget = this.http.postJson("/v1/signatures/widget", WEB,
					"{\"profile\": \"explained\", \"paramsToSign\": {\"" + param + "\": \"1\", \"timestamp\": "
							+ timestamp + "}}");
			assertThat(stamped.status()).as(param).isEqualTo(400);
			assertThat(widget.status()).as(param).isEqualTo(400);
			assertThat(widget.json().get("type").stringValue()).isEqualTo(stamped.json().get("type").stringValue());
		}
		JsonNode signed = this.http
			.postJson("/v1/signatures/widget", WEB,
					"{\"profile\": \"explained\", \"paramsToSign\": {\"source\": \"uw\", \"timestamp\": " + timestamp
							+ "}}")
			.json();
		assertThat(signed.get("signature").stringValue()).isEqualTo(new UploadSigner(SECRET, SignatureAlgorithm.SHA1, 2)
			.sign(Map.of("source", "uw", "timestamp", timestamp)));
	}

	/**
	 * A public ID holding another construction's text is refused, or escaped so that the
	 * delivery string to sign holds no '=', '&amp;' or leading '{'.
	 */
	private static void assertNeverInADeliveryStringToSign(String publicId) {
		for (boolean longSignature : List.of(false, true)) {
			DeliveryUrl url = new DeliveryUrl("demo", publicId, null, null, null, "image", "authenticated",
					longSignature);
			String toSign;
			try {
				toSign = url.stringToSign();
			}
			catch (RefusedInputException ex) {
				continue;
			}
			assertThat(toSign).doesNotContain("=").doesNotContain("&").doesNotStartWith("{");
		}
	}

	private void assertForgedNotificationRefused(String body, String timestamp, String signature) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new HashMap<>(BACKEND);
		headers.put("Content-Type", "application/json");
		headers.put("X-Cld-Signature", signature);
		headers.put("X-Cld-Timestamp", timestamp);
		JsonNode verdict = this.http.post("/v1/notifications/verify", headers, bytes).json();
		assertThat(verdict.get("valid").booleanValue()).isFalse();
		assertThat(verdict.get("reason").stringValue()).isEqualTo("malformed");
		int before = forwarded.get();
		headers.remove("X-Api-Key");
		SimpleHttp.Response received = this.http.post("/v1/notifications/cloudinary", headers, bytes);
		assertThat(received.status()).isEqualTo(400);
		assertThat(received.json().get("reason").stringValue()).isEqualTo("malformed");
		assertThat(forwarded.get()).isEqualTo(before);
	}

	private static String tokenFor(String acl) {
		return new AuthToken(null, null, 1700003600L, List.of(acl), null)
			.generate(AuthTokenKey.parse("00112233445566778899aabbccddeeff", "CLOUDINARY_AUTH_TOKEN_KEY"));
	}

	private static String hmacOf(String token) {
		return token.substring(token.indexOf("hmac=") + "hmac=".length());
	}

	private static String quoted(String text) {
		return JSON.writeValueAsString(text);
	}

}
