package dev.signet.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.TestAccounts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SignatureFastPath}: which requests it serves, and that they are
 * answered exactly as MVC's mapping of {@link SignatureController} answers them, over
 * real HTTP on a random port, with an attacker's cases (malformed media types, repeated
 * headers, bodies cut short or stalled, undecodable query strings). A request with a
 * quality value in {@code Accept} is the simplest way to send the same request through
 * MVC.
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
class SignatureFastPathIntegrationTests {

	private static final String SIGN = SignatureFastPath.STAMPED;

	private static final String WIDGET = SignatureFastPath.WIDGET;

	private static final String THROUGH_MVC = "application/json;q=1";

	private static final String MVC_ACCEPT = "Accept: " + THROUGH_MVC + "\r\n";

	private static final String SIMPLE = "{\"params\": {\"folder\": \"avatars\"}}";

	@LocalServerPort
	private int port;

	@Autowired
	private SignatureFastPath fastPath;

	@Autowired
	private MeterRegistry meters;

	private final HttpClient client = HttpClient.newHttpClient();

	private Http http;

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@Test
	void plainPostsOfJsonToEitherSigningPathTakeTheFastPath() {
		assertThat(handles(post(SIGN, "application/json", null))).isTrue();
		assertThat(handles(post(WIDGET, "application/json", null))).isTrue();
		assertThat(handles(post(SIGN, "Application/JSON; charset=UTF-8", null))).isTrue();
		assertThat(handles(post(SIGN, "application/json", "application/json, text/plain, */*"))).as("axios").isTrue();
		assertThat(handles(post(SIGN, "application/json", "*/*"))).as("fetch").isTrue();
		assertThat(handles(post(SIGN, "application/json", "application/*"))).isTrue();
		MockHttpServletRequest widget = post(WIDGET, "application/json", null);
		widget.addParameter("profile", "avatars");
		assertThat(handles(widget)).isTrue();
	}

	@Test
	void everyOtherRequestFallsThroughToMvc() {
		MockHttpServletRequest get = post(SIGN, "application/json", null);
		get.setMethod("GET");
		assertThat(handles(get)).isFalse();
		assertThat(handles(post(SIGN, "text/plain", null))).isFalse();
		assertThat(handles(post(SIGN, null, null))).isFalse();
		assertThat(handles(post(SIGN, "application/jsonx", null))).isFalse();
		assertThat(handles(post(SIGN, "application/json;charset=ISO-8859-1", null))).isFalse();
		assertThat(handles(post(SIGN, "application/json;=", null))).isFalse();
		assertThat(handles(post(SIGN, "application/json", "*/*, not a type"))).isFalse();
		assertThat(handles(post(SIGN, "application/json", "application/json, */json"))).isFalse();
		MockHttpServletRequest twoAccepts = post(SIGN, "application/json", "application/json");
		twoAccepts.addHeader("Accept", "bogus");
		assertThat(handles(twoAccepts)).isFalse();
		assertThat(handles(post(SIGN, "application/json", "text/html"))).isFalse();
		assertThat(handles(post(SIGN, "application/json", "application/problem+json"))).isFalse();
		assertThat(handles(post(SIGN, "application/json", "application/json;q=0"))).as("a quality value").isFalse();
		assertThat(handles(post(SIGN + "/", "application/json", null))).isFalse();
		assertThat(handles(post(SIGN + ";x=1", "application/json", null))).isFalse();
		assertThat(handles(post("/v1/%73ignatures", "application/json", null))).isFalse();
		assertThat(handles(post("/v1/uploads", "application/json", null))).isFalse();
		MockHttpServletRequest empty = post(SIGN, "application/json", null);
		empty.setContent(new byte[0]);
		assertThat(handles(empty)).as("Content-Length: 0").isFalse();
		MockHttpServletRequest twoProfiles = post(WIDGET, "application/json", null);
		twoProfiles.addParameter("profile", "a", "b");
		assertThat(handles(twoProfiles)).isFalse();
		MockHttpServletRequest underContextPath = post("/app" + SIGN, "application/json", null);
		underContextPath.setContextPath("/app");
		assertThat(handles(underContextPath)).isFalse();
	}

	@Test
	void aSignatureIsAnsweredAsMvcAnswersIt() {
		String body = "{\"params\": {\"folder\": \"avatars\", \"public_id\": \"alice\", \"tags\": [\"a\", \"b\"]}}";
		Response fast = sign(SIGN, body, null);
		Response mvc = sign(SIGN, body, THROUGH_MVC);
		assertThat(fast.status()).isEqualTo(mvc.status()).isEqualTo(200);
		assertSameHeaders(fast, mvc);
		assertThat(fast.header("Content-Length")).isEqualTo(Integer.toString(fast.body().length()));
		assertThat(stable(fast.json())).isEqualTo(stable(mvc.json()));
		assertThat(fast.json().propertyNames()).containsExactlyElementsOf(mvc.json().propertyNames());
	}

	@Test
	void aWidgetSignatureIsAnsweredAsMvcAnswersIt() {
		String body = "{\"paramsToSign\": {\"source\": \"uw\", \"timestamp\": " + (System.currentTimeMillis() / 1000)
				+ ", \"folder\": \"avatars\"}}";
		Response fast = sign(WIDGET, body, null);
		Response mvc = sign(WIDGET, body, THROUGH_MVC);
		assertThat(fast.status()).isEqualTo(mvc.status()).isEqualTo(200);
		assertSameHeaders(fast, mvc);
		assertThat(stable(fast.json())).isEqualTo(stable(mvc.json()));
		assertThat(fast.json().propertyNames()).containsExactlyElementsOf(mvc.json().propertyNames());
		Response unknownProfile = sign(WIDGET + "?profile=nope", body, null);
		assertThat(unknownProfile.status()).isBetween(400, 499);
		assertThat(problem(unknownProfile)).isEqualTo(problem(sign(WIDGET + "?profile=nope", body, THROUGH_MVC)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "[]", "{\"params\": 1}", "{\"params\": {}, \"extra\": 1}",
			"{\"params\": {\"eval\": \"x\", \"folder\": \"../x\"}}", "{\"params\": {\"timestamp\": 1}}",
			"{\"params\": {}, \"profile\": \"no-such-profile\"}" })
	void aRefusalIsAnsweredAsMvcAnswersIt(String body) {
		Response fast = sign(SIGN, body, null);
		Response mvc = sign(SIGN, body, THROUGH_MVC);
		assertThat(fast.status()).as(fast.body()).isEqualTo(mvc.status()).isBetween(400, 499);
		assertThat(fast.header("Content-Type")).isEqualTo(mvc.header("Content-Type"));
		assertThat(problem(fast)).isEqualTo(problem(mvc));
	}

	@Test
	void aChunkedBodyIsReadToItsEndAndRefusedPastTheLimit() {
		assertThat(chunked(SIGN, "{\"params\": {\"folder\": \"avatars\"}}").statusCode()).isEqualTo(200);
		HttpResponse<String> empty = chunked(SIGN, "");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.body()).contains("https://signet.dev/problems/malformed-json")
			.contains("The request body is missing or unreadable");
		HttpResponse<String> big = chunked(SIGN, "{\"params\": {\"context\": \"" + "x".repeat(40_000) + "\"}}");
		assertThat(big.statusCode()).isEqualTo(413);
		assertThat(big.body()).contains("https://signet.dev/problems/payload-too-large");
	}

	@Test
	void fastPathRequestsAreTimedUnderTheirEndpointPath() throws InterruptedException {
		double before = timed(SIGN);
		double widgetBefore = timed(WIDGET);
		sign(SIGN, "{\"params\": {}}", null);
		sign(WIDGET, "{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000) + "}}", null);
		assertThat(timedOnceMore(SIGN, before)).isEqualTo(before + 1);
		assertThat(timedOnceMore(WIDGET, widgetBefore)).isEqualTo(widgetBefore + 1);
	}

	/**
	 * The count once the observation of the request ends, which may be just after the
	 * client read the answer (the filter stops it when the chain returns).
	 */
	private double timedOnceMore(String uri, double before) throws InterruptedException {
		for (int i = 0; i < 100 && timed(uri) == before; i++) {
			Thread.sleep(50);
		}
		return timed(uri);
	}

	@Test
	void unauthenticatedPostsAreRefusedBeforeEitherEntrance() {
		Response response = this.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", "application/json");
		assertThat(response.status()).isEqualTo(401);
	}

	// An attacker's review: requests whose answer could differ between the two entrances.

	@Test
	void aBodyCutShortByTheClientIsAnsweredAsMvcAnswersIt() throws IOException {
		String length = "Content-Length: 200\r\n";
		assertThat(statusLine(raw(SIGN, length, "{\"params\": {", true)))
			.isEqualTo(statusLine(raw(SIGN, length + MVC_ACCEPT, "{\"params\": {", true)));
	}

	@Test
	void aStalledBodyIsAnsweredAsMvcAnswersIt() throws IOException {
		String length = "Content-Length: 200\r\n";
		String fast = raw(SIGN, length, "{\"params\": {", false);
		assertThat(statusLine(fast)).contains(" 408 ")
			.isEqualTo(statusLine(raw(SIGN, length + MVC_ACCEPT, "{\"params\": {", false)));
	}

	@Test
	void aPostWithoutLengthOrBodyIsAnsweredAsMvcAnswersIt() throws IOException {
		assertThat(statusLine(raw(SIGN, "", null, false))).contains(" 400 ")
			.isEqualTo(statusLine(raw(SIGN, MVC_ACCEPT, null, false)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json;charset=no-such-charset", "application/json;=",
			"application/json;charset=ISO-8859-1" })
	void aContentTypeParameterOtherThanUtf8IsAnsweredAsMvcAnswersIt(String type) {
		assertThat(send(SIGN, type, null, SIMPLE).status()).isEqualTo(send(SIGN, type, THROUGH_MVC, SIMPLE).status());
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json;charset=UTF-8", "application/json; charset=\"utf-8\"" })
	void aUtf8CharsetIsSignedOnBothEntrances(String type) {
		assertThat(send(SIGN, type, null, SIMPLE).status()).isEqualTo(200);
		assertThat(send(SIGN, type, THROUGH_MVC, SIMPLE).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*, not a type", "application/json, */json" })
	void anAcceptWithAMalformedEntryIsAnsweredAsMvcAnswersIt(String accept) {
		String throughMvc = accept.replaceFirst(",", ";q=1,");
		assertThat(send(SIGN, "application/json", accept, SIMPLE).status())
			.isEqualTo(send(SIGN, "application/json", throughMvc, SIMPLE).status());
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html", "bogus" })
	void repeatedAcceptHeadersAreAnsweredAsMvcAnswersThem(String second) throws IOException {
		assertThat(statusLine(raw(SIGN, "Accept: application/json\r\nAccept: " + second + "\r\n", SIMPLE, false)))
			.isEqualTo(
					statusLine(raw(SIGN, "Accept: application/json;q=1\r\nAccept: " + second + "\r\n", SIMPLE, false)));
	}

	@Test
	void repeatedContentTypesAreAnsweredAsMvcAnswersThem() throws IOException {
		String second = "Content-Type: text/plain\r\n";
		assertThat(statusLine(raw(SIGN, second, SIMPLE, false)))
			.isEqualTo(statusLine(raw(SIGN, second + MVC_ACCEPT, SIMPLE, false)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "?profile=%zz", "?%zz=1&profile=avatars", "?profile=%E2%82" })
	void anUndecodableQueryStringIsABadRequestOnBothEntrances(String query) throws IOException {
		String body = "{\"paramsToSign\": {\"timestamp\": " + (System.currentTimeMillis() / 1000) + "}}";
		String fast = raw(WIDGET + query, "", body, false);
		assertThat(statusLine(fast)).contains(" 400 ")
			.isEqualTo(statusLine(raw(WIDGET + query, MVC_ACCEPT, body, false)));
		assertThat(fast).contains("application/problem+json").contains("https://signet.dev/problems/");
	}

	@Test
	void aRefusalCarriesTheHeadersMvcGivesIt() throws IOException {
		String body = "{\"params\": {\"eval\": \"x\"}}";
		assertThat(headers(raw(SIGN, "", body, false))).isEqualTo(headers(raw(SIGN, MVC_ACCEPT, body, false)));
	}

	@Test
	void expectContinueIsHonouredOnTheFastPath() throws IOException {
		assertThat(raw(SIGN, "Expect: 100-continue\r\n", SIMPLE, false)).startsWith("HTTP/1.1 100 ")
			.contains("HTTP/1.1 200 ");
	}

	/**
	 * Sends a signing request over a plain socket and reads the whole answer.
	 * @param target the path and query
	 * @param headers header lines besides Host, Content-Type, the API key and Connection
	 * @param body the body, with a Content-Length unless the headers name one, or
	 * {@code null} for neither
	 * @param halfClose whether to close the sending side after the request
	 * @return the answer, or what was read when the socket failed
	 */
	private String raw(String target, String headers, String body, boolean halfClose) throws IOException {
		String length = (body == null || headers.contains("Content-Length")) ? ""
				: "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
		String request = "POST " + target + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Api-Key: "
				+ TestAccounts.CLIENT_KEY + "\r\n" + headers + length + "Connection: close\r\n\r\n"
				+ ((body != null) ? body : "");
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			if (halfClose) {
				socket.shutdownOutput();
			}
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			try {
				socket.getInputStream().transferTo(answer);
			}
			catch (SocketException | SocketTimeoutException ex) {
				answer.write(("<" + ex.getClass().getSimpleName() + ">").getBytes(StandardCharsets.ISO_8859_1));
			}
			return answer.toString(StandardCharsets.ISO_8859_1);
		}
	}

	private static String statusLine(String answer) {
		int end = answer.indexOf("\r\n");
		return (end < 0) ? answer : answer.substring(0, end);
	}

	/**
	 * The answer's header lines, without what differs per request (request id, date,
	 * remaining tokens) and without the framing (the fast path sends Content-Length,
	 * MVC's problems go out chunked).
	 */
	private static Set<String> headers(String answer) {
		Set<String> lines = new TreeSet<>();
		String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
		for (String line : head.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
				if (!Set.of("x-request-id", "date", "content-length", "transfer-encoding").contains(name)) {
					lines.add(name + ": " + line.substring(colon + 1).trim().replaceAll("r=\\d+", "r"));
				}
			}
		}
		return lines;
	}

	private Response send(String path, String contentType, String accept, String body) {
		if (accept == null) {
			return this.http.send("POST", path, body, "Content-Type", contentType, "X-Api-Key",
					TestAccounts.CLIENT_KEY);
		}
		return this.http.send("POST", path, body, "Content-Type", contentType, "X-Api-Key", TestAccounts.CLIENT_KEY,
				"Accept", accept);
	}

	private Response sign(String path, String body, String accept) {
		return send(path, "application/json", accept, body);
	}

	private boolean handles(MockHttpServletRequest request) {
		return this.fastPath.getHandler(request) != null;
	}

	private static MockHttpServletRequest post(String uri, String contentType, String accept) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
		if (contentType != null) {
			request.setContentType(contentType);
		}
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		request.setContent("{\"params\": {}}".getBytes());
		return request;
	}

	private HttpResponse<String> chunked(String path, String body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("X-Api-Key", TestAccounts.CLIENT_KEY)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes())))
			.build();
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private double timed(String uri) {
		var timer = this.meters.find("http.server.requests").tag("uri", uri).tag("status", "200").timer();
		return (timer != null) ? timer.count() : 0;
	}

	private static void assertSameHeaders(Response fast, Response mvc) {
		for (String name : List.of("Content-Type", "Cache-Control", "RateLimit-Policy", "X-Content-Type-Options",
				"Content-Security-Policy")) {
			assertThat(fast.header(name)).as(name).isEqualTo(mvc.header(name));
		}
		assertThat(fast.header("RateLimit")).isNotNull();
		assertThat(fast.header("X-Request-Id")).isNotNull();
		assertThat(fast.headers()).doesNotContainKey("transfer-encoding");
	}

	/** The answer without what differs from one signature to the next. */
	private static Map<String, String> stable(JsonNode answer) {
		Map<String, String> fields = new LinkedHashMap<>();
		answer.properties().forEach((e) -> fields.put(e.getKey(), e.getValue().toString()));
		fields.keySet().removeAll(List.of("signature", "timestamp", "expires_at", "upload_id"));
		JsonNode params = answer.get("params");
		if (params == null) {
			return fields;
		}
		Map<String, String> stableParams = new LinkedHashMap<>();
		params.properties().forEach((e) -> stableParams.put(e.getKey(), e.getValue().stringValue()));
		stableParams.remove("timestamp");
		stableParams.computeIfPresent("context", (k, v) -> v.replaceAll("signet_upload_id=[0-9a-f]+", "id"));
		fields.put("params", stableParams.toString());
		return fields;
	}

	private static Map<String, String> problem(Response response) {
		Map<String, String> fields = new LinkedHashMap<>();
		response.json().properties().forEach((e) -> fields.put(e.getKey(), e.getValue().toString()));
		fields.remove("request_id");
		return new TreeMap<>(fields);
	}

}
