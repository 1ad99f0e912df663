package dev.signet.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.KeepAliveClient;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM under keep-alive load, repeated with a fresh Signet process each round: a
 * request that arrives while Signet stops is finished (200) or refused before it is read
 * (the connection is closed, or a 503 problem with {@code Retry-After}), never answered
 * with a 4xx or an HTML page. The next round's process starts while the current one is
 * loaded, so the rounds take about one startup each.
 *
 * @author Signet developers
 */
class GracefulShutdownTests {

	/** Rounds, each one process and one SIGTERM (SIGNET_SHUTDOWN_RUNS overrides). */
	private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("SIGNET_SHUTDOWN_RUNS", "20"));

	/** Parallel keep-alive connections, like {@code wrk -c16}. */
	private static final int CONNECTIONS = 16;

	/** Answers read before the SIGTERM of a round. */
	private static final int ANSWERS_BEFORE_SIGTERM = 200;

	@Test
	void sigtermUnderKeepAliveLoadFinishesOrRefusesEveryRequestNeverAnswers4xx() throws Exception {
		List<String> wrong = new ArrayList<>();
		long answered = 0;
		long refused = 0;
		Signet next = Signet.start();
		try {
			for (int run = 0; run < RUNS; run++) {
				Signet signet = next;
				try {
					assertThat(Eventually.within(Duration.ofSeconds(90), signet::ready))
						.as("Signet did not become ready: %s", signet.log())
						.isTrue();
					next = (run + 1 < RUNS) ? Signet.start() : null;
					KeepAliveClient client = new KeepAliveClient(signet.port, CONNECTIONS);
					List<KeepAliveClient.Answer> answers;
					try {
						assertThat(Eventually.within(Duration.ofSeconds(30),
								() -> client.answers().size() >= ANSWERS_BEFORE_SIGTERM))
							.as("run %d: load did not get going", run)
							.isTrue();
						signet.process.destroy(); // SIGTERM
						assertThat(signet.process.waitFor(40, TimeUnit.SECONDS)).as(signet.log()).isTrue();
					}
					finally {
						answers = client.stop();
					}
					assertThat(signet.log()).as("run %d", run).doesNotContain(" ERROR ");
					for (KeepAliveClient.Answer answer : answers) {
						if (answer.status() == 200) {
							answered++;
						}
						else if (answer.status() == 503 && answer.contentType().startsWith("application/problem+json")
								&& !answer.retryAfter().isEmpty()) {
							refused++;
						}
						else {
							wrong.add("run " + run + ": " + answer.status() + " " + answer.contentType() + " "
									+ answer.body().substring(0, Math.min(160, answer.body().length())));
						}
					}
				}
				finally {
					signet.close();
				}
			}
		}
		finally {
			if (next != null) {
				next.close();
			}
		}
		System.out.println("GracefulShutdownTests " + RUNS + " SIGTERMs: " + answered + " answered, " + refused
				+ " refused with 503, " + wrong.size() + " wrong " + wrong);
		assertThat(answered).isPositive();
		assertThat(wrong).isEmpty();
	}

	/**
	 * A Signet process on a free port of 127.0.0.1, started with a small heap and the C1
	 * compiler only (it starts faster on a busy machine).
	 */
	private static final class Signet implements AutoCloseable {

		private final int port;

		private final Path log;

		private final Process process;

		private final Http http;

		private Signet(int port, Path log, Process process) {
			this.port = port;
			this.log = log;
			this.process = process;
			this.http = new Http(port);
		}

		static Signet start() throws IOException {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path log = Files.createTempFile("signet-shutdown", ".log");
			List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
					System.getProperty("java.class.path"), SignetApplication.class.getName(), "--server.port=" + port,
					"--server.address=127.0.0.1", "--logging.level.signet.audit=OFF");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
			builder.environment().put("CLOUDINARY_URL", TestAccounts.cloudinaryUrl(""));
			builder.environment().put("SIGNET_API_KEYS", TestAccounts.API_KEYS);
			builder.environment().put("SIGNET_CONFIG_TREE", "/nonexistent/");
			return new Signet(port, log, builder.start());
		}

		boolean ready() {
			try {
				return this.process.isAlive() && this.http.send("GET", "/readyz", null).status() == 200;
			}
			catch (IllegalStateException ex) {
				return false;
			}
		}

		String log() {
			try {
				return Files.readString(this.log);
			}
			catch (IOException ex) {
				return "";
			}
		}

		@Override
		public void close() throws IOException {
			this.process.destroyForcibly();
			Files.deleteIfExists(this.log);
		}

	}

}
