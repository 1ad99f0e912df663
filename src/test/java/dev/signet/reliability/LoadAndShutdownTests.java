package dev.signet.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.LoadClient;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for Signet under sustained load and under SIGTERM in the middle of a load run,
 * against Signet started as a separate process on 127.0.0.1: a fixed-rate run well under
 * capacity answers every request with 200; on SIGTERM the request in flight completes, no
 * response is a 5xx, new connections are refused and the process exits within its grace
 * period. The thread dump of the loaded process ({@code jcmd Thread.print}) never shows
 * the secret.
 *
 * @author Signet developers
 */
class LoadAndShutdownTests {

	/** Requests per second of the sustained run (SIGNET_LOAD_RATE overrides). */
	private static final int RATE = Integer.parseInt(System.getenv().getOrDefault("SIGNET_LOAD_RATE", "100"));

	/** Seconds of the sustained run (SIGNET_LOAD_SECONDS overrides). */
	private static final int SECONDS = Integer.parseInt(System.getenv().getOrDefault("SIGNET_LOAD_SECONDS", "30"));

	/** spring.lifecycle.timeout-per-shutdown-phase in application.properties. */
	private static final Duration GRACE = Duration.ofSeconds(20);

	@Test
	void sustainedLoadHasNoErrorsAndSigtermDrainsWithout5xx() throws Exception {
		int port = freePort();
		Path log = Files.createTempFile("signet-load", ".log");
		Process signet = start(port, log);
		LoadClient load = new LoadClient(port);
		try {
			Http http = new Http(port);
			assertThat(Eventually.within(Duration.ofSeconds(60), () -> ready(http)))
				.as("Signet did not become ready: %s", read(log))
				.isTrue();
			// Sustained run at a fixed rate well under capacity.
			LoadClient.Result sustained = load.run(RATE, Duration.ofSeconds(SECONDS));
			System.out.println("LoadAndShutdownTests sustained " + RATE + " req/s for " + SECONDS + " s: " + sustained);
			assertThat(sustained.sent()).isGreaterThanOrEqualTo((long) (RATE * SECONDS * 0.9));
			assertThat(sustained.count(200, 200)).isEqualTo(sustained.sent());
			assertThat(sustained.connectionFailures()).isZero();
			assertThat(sustained.dropped()).isZero();
			// The thread dump of the loaded process does not show the secret.
			String dump = threadDump(signet.pid());
			assertThat(dump).contains("Thread").doesNotContain(TestAccounts.CANARY_SECRET);
			// SIGTERM in the middle of a load run, with one request half sent.
			try (Socket inFlight = new Socket("127.0.0.1", port)) {
				inFlight.setSoTimeout(30_000);
				String body = "{\"params\": {\"folder\": \"in-flight\"}}";
				OutputStream out = inFlight.getOutputStream();
				out.write(("POST /v1/signatures HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
						+ "X-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\nContent-Length: " + body.length() + "\r\n\r\n"
						+ body.substring(0, 10))
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				CompletableFuture<LoadClient.Result> during = CompletableFuture
					.supplyAsync(() -> load.run(RATE, Duration.ofSeconds(6)));
				Thread.sleep(2000);
				long terminatedAt = System.nanoTime();
				signet.destroy(); // SIGTERM
				Thread.sleep(1000);
				out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String response = readResponse(inFlight.getInputStream());
				assertThat(response).as("the request in flight at SIGTERM completes").startsWith("HTTP/1.1 200");
				assertThat(response).containsPattern("\"signature\":\"[0-9a-f]{40}\"");
				assertThat(signet.waitFor(GRACE.toSeconds() + 10, TimeUnit.SECONDS)).as(read(log)).isTrue();
				Duration exitedAfter = Duration.ofNanos(System.nanoTime() - terminatedAt);
				LoadClient.Result drain = during.get(60, TimeUnit.SECONDS);
				System.out.println("LoadAndShutdownTests SIGTERM during " + RATE + " req/s: " + drain
						+ ", exited after " + exitedAfter.toMillis() + " ms with code " + signet.exitValue());
				assertThat(exitedAfter).isLessThan(GRACE);
				assertThat(drain.count(500, 599)).as("5xx responses").isZero();
				assertThat(drain.count(200, 200)).as("answered before SIGTERM").isPositive();
				assertThat(drain.statuses().keySet()).containsOnly(200);
				assertThatExceptionOfType(ConnectException.class).as("new connections are refused")
					.isThrownBy(() -> new Socket("127.0.0.1", port).close());
				assertThat(read(log)).doesNotContain(TestAccounts.CANARY_SECRET).doesNotContain(" ERROR ");
			}
		}
		finally {
			load.close();
			signet.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	private static Process start(int port, Path log) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-cp", System.getProperty("java.class.path"), SignetApplication.class.getName(),
				"--server.port=" + port, "--server.address=127.0.0.1");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("CLOUDINARY_URL", TestAccounts.cloudinaryUrl(""));
		builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
		builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
		return builder.start();
	}

	private static boolean ready(Http http) {
		try {
			return http.send("GET", "/readyz", null).status() == 200;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private static String threadDump(long pid) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
			.redirectErrorStream(true)
			.start();
		String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return dump;
	}

	private static String readResponse(InputStream in) throws IOException {
		byte[] buffer = new byte[8192];
		StringBuilder response = new StringBuilder();
		int read;
		while ((read = in.read(buffer)) > 0) {
			response.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
			if (response.indexOf("\r\n\r\n") > 0 && response.indexOf("}") > 0) {
				break;
			}
		}
		return response.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
