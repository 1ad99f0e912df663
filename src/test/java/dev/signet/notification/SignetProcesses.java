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
import java.util.concurrent.ConcurrentHashMap;

import dev.signet.SignetApplication;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import dev.signet.support.SimpleHttp;
import dev.signet.support.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Signet processes for the {@code kill -9} tests: started on a free port with a
 * forward URL and a journal, made ready, and fed signed upload notifications.
 *
 * @author Signet developers
 */
final class SignetProcesses {

	private static final Map<Process, Integer> PORTS = new ConcurrentHashMap<>();

	private SignetProcesses() {
	}

	/**
	 * Starts a Signet process that forwards to a URL from a journal directory.
	 * @param journal the journal directory (its parent holds the process's log)
	 * @param forwardUrl the internal URL
	 * @param extra more command-line settings
	 * @return the process
	 * @throws IOException when it cannot be started
	 */
	static Process start(Path journal, String forwardUrl, String... extra) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Files.createDirectories(journal);
		Path log = Files.createTempFile(journal.getParent(), "signet-kill", ".log");
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m",
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
				SignetApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1",
				"--logging.level.signet.audit=OFF", "--signet.notifications.forward.url=" + forwardUrl,
				"--signet.notifications.forward.signing-key=forward-signing-key-0123456789abcdef-kill",
				"--signet.notifications.forward.initial-backoff=50ms",
				"--signet.notifications.forward.max-backoff=200ms", "--signet.notifications.forward.max-attempts=1000",
				"--signet.notifications.journal.dir=" + journal));
		command.addAll(List.of(extra));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("CLOUDINARY_URL", TestAccounts.cloudinaryUrl(""));
		builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
		builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
		Process process = builder.start();
		PORTS.put(process, port);
		return process;
	}

	/**
	 * Waits until a process answers {@code /readyz} with 200.
	 * @param process the process
	 * @return a client of it
	 */
	static SimpleHttp waitReady(Process process) {
		SimpleHttp http = new SimpleHttp(PORTS.get(process));
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

	/**
	 * Posts signed upload notifications to the receiver, each answered 200.
	 * @param http the process
	 * @param publicIdPrefix the notifications' public ids, numbered after it
	 * @param count how many
	 * @return the receiver's event ids
	 */
	static List<String> acceptSigned(SimpleHttp http, String publicIdPrefix, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			byte[] body = ("{\"notification_type\":\"upload\",\"public_id\":\"" + publicIdPrefix + i + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			String timestamp = Long.toString(Instant.now().getEpochSecond());
			String signature = NotificationSignature.compute(body, timestamp, ApiSecret.of(TestAccounts.CANARY_SECRET),
					SignatureAlgorithm.SHA1);
			SimpleHttp.Response response = http.post("/v1/notifications/cloudinary", Map.of("Content-Type",
					"application/json", "X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp), body);
			assertThat(response.status()).isEqualTo(200);
			ids.add(response.json().get("id").stringValue());
		}
		return ids;
	}

}
