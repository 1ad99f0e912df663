package dev.signet.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.signet.SignetApplication;
import dev.signet.assets.Arrival;
import dev.signet.assets.Arrivals;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.settings.InvalidSettingException;
import dev.signet.support.SimpleHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests of the settings that turn the receiver on: a forward URL needs Signet's own
 * signing key, and {@code signet.public-url} alone turns the receiver on to complete
 * records without forwarding.
 *
 * @author Signet developers
 */
class ReceiverSettingsTests {

	private static final String SECRET = "CANARYn0tif1cati0nSecret";

	private static final String[] BASE = { "--server.port=0",
			"--CLOUDINARY_URL=cloudinary://123456789012345:" + SECRET + "@demo",
			"--SIGNET_API_KEYS=backend:backend-key-0123456789abcdef" };

	@Test
	void aForwardUrlWithoutASigningKeyFailsStartupNamingTheSetting() {
		assertThatThrownBy(() -> run("--signet.notifications.forward.url=http://127.0.0.1:9/hook").close())
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("signet.notifications.forward.signing-key"));
	}

	@Test
	void aSigningKeyShorterThan32BytesIsRefusedWithoutShowingIt() {
		assertThatThrownBy(() -> run("--signet.notifications.forward.url=http://127.0.0.1:9/hook",
				"--signet.notifications.forward.signing-key=short-CANARY-key")
			.close())
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(InvalidSettingException.class)
				.hasMessageContaining("signet.notifications.forward.signing-key")
				.hasMessageContaining("32")
				.hasMessageNotContaining("short-CANARY-key"));
	}

	@Test
	void theSigningKeyNeverShowsInTheSettingsToString() {
		NotificationProperties.Forward forward = new NotificationProperties.Forward(
				java.net.URI.create("http://127.0.0.1:9/hook"), 1, java.time.Duration.ofSeconds(1),
				java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1, 1, java.time.Duration.ZERO, null,
				"CANARY-forwarding-key-0123456789abcdef");
		assertThat(forward.toString()).doesNotContain("CANARY");
		assertThat(new ForwardSignature("CANARY-forwarding-key-0123456789abcdef").toString()).doesNotContain("CANARY");
	}

	@Test
	void withOnlyAPublicUrlTheReceiverCompletesRecordsWithoutForwarding() {
		AtomicInteger calls = new AtomicInteger();
		Arrivals arrivals = (account, body, contentType) -> {
			calls.incrementAndGet();
			return new Arrival("0123456789abcdef0123456789abcdef", "backend", "avatars", Arrival.ACCEPTED, null);
		};
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class)
			.initializers((ctx) -> ((GenericApplicationContext) ctx).registerBean("testArrivals", Arrivals.class,
					() -> arrivals, (definition) -> definition.setPrimary(true)))
			.run(with("--signet.public-url=https://signet.example.com"))) {
			SimpleHttp http = new SimpleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			SimpleHttp.Response response = post(http);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("status").stringValue()).isEqualTo("accepted");
			assertThat(calls).hasValue(1);
		}
	}

	@Test
	void withNeitherAForwardUrlNorAPublicUrlTheReceiverIsNotConfigured() {
		try (ConfigurableApplicationContext context = run()) {
			SimpleHttp http = new SimpleHttp(((WebServerApplicationContext) context).getWebServer().getPort());
			SimpleHttp.Response response = post(http);
			assertThat(response.status()).isGreaterThanOrEqualTo(400);
			assertThat(response.json().get("type").stringValue()).endsWith("/not-configured");
		}
	}

	private static SimpleHttp.Response post(SimpleHttp http) {
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = NotificationSignature.compute(body, timestamp, ApiSecret.of(SECRET),
				SignatureAlgorithm.SHA1);
		return http.post("/v1/notifications/cloudinary",
				Map.of("Content-Type", "application/json", "X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp),
				body);
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(SignetApplication.class).run(with(args));
	}

	private static String[] with(String... args) {
		String[] all = new String[BASE.length + args.length];
		System.arraycopy(BASE, 0, all, 0, BASE.length);
		System.arraycopy(args, 0, all, BASE.length, args.length);
		return all;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

}
