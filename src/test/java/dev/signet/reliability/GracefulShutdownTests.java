package dev.signet.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.signet.SignetApplication;
import dev.signet.support.Eventually;
import dev.signet.support.KeepAliveClient;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown under keep-alive load, repeated: a request that arrives while Signet
 * stops is finished (200) or refused before it is read (the connection is closed, or a
 * 503 problem with {@code Retry-After}), never answered with a 4xx or an HTML page.
 * Stopping the context runs the same graceful shutdown as the SIGTERM shutdown hook
 * (pause the connector, wait for busy servlets, stop the connector) and can be repeated
 * in one JVM within seconds; a full restart per run takes 10 to 15 s on 2 shared cores.
 *
 * @author Signet developers
 */
class GracefulShutdownTests {

	/** Shutdowns under load (SIGNET_SHUTDOWN_RUNS overrides). */
	private static final int RUNS = Integer.parseInt(System.getenv().getOrDefault("SIGNET_SHUTDOWN_RUNS", "20"));

	@Test
	@Disabled("Issue 12 finding 19 is not fixed: about 1 run in 20 still answers a valid request with a "
			+ "connector-level 400 (now problem+json) while the connector stops")
	void requestsArrivingDuringShutdownAreFinishedOrRefusedNeverAnswered4xx() {
		List<String> wrong = new ArrayList<>();
		long answered = 0;
		long refused = 0;
		try (ConfigurableApplicationContext context = start()) {
			for (int run = 0; run < RUNS; run++) {
				if (run > 0) {
					context.start();
				}
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				KeepAliveClient client = new KeepAliveClient(port, 16);
				Eventually.within(Duration.ofSeconds(10), () -> client.answers().size() >= 100);
				long stopping = System.nanoTime();
				context.stop();
				List<KeepAliveClient.Answer> answers = client.stop();
				System.out.println("GracefulShutdownTests run " + run + ": stopped in "
						+ (System.nanoTime() - stopping) / 1_000_000 + " ms");
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
								+ answer.body().substring(0, Math.min(120, answer.body().length())));
					}
				}
			}
		}
		System.out.println("GracefulShutdownTests " + RUNS + " shutdowns: " + answered + " answered, " + refused
				+ " refused with 503, " + wrong.size() + " wrong");
		assertThat(wrong).isEmpty();
	}

	private static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(SignetApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--CLOUDINARY_URL=" + TestAccounts.cloudinaryUrl(""), "--SIGNET_API_KEYS=" + TestAccounts.API_KEYS,
				"--logging.level.root=WARN", "--logging.level.signet.audit=OFF", "--logging.level.org.apache=INFO");
	}

}
