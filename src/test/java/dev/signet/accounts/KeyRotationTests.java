package dev.signet.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.signet.SignetApplication;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.cloudinary.UploadSigner;
import dev.signet.support.Eventually;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.SimpleHttp;
import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key rotation without restart: {@code CLOUDINARY_URL} is a file in the config tree, as
 * a Kubernetes secret mounts it; the new key signs as soon as the file changes while the
 * old one still verifies, a malformed change is refused, and no secret is ever logged or
 * shown.
 *
 * @author Signet developers
 */
@ExtendWith(OutputCaptureExtension.class)
class KeyRotationTests {

	private static final String OLD = "cloudinary://111111111111111:CANARYoldSecretK1@rotcloud";

	private static final String NEW = "cloudinary://222222222222222:CANARYnewSecretK2@rotcloud?signature_algorithm=sha256";

	private static final Map<String, String> CALLER = Map.of("X-Api-Key", "rotation-key-0123456789abcdef");

	@Test
	@Needs(Tool.REDIS)
	void rotationWhenSecretFileChangesSignsWithNewKeyAndStillVerifiesOldOne(@TempDir Path tree, CapturedOutput output)
			throws IOException {
		write(tree.resolve("CLOUDINARY_URL"), OLD + "\n");
		String redis = RedisServers.sharedUrl();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
				"--server.port=0", "--SIGNET_CONFIG_TREE=" + tree + "/",
				"--SIGNET_API_KEYS=rotation:rotation-key-0123456789abcdef", "--signet.health.clients=rotation",
				"--signet.cloudinary.reload-interval=50ms", "--signet.notifications.replay.redis-url=" + redis,
				"--signet.notifications.forward.url=http://127.0.0.1:9/unused",
				"--signet.notifications.forward.signing-key=forward-signing-key-0123456789abcdef-test",
				"--signet.notifications.forward.max-attempts=1", "--signet.notifications.forward.timeout=1s",
				"--signet.notifications.forward.shutdown-grace=0s")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			SimpleHttp http = new SimpleHttp(port);

			JsonNode before = sign(http);
			assertThat(before.get("api_key").stringValue()).isEqualTo("111111111111111");
			assertThat(before.get("signature").stringValue())
				.isEqualTo(expected(before, "CANARYoldSecretK1", SignatureAlgorithm.SHA1));
			assertThat(verify(http, "CANARYoldSecretK1").get("api_key").stringValue()).isEqualTo("111111111111111");
			assertThat(verify(http, "CANARYnewSecretK2").get("reason").stringValue()).isEqualTo("bad_signature");

			write(tree.resolve("CLOUDINARY_URL"), NEW + "\n" + OLD + "\n");
			assertThat(Eventually.within(Duration.ofSeconds(10),
					() -> sign(http).get("api_key").stringValue().equals("222222222222222")))
				.isTrue();
			JsonNode after = sign(http);
			assertThat(after.get("signature_algorithm").stringValue()).isEqualTo("sha256");
			assertThat(after.get("signature").stringValue())
				.isEqualTo(expected(after, "CANARYnewSecretK2", SignatureAlgorithm.SHA256));
			assertThat(verify(http, "CANARYoldSecretK1").get("api_key").stringValue()).isEqualTo("111111111111111");
			assertThat(verify(http, "CANARYnewSecretK2").get("api_key").stringValue()).isEqualTo("222222222222222");
			JsonNode keys = health(http).get("default").get("keys");
			assertThat(keys.get(0).get("api_key").stringValue()).isEqualTo("222222222222222");
			assertThat(keys.get(0).get("secret_fingerprint").stringValue())
				.isEqualTo(ApiSecret.of("CANARYnewSecretK2").fingerprint());
			assertThat(keys.get(1).get("role").stringValue()).isEqualTo("verify-only");
			assertThat(keys.get(1).get("secret_fingerprint").stringValue())
				.isEqualTo(ApiSecret.of("CANARYoldSecretK1").fingerprint());

			write(tree.resolve("CLOUDINARY_URL"), "cloudinary://333:CANARY bad secret@rotcloud\n");
			assertThat(Eventually.within(Duration.ofSeconds(10),
					() -> !health(http).get("default").get("well_formed").booleanValue()))
				.isTrue();
			assertThat(health(http).get("default").get("error").stringValue()).contains("CLOUDINARY_URL")
				.doesNotContain("CANARY");
			assertThat(sign(http).get("api_key").stringValue()).isEqualTo("222222222222222");

			write(tree.resolve("CLOUDINARY_URL"), NEW + "\n");
			assertThat(Eventually.within(Duration.ofSeconds(10),
					() -> verify(http, "CANARYoldSecretK1").get("reason").stringValue().equals("bad_signature")))
				.isTrue();
			assertThat(health(http).get("default").get("well_formed").booleanValue()).isTrue();

			byte[] body = "{\"notification_type\":\"upload\"}".getBytes(StandardCharsets.UTF_8);
			String timestamp = Long.toString(Instant.now().getEpochSecond());
			Map<String, String> headers = Map.of(
					"Content-Type", "application/json", "X-Cld-Signature", NotificationSignature.compute(body,
							timestamp, ApiSecret.of("CANARYnewSecretK2"), SignatureAlgorithm.SHA256),
					"X-Cld-Timestamp", timestamp);
			assertThat(http.post("/v1/notifications/cloudinary", headers, body).json().get("status").stringValue())
				.isEqualTo("accepted");
			assertThat(http.post("/v1/notifications/cloudinary", headers, body).json().get("status").stringValue())
				.isEqualTo("duplicate");
		}
		assertThat(output.getAll()).contains("Reloaded the keys of Cloudinary account 'default'")
			.contains("Kept the previous keys")
			.doesNotContain("CANARY");
	}

	private static JsonNode sign(SimpleHttp http) {
		SimpleHttp.Response response = http.postJson("/v1/signatures", CALLER,
				"{\"params\": {\"folder\": \"rotation\"}}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private static JsonNode verify(SimpleHttp http, String secret) {
		byte[] body = "{\"notification_type\":\"upload\",\"public_id\":\"r\"}".getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = NotificationSignature.compute(body, timestamp, ApiSecret.of(secret),
				SignatureAlgorithm.SHA1);
		Map<String, String> headers = new TreeMap<>(CALLER);
		headers.put("X-Cld-Signature", signature);
		headers.put("X-Cld-Timestamp", timestamp);
		headers.put("Content-Type", "application/json");
		return http.post("/v1/notifications/verify", headers, body).json();
	}

	private static JsonNode health(SimpleHttp http) {
		return http.get("/actuator/health", CALLER).json().get("components").get("cloudinaryAccounts").get("details");
	}

	private static String expected(JsonNode response, String secret, SignatureAlgorithm algorithm) {
		Map<String, String> params = new TreeMap<>();
		response.get("params")
			.properties()
			.forEach((entry) -> params.put(entry.getKey(), entry.getValue().stringValue()));
		return new UploadSigner(ApiSecret.of(secret), algorithm, 2).sign(params);
	}

	/** Replaces the file in one move, as Kubernetes swaps a mounted secret. */
	private static void write(Path file, String content) throws IOException {
		Path temporary = Files.createTempFile(file.getParent(), ".tmp", "");
		Files.writeString(temporary, content, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
