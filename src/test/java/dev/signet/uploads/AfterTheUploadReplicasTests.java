package dev.signet.uploads;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.cloudinary.SignatureAlgorithm;
import com.sun.net.httpserver.HttpServer;
import dev.signet.SignetApplication;
import dev.signet.support.CloudinaryStandIn;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.Needs;
import dev.signet.support.RedisServers;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Signet replicas sharing one real Redis: the upload is signed on one, Cloudinary's
 * notification lands on that one (its {@code signet.public-url}), and the app reads the
 * status on the other, long-polling; the internal service gets the notification with the
 * verdict headers and a Signet signature it can check with the forwarding key alone.
 *
 * @author Signet developers
 */
@Needs(Tool.REDIS)
class AfterTheUploadReplicasTests {

	private static final String FORWARDING_KEY = "whsec-forwarding-key-0123456789abcdefABCDEF";

	private static final CloudinaryStandIn standIn = new CloudinaryStandIn(TestAccounts.CLOUD_NAME,
			TestAccounts.API_KEY, TestAccounts.CANARY_SECRET, SignatureAlgorithm.SHA256, Clock.systemUTC());

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final List<Delivery> delivered = new CopyOnWriteArrayList<>();

	private static RedisServers.Server redis;

	private static HttpServer internal;

	private static Http receiving;

	private static Http reading;

	private static int receivingPort;

	@BeforeAll
	static void startTwoReplicas() throws IOException {
		redis = RedisServers.start();
		internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		internal.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
			delivered.add(new Delivery(headers, body));
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		internal.start();
		receivingPort = RedisServers.freePort();
		receiving = new Http(start(receivingPort));
		reading = new Http(start(RedisServers.freePort()));
	}

	@AfterAll
	static void stop() {
		replicas.forEach(ConfigurableApplicationContext::close);
		if (internal != null) {
			internal.stop(0);
		}
		if (redis != null) {
			redis.close();
		}
		standIn.close();
	}

	@Test
	void theNotificationLandsOnOneReplicaAndTheStatusIsReadOnTheOther() {
		Response signed = receiving.postJson("/v1/signatures", "{\"profile\": \"push\", \"params\": {}}");
		assertThat(signed.status()).as(signed.body()).isEqualTo(200);
		String id = signed.json().get("upload_id").stringValue();
		assertThat(get(reading, id, "").json().get("status").stringValue()).as("the record is shared")
			.isEqualTo("issued");
		JsonNode uploaded = AfterTheUploadIntegrationTests.upload(signed.json(), 500);
		Response waited = get(reading, id, "?wait=20s");
		assertThat(waited.status()).as(waited.body()).isEqualTo(200);
		assertThat(waited.json().get("status").stringValue()).isEqualTo("complete");
		assertThat(waited.json().get("asset_id").stringValue()).isEqualTo(uploaded.get("asset_id").stringValue());
		assertThat(waited.json().get("bytes").longValue()).isEqualTo(500);
		assertThat(standIn.notificationsSent()).anyMatch((n) -> n.url().contains(":" + receivingPort + "/"));
	}

	@Test
	void theInternalServiceGetsTheVerdictSignedWithSignetsOwnKey() {
		Response signed = receiving.postJson("/v1/signatures", "{\"profile\": \"push\", \"params\": {}}");
		String id = signed.json().get("upload_id").stringValue();
		AfterTheUploadIntegrationTests.upload(signed.json(), 5000);
		assertThat(Eventually.within(Duration.ofSeconds(20),
				() -> delivered.stream().anyMatch((d) -> id.equals(d.headers().get("X-Signet-Upload-Id")))))
			.as("forwarded: %s", delivered)
			.isTrue();
		Delivery delivery = delivered.stream()
			.filter((d) -> id.equals(d.headers().get("X-Signet-Upload-Id")))
			.findFirst()
			.orElseThrow();
		Map<String, String> headers = delivery.headers();
		assertThat(headers.get("X-Signet-Verdict")).isEqualTo("rejected");
		assertThat(headers.get("X-Signet-Profile")).isEqualTo("push");
		assertThat(headers.get("X-Signet-Caller")).isEqualTo("key:web");
		assertThat(headers.get("X-Signet-Reason")).contains("5000");
		assertThat(headers.get("X-Signet-Event-Id")).isNotBlank();
		assertThat(headers.get("X-Signet-Signature")).isEqualTo(expectedSignature(headers, delivery.body()));
		assertThat(headers.get("X-Cld-Signature")).as("Cloudinary's own signature is passed on").isNotBlank();
		assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).contains("\"notification_type\"");
	}

	/**
	 * What the documented verification snippet computes: HMAC-SHA256 with the forwarding
	 * key over the timestamp, the six {@code X-Signet-*} values (empty when absent) and
	 * the body, each value followed by a newline.
	 */
	private static String expectedSignature(Map<String, String> headers, byte[] body) {
		String header = headers.get("X-Signet-Signature");
		assertThat(header).matches("t=[0-9]+,v1=[0-9a-f]{64}");
		String t = header.substring(2, header.indexOf(','));
		StringBuilder signed = new StringBuilder(t).append('\n');
		for (String name : List.of("X-Signet-Event-Id", "X-Signet-Upload-Id", "X-Signet-Caller", "X-Signet-Profile",
				"X-Signet-Verdict", "X-Signet-Reason")) {
			signed.append(headers.getOrDefault(name, "")).append('\n');
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(FORWARDING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(signed.toString().getBytes(StandardCharsets.US_ASCII));
			return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Response get(Http http, String id, String query) {
		return http.send("GET", "/v1/uploads/" + id + query, null, "X-Api-Key", TestAccounts.CLIENT_KEY);
	}

	private static int start(int port) {
		try {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class).run(
					"--server.port=" + port, "--SIGNET_CONFIG_TREE=/nonexistent/",
					"--CLOUDINARY_URL=" + TestAccounts
						.cloudinaryUrl("signature_algorithm=sha256&upload_prefix=" + standIn.uploadPrefix()),
					"--SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "--signet.redis.url=" + redis.url(),
					"--signet.public-url=http://127.0.0.1:" + receivingPort,
					"--signet.notifications.forward.url=http://127.0.0.1:" + internal.getAddress().getPort() + "/hook",
					"--signet.notifications.forward.signing-key=" + FORWARDING_KEY,
					"--signet.notifications.journal.dir=" + System.getProperty("java.io.tmpdir")
							+ "/signet-replicas-test-" + port,
					"--signet.profiles.push.clients=web", "--signet.profiles.push.notify=true",
					"--signet.profiles.push.max-bytes=1000B");
			replicas.add(context);
			return port;
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("replica on port " + port + " did not start", ex);
		}
	}

	record Delivery(Map<String, String> headers, byte[] body) {

		@Override
		public String toString() {
			return this.headers.toString();
		}

	}

}
