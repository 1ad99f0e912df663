package dev.signet.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import dev.signet.refusal.Reason;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the servlet container refuses before Spring MVC sees them (a malformed request
 * line, an over-long header, an invalid URI character) are answered with
 * {@code application/problem+json} and a stable type, never Tomcat's HTML page.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
				+ TestAccounts.CLOUD_NAME, "SIGNET_API_KEYS=" + TestAccounts.API_KEYS })
class ConnectorProblemsIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void malformedRequestLineGetsProblemJson() throws IOException {
		assertBadRequestProblem(send("GE\u0001T /v1/signatures HTTP/1.1\r\nHost: localhost\r\n\r\n"));
	}

	@Test
	void overlongHeaderGetsProblemJson() throws IOException {
		assertBadRequestProblem(send("GET /livez HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "a".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n"));
	}

	@Test
	void invalidUriCharacterGetsProblemJson() throws IOException {
		assertBadRequestProblem(send("GET /v1/{signatures} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
	}

	@Test
	void unsupportedTransferCodingOrHttpVersionIsTheClientsProblemNotAnInternalError() throws IOException {
		String gzip = send("POST /v1/signatures HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n"
				+ "Content-Type: application/json\r\n\r\n");
		String http2 = send("GET /livez HTTP/2.0\r\nHost: localhost\r\n\r\n");
		for (String response : new String[] { gzip, http2 }) {
			assertThat(response).startsWith("HTTP/1.1 50")
				.contains("\"type\":\"" + Reason.BAD_REQUEST.uri() + "\"")
				.doesNotContain(Reason.INTERNAL_ERROR.uri().toString())
				.doesNotContain("Retry later");
		}
	}

	private static void assertBadRequestProblem(String response) {
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"type\":\"" + Reason.BAD_REQUEST.uri() + "\"")
			.contains("\"status\":400")
			.contains("\"detail\":\"")
			.doesNotContain("<html")
			.doesNotContainIgnoringCase("tomcat");
	}

	private String send(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
					response.write(buffer, 0, n);
					if (response.toString(StandardCharsets.UTF_8).contains("}")) {
						break;
					}
				}
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				// Whatever was read is the answer.
			}
			return response.toString(StandardCharsets.UTF_8);
		}
	}

}
