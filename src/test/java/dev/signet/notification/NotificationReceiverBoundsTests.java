package dev.signet.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unauthenticated receiver cannot be used to fill the heap (issue 12, finding 2): it
 * checks the headers before it reads a body, refuses declared bodies over its cap before
 * reading them, reads a bounded number of bodies at once and cuts off bodies that trickle
 * in. Raw sockets, so that a test can stall a body half-way.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://123456789012345:CANARYb0undsSecret@demo",
				"SIGNET_API_KEYS=backend:backend-key-0123456789abcdef", "signet.notifications.max-concurrent-bodies=2",
				"signet.notifications.max-bodies-per-address=2", "signet.notifications.body-read-timeout=1s" })
class NotificationReceiverBoundsTests {

	private static final ApiSecret SECRET = ApiSecret.of("CANARYb0undsSecret");

	private static final Duration PROMPT = Duration.ofSeconds(20);

	private static FlakyReceiver receiver;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@DynamicPropertySource
	static void forwardUrl(DynamicPropertyRegistry registry) throws IOException {
		receiver = new FlakyReceiver(0);
		registry.add("signet.notifications.forward.url", receiver::url);
		registry.add("signet.notifications.forward.signing-key", () -> "forward-signing-key-0123456789abcdef-test");
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@Test
	void headersAreCheckedBeforeTheBodyIsRead() throws IOException {
		String now = now();
		// Each request declares a body it never sends: only an answer from the headers
		// alone arrives in time.
		assertThat(statusWithoutBody("/v1/notifications/cloudinary", null, now, 200_000)).isEqualTo(400);
		assertThat(statusWithoutBody("/v1/notifications/cloudinary", "a".repeat(40), "17e9", 200_000)).isEqualTo(400);
		assertThat(statusWithoutBody("/v1/notifications/cloudinary", "a".repeat(40), now + "123", 200_000))
			.isEqualTo(400);
		assertThat(statusWithoutBody("/v1/notifications/cloudinary", "a".repeat(40), "1700000000", 200_000))
			.isEqualTo(401);
		assertThat(statusWithoutBody("/v1/notifications/cloudinary/nope", "a".repeat(40), now, 200_000)).isEqualTo(404);
	}

	@Test
	void declaredBodiesOverTheCapAreRefusedBeforeTheyAreRead() throws IOException {
		assertThat(statusWithoutBody("/v1/notifications/cloudinary", "a".repeat(40), now(), 256 * 1024 + 1))
			.isEqualTo(413);
	}

	@Test
	void atMostTheConfiguredNumberOfBodiesAreReadAtOnce() throws IOException {
		List<Socket> stalled = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				Socket socket = connect();
				send(socket, head("/v1/notifications/cloudinary", "a".repeat(40), now(), 10_000) + "{\"stall\":");
				stalled.add(socket);
			}
			assertThat(Eventually.within(PROMPT, () -> reading() == 2)).isTrue();
			List<String> answers = new ArrayList<>();
			boolean refused = Eventually.within(PROMPT, () -> {
				String answer = exchange("{\"n\":" + answers.size() + "}");
				answers.add(answer);
				return answer.startsWith("HTTP/1.1 503");
			});
			assertThat(refused).as("answers: %s", answers).isTrue();
			String answer = answers.get(answers.size() - 1).toLowerCase(Locale.ROOT);
			assertThat(answer).contains("retry-after: 5").contains("application/problem+json");
		}
		finally {
			for (Socket socket : stalled) {
				socket.close();
			}
		}
		// The stalled readers give their permits back once their connections end.
		assertThat(Eventually.within(PROMPT, () -> exchange("{\"after\":1}").startsWith("HTTP/1.1 200"))).isTrue();
	}

	@Test
	void aBodyThatTricklesInIsCutOffAtTheReadDeadline() throws Exception {
		try (Socket socket = connect()) {
			send(socket, head("/v1/notifications/cloudinary", "a".repeat(40), now(), 1000));
			Thread trickle = new Thread(() -> {
				try {
					OutputStream out = socket.getOutputStream();
					for (int i = 0; i < 1000; i++) {
						out.write('{');
						out.flush();
						Thread.sleep(100);
					}
				}
				catch (IOException | InterruptedException ex) {
					// The server answered and closed the connection.
				}
			});
			trickle.setDaemon(true);
			trickle.start();
			String answer = readAnswer(socket);
			assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
			trickle.interrupt();
		}
	}

	private int statusWithoutBody(String path, String signature, String timestamp, int contentLength)
			throws IOException {
		try (Socket socket = connect()) {
			send(socket, head(path, signature, timestamp, contentLength));
			String answer = readAnswer(socket);
			assertThat(answer).as(path + " " + timestamp).startsWith("HTTP/1.1 ").contains("application/problem+json");
			return Integer.parseInt(answer.substring(9, 12));
		}
	}

	/**
	 * Sends a signed notification: the head first, then the body unless an answer came
	 * from the head alone (a refusal before reading, which closes the connection: sending
	 * the body anyway would make the client's stack reset it before the answer is read).
	 */
	private String exchange(String body) {
		String timestamp = now();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		String signature = NotificationSignature.compute(bytes, timestamp, SECRET, SignatureAlgorithm.SHA1);
		try (Socket socket = connect()) {
			send(socket, head("/v1/notifications/cloudinary", signature, timestamp, bytes.length));
			socket.setSoTimeout(300);
			int first;
			try {
				first = socket.getInputStream().read();
			}
			catch (SocketTimeoutException ex) {
				socket.setSoTimeout((int) PROMPT.toMillis());
				send(socket, body);
				return readAnswer(socket);
			}
			socket.setSoTimeout((int) PROMPT.toMillis());
			return (first < 0) ? "closed" : (char) first + readAnswer(socket);
		}
		catch (IOException ex) {
			return "no answer: " + ex;
		}
	}

	private double reading() {
		return this.meters.get("signet.notifications.bodies.reading").gauge().value();
	}

	private String head(String path, String signature, String timestamp, int contentLength) {
		StringBuilder head = new StringBuilder();
		head.append("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(this.port).append("\r\n");
		head.append("Content-Type: application/json\r\nConnection: close\r\n");
		if (signature != null) {
			head.append("X-Cld-Signature: ").append(signature).append("\r\n");
		}
		head.append("X-Cld-Timestamp: ").append(timestamp).append("\r\n");
		head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
		return head.toString();
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("127.0.0.1", this.port);
		socket.setSoTimeout((int) PROMPT.toMillis());
		return socket;
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
		socket.getOutputStream().flush();
	}

	/**
	 * Reads the status line and headers (and what follows of the body) until the server
	 * closes or pauses; a socket timeout before any byte means no answer came in time.
	 */
	private static String readAnswer(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			int n;
			while ((n = in.read(buffer)) != -1) {
				out.write(buffer, 0, n);
				if (out.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
					socket.setSoTimeout(500);
				}
			}
		}
		catch (SocketTimeoutException ex) {
			if (out.size() == 0) {
				throw ex;
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static String now() {
		return Long.toString(Instant.now().getEpochSecond());
	}

}
