package dev.signet.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.signet.support.Eventually;
import dev.signet.support.KeepAliveClient;
import dev.signet.support.TestAccounts;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector pause that starts every graceful shutdown, repeated many times under
 * keep-alive load whose requests arrive in two parts: each pause can fall while Tomcat is
 * half-way through reading a request. Every answer is 200 or a 503 problem with
 * {@code Retry-After} (the connection may also be closed), never a 4xx or 505 for a
 * request that was valid. Pausing and resuming the connector in one JVM hits that race
 * hundreds of times in seconds, where a SIGTERM per process hits it once
 * ({@code GracefulShutdownTests}).
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "logging.level.signet.audit=OFF" })
class PausedConnectorIntegrationTests {

	private static final int PAUSES = 400;

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void requestsHalfReadWhenTheConnectorPausesAreRefusedWith503NeverAnswered4xx() throws Exception {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		Connector connector = server.getTomcat().getConnector();
		KeepAliveClient client = new KeepAliveClient(server.getPort(), 16);
		List<KeepAliveClient.Answer> answers;
		try {
			assertThat(Eventually.within(Duration.ofSeconds(30), () -> client.answers().size() >= 100)).isTrue();
			for (int i = 0; i < PAUSES; i++) {
				connector.pause();
				Thread.sleep(1);
				connector.resume();
				Thread.sleep(4);
			}
		}
		finally {
			connector.resume();
			answers = client.stop();
		}
		long answered = 0;
		long refused = 0;
		List<String> wrong = new ArrayList<>();
		for (KeepAliveClient.Answer answer : answers) {
			if (answer.status() == 200) {
				answered++;
			}
			else if (answer.status() == 503 && answer.contentType().startsWith("application/problem+json")
					&& !answer.retryAfter().isEmpty()) {
				refused++;
			}
			else {
				wrong.add(answer.status() + " " + answer.contentType() + " "
						+ answer.body().substring(0, Math.min(160, answer.body().length())));
			}
		}
		System.out.println("PausedConnectorIntegrationTests " + PAUSES + " pauses: " + answered + " answered, "
				+ refused + " refused with 503, " + wrong.size() + " wrong " + wrong);
		assertThat(answered).isPositive();
		assertThat(wrong).isEmpty();
	}

}
