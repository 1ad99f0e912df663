package dev.signet.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.signet.assets.Arrival;
import dev.signet.assets.Arrivals;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import dev.signet.support.SimpleHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what the receiver forwards once {@link Arrivals} has judged an upload: the
 * {@code X-Signet-*} headers and Signet's own signature, checked the way
 * docs/configuration.md tells an internal service to check it.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://123456789012345:CANARYn0tif1cati0nSecret@demo",
				"SIGNET_API_KEYS=backend:backend-key-0123456789abcdef",
				"signet.notifications.forward.initial-backoff=20ms", "signet.notifications.forward.max-backoff=100ms",
				"signet.notifications.forward.signing-key=" + ForwardedNotificationTests.KEY })
class ForwardedNotificationTests {

	static final String KEY = "whsec-forwarding-key-0123456789abcdefABCDEF";

	private static final String SECRET = "CANARYn0tif1cati0nSecret";

	private static FlakyReceiver receiver;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private StubArrivals arrivals;

	private SimpleHttp http;

	@DynamicPropertySource
	static void forwardUrl(DynamicPropertyRegistry registry) throws IOException {
		receiver = new FlakyReceiver(0);
		registry.add("signet.notifications.forward.url", receiver::url);
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
	void aRejectedUploadIsForwardedWithItsVerdictAndASignatureTheAppCanVerify() {
		this.arrivals.next = new Arrival("0123456789abcdef0123456789abcdef", "backend", "avatars", Arrival.REJECTED,
				"max-bytes: 5000 > 1000 (café)");
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"big\"}".getBytes(StandardCharsets.UTF_8);
		SimpleHttp.Response answer = receive(body);
		assertThat(answer.status()).isEqualTo(200);
		String id = answer.json().get("id").stringValue();
		FlakyReceiver.Delivery delivery = delivered(id);
		assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", id)
			.containsEntry("X-Signet-Upload-Id", "0123456789abcdef0123456789abcdef")
			.containsEntry("X-Signet-Caller", "backend")
			.containsEntry("X-Signet-Profile", "avatars")
			.containsEntry("X-Signet-Verdict", "rejected")
			.containsEntry("X-Signet-Reason", "max-bytes:%205000%20>%201000%20(caf%C3%A9)");
		assertThat(verifies(delivery, KEY, Instant.now().getEpochSecond())).isTrue();
		assertThat(verifies(delivery, KEY.replace('w', 'W'), Instant.now().getEpochSecond())).isFalse();
	}

	@Test
	void aSignatureNoLongerVerifiesWhenAHeaderOrTheBodyIsChanged() {
		this.arrivals.next = new Arrival("fedcba9876543210fedcba9876543210", "backend", "avatars", Arrival.ACCEPTED,
				null);
		SimpleHttp.Response answer = receive(
				"{\"notification_type\":\"upload\",\"public_id\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
		FlakyReceiver.Delivery delivery = delivered(answer.json().get("id").stringValue());
		long now = Instant.now().getEpochSecond();
		assertThat(delivery.signet()).containsEntry("X-Signet-Verdict", "accepted")
			.doesNotContainKey("X-Signet-Reason");
		assertThat(verifies(delivery, KEY, now)).isTrue();
		Map<String, String> forged = new HashMap<>(delivery.signet());
		forged.put("X-Signet-Verdict", "accepted ");
		assertThat(verifies(withHeaders(delivery, forged), KEY, now)).isFalse();
		forged = new HashMap<>(delivery.signet());
		forged.put("X-Signet-Caller", "someone-else");
		assertThat(verifies(withHeaders(delivery, forged), KEY, now)).isFalse();
		FlakyReceiver.Delivery otherBody = new FlakyReceiver.Delivery(delivery.id(), "{}".getBytes(),
				delivery.signature(), delivery.timestamp(), delivery.contentType(), delivery.signet());
		assertThat(verifies(otherBody, KEY, now)).isFalse();
		assertThat(verifies(delivery, KEY, now + 3600)).isFalse();
	}

	@Test
	void aNotificationForAnAssetSignetNeverSignedIsForwardedWithoutAVerdictAndCounted() {
		this.arrivals.next = null;
		double before = this.meters.counter("signet.notifications.untracked").count();
		SimpleHttp.Response answer = receive(
				"{\"notification_type\":\"upload\",\"public_id\":\"foreign\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(answer.status()).isEqualTo(200);
		FlakyReceiver.Delivery delivery = delivered(answer.json().get("id").stringValue());
		assertThat(delivery.signet().keySet()).containsOnly("X-Signet-Event-Id", "X-Signet-Notification-Id",
				"X-Signet-Account", "X-Signet-Api-Key", "X-Signet-Signature");
		assertThat(verifies(delivery, KEY, Instant.now().getEpochSecond())).isTrue();
		assertThat(this.meters.counter("signet.notifications.untracked").count()).isEqualTo(before + 1);
	}

	@Test
	void whenTheRecordsDoNotAnswerCloudinaryGets503AndItsRetryIsAccepted() {
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"retry\"}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = NotificationSignature.compute(body, timestamp, ApiSecret.of(SECRET),
				SignatureAlgorithm.SHA1);
		this.arrivals.unavailable = true;
		SimpleHttp.Response refused = receive(body, signature, timestamp);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.body()).doesNotContain(SECRET);
		this.arrivals.unavailable = false;
		this.arrivals.next = new Arrival("00000000000000000000000000000001", "backend", "avatars", Arrival.ACCEPTED,
				null);
		SimpleHttp.Response retried = receive(body, signature, timestamp);
		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.json().get("status").stringValue()).isEqualTo("accepted");
		assertThat(delivered(retried.json().get("id").stringValue()).signet()).containsEntry("X-Signet-Upload-Id",
				"00000000000000000000000000000001");
	}

	/**
	 * The verification of docs/configuration.md, written independently of Signet's code.
	 */
	private static boolean verifies(FlakyReceiver.Delivery delivery, String key, long now) {
		try {
			Map<String, String> h = delivery.signet();
			String header = h.get("X-Signet-Signature");
			if (header == null) {
				return false;
			}
			String t = null;
			String v1 = null;
			for (String part : header.split(",")) {
				if (part.startsWith("t=")) {
					t = part.substring(2);
				}
				else if (part.startsWith("v1=")) {
					v1 = part.substring(3);
				}
			}
			if (t == null || v1 == null || Math.abs(now - Long.parseLong(t)) > 300) {
				return false;
			}
			String prefix = t + "\n" + h.getOrDefault("X-Signet-Event-Id", "") + "\n"
					+ h.getOrDefault("X-Signet-Upload-Id", "") + "\n" + h.getOrDefault("X-Signet-Caller", "") + "\n"
					+ h.getOrDefault("X-Signet-Profile", "") + "\n" + h.getOrDefault("X-Signet-Verdict", "") + "\n"
					+ h.getOrDefault("X-Signet-Reason", "") + "\n";
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(prefix.getBytes(StandardCharsets.UTF_8));
			byte[] expected = mac.doFinal(delivery.body());
			return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static FlakyReceiver.Delivery withHeaders(FlakyReceiver.Delivery delivery, Map<String, String> headers) {
		return new FlakyReceiver.Delivery(delivery.id(), delivery.body(), delivery.signature(), delivery.timestamp(),
				delivery.contentType(), headers);
	}

	private static FlakyReceiver.Delivery delivered(String id) {
		assertThat(Eventually.within(Duration.ofSeconds(10),
				() -> receiver.delivered().stream().anyMatch((d) -> id.equals(d.id()))))
			.isTrue();
		return receiver.delivered().stream().filter((d) -> id.equals(d.id())).findFirst().orElseThrow();
	}

	private SimpleHttp.Response receive(byte[] body) {
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		return receive(body,
				NotificationSignature.compute(body, timestamp, ApiSecret.of(SECRET), SignatureAlgorithm.SHA1),
				timestamp);
	}

	private SimpleHttp.Response receive(byte[] body, String signature, String timestamp) {
		return this.http.post("/v1/notifications/cloudinary",
				Map.of("Content-Type", "application/json", "X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp),
				body);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Records {

		@Bean
		StubArrivals arrivals() {
			return new StubArrivals();
		}

	}

	/**
	 * An in-test {@link Arrivals}: answers what the test set.
	 */
	static class StubArrivals implements Arrivals {

		volatile Arrival next;

		volatile boolean unavailable;

		@Override
		public Arrival arrived(String account, byte[] body, String contentType) {
			if (this.unavailable) {
				throw new Arrivals.Unavailable("records are down");
			}
			return this.next;
		}

	}

}
