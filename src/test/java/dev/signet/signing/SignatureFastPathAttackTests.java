package dev.signet.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker's tests of {@link SignatureFastPath}: requests the fast path serves whose
 * answer differs from the one MVC gives the same request (sent through MVC with a quality
 * value in {@code Accept}).
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=" + "cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.signing.widget-timestamp-tolerance=1h",
				"signet.rate-limit.enabled=true", "signet.rate-limit.caller.capacity=100000",
				"signet.rate-limit.caller.quota=0" })
class SignatureFastPathAttackTests {

	private static final String SIGN = SignatureFastPath.STAMPED;

	private static final String WIDGET = SignatureFastPath.WIDGET;

	private static final String BODY = "{\"params\": {\"folder\": \"avatars\"}}";

	@LocalServerPort
	private int port;

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void aBodyCutShortByTheClientIsAnsweredAsMvcAnswersIt() throws IOException {
		String fast = truncated(null);
		String mvc = truncated("application/json;q=1");
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void anInvalidCharsetIsAnsweredAsMvcAnswersIt() {
		Response fast = send(SIGN, "application/json;charset=no-such-charset", null);
		Response mvc = send(SIGN, "application/json;charset=no-such-charset", "application/json;q=1");
		assertThat(fast.status()).isEqualTo(mvc.status());
	}

	@Test
	void aMalformedContentTypeParameterIsAnsweredAsMvcAnswersIt() {
		Response fast = send(SIGN, "application/json;=", null);
		Response mvc = send(SIGN, "application/json;=", "application/json;q=1");
		assertThat(fast.status()).isEqualTo(mvc.status());
	}

	@Test
	void aUtf8CharsetIsSignedOnBothPaths() {
		for (String type : new String[] { "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"" }) {
			assertThat(send(SIGN, type, null).status()).as(type).isEqualTo(200);
			assertThat(send(SIGN, type, "application/json;q=1").status()).as(type).isEqualTo(200);
		}
	}

	@Test
	void aWildcardTypeWithAConcreteSubtypeIsAnsweredAsMvcAnswersIt() {
		Response fast = send(SIGN, "application/json", "application/json, */json");
		Response mvc = send(SIGN, "application/json", "application/json;q=1, */json");
		assertThat(fast.status()).isEqualTo(mvc.status());
	}

	@Test
	void aMalformedAcceptIsAnsweredAsMvcAnswersIt() {
		Response fast = send(SIGN, "application/json", "*/*, not a type");
		Response mvc = send(SIGN, "application/json", "*/*;q=1, not a type");
		assertThat(fast.status()).isEqualTo(mvc.status());
	}

	@Test
	void aMalformedProfileParameterIsAnsweredAsMvcAnswersIt() throws IOException {
		String body = "{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000) + "}}";
		for (String query : new String[] { "?profile=%zz", "?profile=", "?profile=%00", "?%zz=1&profile=avatars",
				"?profile=%E2%82" }) {
			String fast = post(WIDGET + query, null, body);
			String mvc = post(WIDGET + query, "application/json;q=1", body);
			assertThat(statusLine(fast)).as(query).isEqualTo(statusLine(mvc)).contains(" 400 ");
			assertThat(fast).as(query).contains("application/problem+json");
		}
	}

	@Test
	void repeatedAcceptHeadersAreAnsweredAsMvcAnswersThem() throws IOException {
		String fast = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json\r\nAccept: text/html\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		String mvc = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json;q=1\r\nAccept: text/html\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void aPostWithoutLengthIsAnsweredAsMvcAnswersIt() throws IOException {
		String fast = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Api-Key: "
				+ TestAccounts.CLIENT_KEY + "\r\nConnection: close\r\n\r\n", false);
		String mvc = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json;q=1\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nConnection: close\r\n\r\n", false);
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void aStalledBodyIsAnsweredAsMvcAnswersIt() throws IOException {
		String head = "POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Api-Key: "
				+ TestAccounts.CLIENT_KEY + "\r\nContent-Length: 200\r\nConnection: close\r\n";
		String fast = raw(head + "\r\n{\"params\": {", false);
		String mvc = raw(head + "Accept: application/json;q=1\r\n\r\n{\"params\": {", false);
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void aRepeatedInvalidAcceptIsAnsweredAsMvcAnswersIt() throws IOException {
		String fast = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json\r\nAccept: bogus\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		String mvc = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json;q=1\r\nAccept: bogus\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void aRefusalCarriesTheHeadersMvcGivesIt() throws IOException {
		String body = "{\"params\": {\"eval\": \"x\"}}";
		String fast = post(SIGN, null, body);
		String mvc = post(SIGN, "application/json;q=1", body);
		assertThat(headerNames(fast)).isEqualTo(headerNames(mvc));
	}

	private static java.util.Set<String> headerNames(String answer) {
		java.util.Set<String> names = new java.util.TreeSet<>();
		String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				names.add(line.substring(0, colon).toLowerCase(java.util.Locale.ROOT) + ": "
						+ ((line.startsWith("X-Request-Id") || line.startsWith("Date")) ? ""
								: line.substring(colon + 1).trim().replaceAll("r=\\d+", "r")));
			}
		}
		// Framing may differ: the fast path sends Content-Length, MVC's problems go out
		// chunked.
		names.removeIf((n) -> n.startsWith("content-length") || n.startsWith("transfer-encoding"));
		return names;
	}

	private String post(String target, String accept, String body) throws IOException {
		return raw("POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ ((accept != null) ? "Accept: " + accept + "\r\n" : "") + "X-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body, false);
	}

	@Test
	void repeatedContentTypesAreAnsweredAsMvcAnswersThem() throws IOException {
		String fast = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Content-Type: text/plain\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\nContent-Length: "
				+ BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		String mvc = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Content-Type: text/plain\r\nAccept: application/json;q=1\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: " + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		assertThat(statusLine(fast)).isEqualTo(statusLine(mvc));
	}

	@Test
	void expectContinueIsAnsweredAsMvcAnswersIt() throws IOException {
		String fast = raw("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ "Expect: 100-continue\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\nContent-Length: "
				+ BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY, false);
		assertThat(fast).contains(" 200 ");
	}

	private String truncated(String accept) throws IOException {
		String head = "POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
				+ ((accept != null) ? "Accept: " + accept + "\r\n" : "") + "X-Api-Key: " + TestAccounts.CLIENT_KEY
				+ "\r\nContent-Length: 200\r\nConnection: close\r\n\r\n{\"params\": {";
		return raw(head, true);
	}

	private String raw(String request, boolean halfClose) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(15000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			if (halfClose) {
				socket.shutdownOutput();
			}
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			try {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					answer.write(buffer, 0, n);
				}
			}
			catch (SocketTimeoutException | java.net.SocketException ex) {
				answer.write(("<" + ex + ">").getBytes(StandardCharsets.ISO_8859_1));
			}
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private static String statusLine(String answer) {
		int end = answer.indexOf("\r\n");
		return (end < 0) ? answer : answer.substring(0, end);
	}

	private Response send(String path, String contentType, String accept) {
		return sendBody(path, contentType, accept, BODY);
	}

	private Response sendBody(String path, String contentType, String accept, String body) {
		if (accept == null) {
			return this.http.send("POST", path, body, "Content-Type", contentType, "X-Api-Key",
					TestAccounts.CLIENT_KEY);
		}
		return this.http.send("POST", path, body, "Content-Type", contentType, "X-Api-Key", TestAccounts.CLIENT_KEY,
				"Accept", accept);
	}

}
