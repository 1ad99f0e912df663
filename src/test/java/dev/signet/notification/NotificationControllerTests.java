package dev.signet.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import dev.signet.support.SharedFiles;
import dev.signet.support.SimpleHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NotificationController} over real HTTP: verification for other
 * backends, and the receiver that forwards to a flaky local HTTP server.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"CLOUDINARY_URL=cloudinary://123456789012345:CANARYn0tif1cati0nSecret@demo",
		"SIGNET_API_KEYS=backend:backend-key-0123456789abcdef",
		"signet.cloudinary.accounts.vectors.url=cloudinary://111111111111111:hdcixPpR2iKERPwqvH6sHdK9cyac@vectors",
		"signet.notifications.forward.initial-backoff=20ms", "signet.notifications.forward.max-backoff=100ms",
		"signet.notifications.forward.max-attempts=6" })
class NotificationControllerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String SECRET = "CANARYn0tif1cati0nSecret";

	private static final Map<String, String> CALLER = Map.of("X-Api-Key", "backend-key-0123456789abcdef");

	private static FlakyReceiver receiver;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	private SimpleHttp http;

	@DynamicPropertySource
	static void forwardUrl(DynamicPropertyRegistry registry) throws IOException {
		receiver = new FlakyReceiver(3);
		registry.add("signet.notifications.forward.url", receiver::url);
		registry.add("signet.notifications.forward.signing-key", () -> "forward-signing-key-0123456789abcdef-test");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void http() {
		this.http = new SimpleHttp(this.port);
	}

	@Test
	void verifyWhenSignedNowWithTheSecretIsValid() {
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"caf\u00e9\"}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		SimpleHttp.Response response = verify("", body, sign(body, timestamp, SignatureAlgorithm.SHA256), timestamp);
		assertThat(response.status()).isEqualTo(200);
		JsonNode json = response.json();
		assertThat(json.get("valid").booleanValue()).isTrue();
		assertThat(json.get("reason").stringValue()).isEqualTo("valid");
		assertThat(json.get("api_key").stringValue()).isEqualTo("123456789012345");
		assertThat(response.body()).doesNotContain("CANARY");
	}

	@Test
	void verifyWhenNotificationIsLargerThanSigningRequestsMayBeIsStillChecked() {
		byte[] body = ("{\"notification_type\":\"upload\",\"context\":\"" + "x".repeat(40 * 1024) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		SimpleHttp.Response response = verify("", body, sign(body, timestamp, SignatureAlgorithm.SHA1), timestamp);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("valid").booleanValue()).isTrue();
	}

	@Test
	void verifyWhenBodyDiffersByOneByteIsBadSignature() {
		byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = sign(body, timestamp, SignatureAlgorithm.SHA1);
		JsonNode json = verify("", "{\"a\": 1}".getBytes(StandardCharsets.UTF_8), signature, timestamp).json();
		assertThat(json.get("valid").booleanValue()).isFalse();
		assertThat(json.get("reason").stringValue()).isEqualTo("bad_signature");
		assertThat(json.has("api_key")).isFalse();
	}

	@Test
	void verifyWhenOutsideTheWindowSaysTooOldOrTooFarInTheFuture() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		String old = Long.toString(now - Duration.ofHours(2).toSeconds() - 60);
		String future = Long.toString(now + Duration.ofMinutes(10).toSeconds());
		assertThat(verify("", body, sign(body, old, SignatureAlgorithm.SHA1), old).json().get("reason").stringValue())
			.isEqualTo("too_old");
		assertThat(verify("", body, sign(body, future, SignatureAlgorithm.SHA1), future).json()
			.get("reason")
			.stringValue()).isEqualTo("too_far_in_future");
	}

	@Test
	void verifyWhenHeadersAreMissingOrMalformedSaysMalformed() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		String now = Long.toString(Instant.now().getEpochSecond());
		String signature = sign(body, now, SignatureAlgorithm.SHA1);
		List<SimpleHttp.Response> responses = List.of(verify("", body, null, now), verify("", body, signature, null),
				verify("", body, "not-hex-at-all", now), verify("", body, signature.substring(2), now),
				verify("", body, signature, "17e9"), verify("", body, signature, now + "000000000"),
				verify("", body, sign(body, "0" + now, SignatureAlgorithm.SHA1), "0" + now));
		for (SimpleHttp.Response response : responses) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("valid").booleanValue()).isFalse();
			assertThat(response.json().get("reason").stringValue()).isEqualTo("malformed");
		}
	}

	@Test
	void verifyWhenTimestampIsInMillisecondsSaysSoInsteadOfMalformed() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		String millis = Long.toString(Instant.now().toEpochMilli());
		String signature = sign(body, millis, SignatureAlgorithm.SHA1);
		JsonNode verdict = verify("", body, signature, millis).json();
		assertThat(verdict.get("valid").booleanValue()).isFalse();
		assertThat(verdict.get("reason").stringValue()).isEqualTo("timestamp_in_milliseconds");
		assertThat(verdict.get("detail").stringValue()).contains("milliseconds").contains(millis.substring(0, 10));
		SimpleHttp.Response received = receive(body, signature, millis);
		assertThat(received.status()).isEqualTo(400);
		assertThat(received.json().get("reason").stringValue()).isEqualTo("timestamp_in_milliseconds");
	}

	@Test
	void verifyWhenBodyIsNotOneJsonObjectSaysMalformedEvenIfSigned() {
		String now = Long.toString(Instant.now().getEpochSecond());
		for (String text : List.of("", " {}", "[1]", "{\"a\":1}{}", "{\"a\":", "a=1&timestamp=")) {
			byte[] body = text.getBytes(StandardCharsets.UTF_8);
			JsonNode verdict = verify("", body, sign(body, now, SignatureAlgorithm.SHA1), now).json();
			assertThat(verdict.get("reason").stringValue()).as(text).isEqualTo("malformed");
		}
		byte[] deep = ("{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}").getBytes(StandardCharsets.UTF_8);
		assertThat(verify("", deep, sign(deep, now, SignatureAlgorithm.SHA1), now).json().get("reason").stringValue())
			.as("a deeply nested object is still one object")
			.isEqualTo("valid");
		byte[] spaced = "{\"a\": [1, {\"b\": null}]}\n".getBytes(StandardCharsets.UTF_8);
		assertThat(
				verify("", spaced, sign(spaced, now, SignatureAlgorithm.SHA1), now).json().get("reason").stringValue())
			.isEqualTo("valid");
	}

	@Test
	void verifyWhenCallerIsUnauthenticatedOrSendsBadInputsAnswersProblems() {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		SimpleHttp.Response anonymous = this.http.post("/v1/notifications/verify",
				Map.of("Content-Type", "application/json"), body);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.contentType()).startsWith("application/problem+json");
		SimpleHttp.Response wrongKey = this.http.post("/v1/notifications/verify",
				Map.of("X-Api-Key", "wrong-key-0123456789abcdef"), body);
		assertThat(wrongKey.status()).isEqualTo(401);
		SimpleHttp.Response unknownAccount = verify("?account=nope", body, "a".repeat(40), "1");
		assertThat(unknownAccount.status()).isEqualTo(400);
		assertThat(unknownAccount.json().get("type").stringValue()).endsWith("/unknown-account");
		Map<String, String> form = new HashMap<>(CALLER);
		form.put("Content-Type", "application/x-www-form-urlencoded");
		SimpleHttp.Response formBody = this.http.post("/v1/notifications/verify", form, "a=1".getBytes());
		assertThat(formBody.status()).isEqualTo(415);
		assertThat(formBody.contentType()).startsWith("application/problem+json");
		SimpleHttp.Response tooLarge = this.http.post("/v1/notifications/verify", CALLER, new byte[1024 * 1024 + 1]);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.contentType()).startsWith("application/problem+json");
		SimpleHttp.Response get = this.http.get("/v1/notifications/verify", CALLER);
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.contentType()).startsWith("application/problem+json");
	}

	@Test
	void verifyOverHttpChecksTheRawBytesOfEveryNotificationVector() throws IOException {
		int checked = 0;
		int refused = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("notification_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))
					|| !"hdcixPpR2iKERPwqvH6sHdK9cyac".equals(vector.get("secret"))) {
				continue;
			}
			byte[] body = ((String) vector.get("body")).getBytes(StandardCharsets.UTF_8);
			String timestamp = String.valueOf(vector.get("timestamp"));
			String signature = (String) vector.get("expected_signature");
			JsonNode exact = verify("?account=vectors", body, signature, timestamp).json();
			if (!((String) vector.get("body")).startsWith("{")) {
				// Issue 12, finding 1: only JSON objects are checked against the secret.
				assertThat(exact.get("reason").stringValue()).as((String) vector.get("id")).isEqualTo("malformed");
				refused++;
				continue;
			}
			// The vectors are years old: authentic, but outside the window.
			assertThat(exact.get("reason").stringValue()).as((String) vector.get("id")).isEqualTo("too_old");
			assertThat(exact.get("api_key").stringValue()).isEqualTo("111111111111111");
			byte[] spaced = ((String) vector.get("body") + " ").getBytes(StandardCharsets.UTF_8);
			assertThat(verify("?account=vectors", spaced, signature, timestamp).json().get("reason").stringValue())
				.isEqualTo("bad_signature");
			checked++;
		}
		assertThat(checked + refused).isGreaterThanOrEqualTo(8);
		assertThat(checked).isGreaterThanOrEqualTo(6);
	}

	@Test
	void receiveForwardsEveryValidNotificationExactlyOnceDespiteFailuresAndReplays() {
		List<String> ids = new ArrayList<>();
		List<byte[]> bodies = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			byte[] body = ("{\"notification_type\":\"upload\",\"public_id\":\"forward-" + i + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			String timestamp = Long.toString(Instant.now().getEpochSecond());
			String signature = sign(body, timestamp, SignatureAlgorithm.SHA1);
			SimpleHttp.Response first = receive(body, signature, timestamp);
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.json().get("status").stringValue()).isEqualTo("accepted");
			SimpleHttp.Response replay = receive(body, signature.toUpperCase(), timestamp);
			assertThat(replay.status()).isEqualTo(200);
			assertThat(replay.json().get("status").stringValue()).isEqualTo("duplicate");
			ids.add(first.json().get("id").stringValue());
			bodies.add(body);
		}
		assertThat(Eventually.within(Duration.ofSeconds(20), () -> receiver.delivered().size() >= 5)).isTrue();
		assertThat(Eventually.within(Duration.ofSeconds(1), () -> receiver.delivered().size() > 5)).isFalse();
		assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id)
			.containsExactlyInAnyOrderElementsOf(ids);
		for (int i = 0; i < 5; i++) {
			String id = ids.get(i);
			FlakyReceiver.Delivery delivery = receiver.delivered()
				.stream()
				.filter((d) -> d.id().equals(id))
				.findFirst()
				.orElseThrow();
			assertThat(delivery.body()).isEqualTo(bodies.get(i));
			assertThat(delivery.contentType()).isEqualTo("application/json");
			assertThat(receiver.attempts(id)).isEqualTo(4);
		}
		assertThat(this.meters.counter("signet.notifications.forwarded").count()).isGreaterThanOrEqualTo(5);
		assertThat(this.meters.find("signet.notifications.forward.failed").counters()).isEmpty();
	}

	@Test
	void receiveWhenUnsignedOrBadlySignedRefusesWithoutForwarding() {
		int before = receiver.delivered().size();
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"forged\"}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		SimpleHttp.Response missing = receive(body, null, null);
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.json().get("type").stringValue()).endsWith("/invalid-notification");
		SimpleHttp.Response forged = receive(body, "0".repeat(40), timestamp);
		assertThat(forged.status()).isEqualTo(401);
		assertThat(forged.json().get("reason").stringValue()).isEqualTo("bad_signature");
		String old = Long.toString(Instant.now().getEpochSecond() - 3 * 3600);
		SimpleHttp.Response stale = receive(body, sign(body, old, SignatureAlgorithm.SHA1), old);
		assertThat(stale.status()).isEqualTo(401);
		assertThat(stale.json().get("reason").stringValue()).isEqualTo("too_old");
		SimpleHttp.Response unknown = this.http.post("/v1/notifications/cloudinary/nope",
				Map.of("X-Cld-Signature", "0".repeat(40), "X-Cld-Timestamp", timestamp), body);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(Eventually.within(Duration.ofMillis(300), () -> receiver.delivered().size() > before)).isFalse();
	}

	private SimpleHttp.Response verify(String query, byte[] body, String signature, String timestamp) {
		Map<String, String> headers = new HashMap<>(CALLER);
		headers.put("Content-Type", "application/json");
		if (signature != null) {
			headers.put("X-Cld-Signature", signature);
		}
		if (timestamp != null) {
			headers.put("X-Cld-Timestamp", timestamp);
		}
		return this.http.post("/v1/notifications/verify" + query, headers, body);
	}

	private SimpleHttp.Response receive(byte[] body, String signature, String timestamp) {
		Map<String, String> headers = new HashMap<>();
		headers.put("Content-Type", "application/json");
		if (signature != null) {
			headers.put("X-Cld-Signature", signature);
		}
		if (timestamp != null) {
			headers.put("X-Cld-Timestamp", timestamp);
		}
		return this.http.post("/v1/notifications/cloudinary", headers, body);
	}

	private static String sign(byte[] body, String timestamp, SignatureAlgorithm algorithm) {
		return NotificationSignature.compute(body, timestamp, ApiSecret.of(SECRET), algorithm);
	}

}
