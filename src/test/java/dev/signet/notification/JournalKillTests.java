package dev.signet.notification;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import dev.signet.support.SimpleHttp;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Signet process killed with {@code kill -9} while the internal URL is down: the
 * next process on the same journal delivers every accepted notification, none twice.
 *
 * @author Signet developers
 */
class JournalKillTests {

	private static final int N = 5;

	@Test
	void notificationsAcceptedBeforeAKill9AreAllDeliveredByTheRestartNoneTwice(@TempDir Path journal) throws Exception {
		List<String> ids = new ArrayList<>();
		Process first = start(journal, closedUrl());
		try {
			SimpleHttp http = waitReady(first);
			for (int i = 0; i < N; i++) {
				byte[] body = ("{\"notification_type\":\"upload\",\"public_id\":\"kill-" + i + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				String timestamp = Long.toString(Instant.now().getEpochSecond());
				String signature = NotificationSignature.compute(body, timestamp,
						ApiSecret.of(TestAccounts.CANARY_SECRET), SignatureAlgorithm.SHA1);
				SimpleHttp.Response response = http.post("/v1/notifications/cloudinary", Map.of("Content-Type",
						"application/json", "X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp), body);
				assertThat(response.status()).isEqualTo(200);
				ids.add(response.json().get("id").stringValue());
			}
		}
		finally {
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		try (FlakyReceiver receiver = new FlakyReceiver(0)) {
			Process second = start(journal, receiver.url());
			try {
				assertThat(Eventually.within(Duration.ofSeconds(90), () -> receiver.delivered().size() >= N)).isTrue();
				assertThat(Eventually.within(Duration.ofSeconds(1), () -> receiver.delivered().size() > N)).isFalse();
				assertThat(receiver.delivered()).extracting(FlakyReceiver.Delivery::id)
					.containsExactlyInAnyOrderElementsOf(ids);
				assertThat(receiver.delivered()).allSatisfy(
						(delivery) -> assertThat(delivery.signet()).containsEntry("X-Signet-Event-Id", delivery.id()));
			}
			finally {
				second.destroyForcibly();
				second.waitFor(30, TimeUnit.SECONDS);
			}
		}
	}

	private static SimpleHttp waitReady(Process process) {
		return waitReady(process, port(process));
	}

	private static final Map<Process, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

	private static int port(Process process) {
		return PORTS.get(process);
	}

	private static SimpleHttp waitReady(Process process, int port) {
		SimpleHttp http = new SimpleHttp(port);
		assertThat(Eventually.within(Duration.ofSeconds(90), () -> {
			try {
				return process.isAlive() && http.get("/readyz", Map.of()).status() == 200;
			}
			catch (RuntimeException ex) {
				return false;
			}
		})).isTrue();
		return http;
	}

	private static Process start(Path journal, String forwardUrl) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = Files.createTempFile(journal.getParent(), "signet-kill", ".log");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				SignetApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--logging.level.signet.audit=OFF", "--signet.notifications.forward.url=" + forwardUrl,
				"--signet.notifications.forward.signing-key=forward-signing-key-0123456789abcdef-kill",
				"--signet.notifications.forward.initial-backoff=50ms",
				"--signet.notifications.forward.max-backoff=200ms", "--signet.notifications.forward.max-attempts=1000",
				"--signet.notifications.journal.dir=" + journal);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("CLOUDINARY_URL", TestAccounts.cloudinaryUrl(""));
		builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
		builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
		Process process = builder.start();
		PORTS.put(process, port);
		if (!forwardUrl.isEmpty()) {
			waitReady(process, port);
		}
		return process;
	}

	private static String closedUrl() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
		}
	}

}
