package dev.signet.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that sends a request slowly (a byte every half second, each well within
 * Tomcat's per-read timeout) is cut off at {@code signet.http.read-timeout}, counted from
 * the request's first byte, whether it dawdles over the headers or the body.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.http.read-timeout=2s" })
class ReadDeadlineIntegrationTests {

	/** Deadline plus the watchdog's round and scheduling slack on a loaded machine. */
	private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(5);

	/** How long the slow client keeps sending if it is never cut off. */
	private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(12);

	@LocalServerPort
	private int port;

	@Test
	void slowHeadersAreCutOffAtTheReadDeadline() throws Exception {
		Outcome outcome = sendSlowly("POST /v1/signatures HTTP/1.1\r\nHost: 127.0.0.1\r\n",
				"X-Slow: " + "a".repeat(100) + "\r\n");
		assertThat(outcome.closed()).as("the connection was closed").isTrue();
		assertThat(outcome.after()).isLessThan(CUT_OFF_WITHIN);
		assertThat(outcome.response()).doesNotStartWith("HTTP/1.1 5");
	}

	@Test
	void slowBodyIsCutOffAtTheReadDeadline() throws Exception {
		Outcome outcome = sendSlowly(
				"POST /v1/signatures HTTP/1.1\r\nHost: 127.0.0.1\r\n" + "Content-Type: application/json\r\nX-Api-Key: "
						+ TestAccounts.CLIENT_KEY + "\r\nContent-Length: 200\r\n\r\n{\"params\": {\"folder\": \"",
				"a".repeat(200));
		assertThat(outcome.closed()).as("the connection was closed").isTrue();
		assertThat(outcome.after()).isLessThan(CUT_OFF_WITHIN);
		assertThat(outcome.response()).doesNotStartWith("HTTP/1.1 5");
	}

	/**
	 * Sends the start at once, then the rest a byte every 500 ms, until the server closes
	 * the connection or {@link #GIVE_UP_AFTER}.
	 */
	private Outcome sendSlowly(String start, String rest) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			long started = System.nanoTime();
			out.write(start.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			int next = 0;
			while (System.nanoTime() - started < GIVE_UP_AFTER.toNanos()) {
				try {
					if (next < rest.length()) {
						out.write(rest.charAt(next++));
						out.flush();
					}
					int b = in.read();
					if (b < 0) {
						return new Outcome(true, Duration.ofNanos(System.nanoTime() - started),
								response.toString(StandardCharsets.UTF_8));
					}
					response.write(b);
					response.write(in.readNBytes(in.available()));
				}
				catch (SocketTimeoutException ex) {
					// Nothing yet: send the next byte.
				}
				catch (IOException ex) {
					return new Outcome(true, Duration.ofNanos(System.nanoTime() - started),
							response.toString(StandardCharsets.UTF_8));
				}
			}
			return new Outcome(false, GIVE_UP_AFTER, response.toString(StandardCharsets.UTF_8));
		}
	}

	private record Outcome(boolean closed, Duration after, String response) {

	}

}
