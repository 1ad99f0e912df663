package dev.signet.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.JwksServer;
import dev.signet.support.TestAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how Signet answers bad input over real HTTP: a table of malformed bodies,
 * refused parameters, bad credentials, wrong methods and raw protocol abuse. Every case
 * asserts the exact status, the problem {@code type}, and that no signature was issued
 * (the body carries no {@code signature} and the issued counter did not move).
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.cors.allowed-origins=" + TestAccounts.ORIGIN,
				"signet.jwt.audience=" + JwksServer.AUDIENCE })
class BadInputMatrixTests {

	private static final String SIGN = "/v1/signatures";

	private static final String WIDGET = "/v1/signatures/widget";

	private static final String JSON = "application/json";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JwksServer jwks = JwksServer.start();

	private static int tried;

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry registry;

	private Http http;

	@DynamicPropertySource
	static void jwkSet(DynamicPropertyRegistry registry) {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
		System.out.println("BadInputMatrixTests: " + tried + " cases tried");
	}

	@BeforeEach
	void setUp() {
		this.http = new Http(this.port);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("cases")
	void badInputIsRefusedWithExactProblemAndNoSignature(String name, Case testCase) throws IOException {
		double issuedBefore = issued();
		Response response = testCase.send().apply(this);
		tried++;
		assertThat(response.status()).as(name + ": " + response.body()).isEqualTo(testCase.status());
		if (testCase.type() != null) {
			assertThat(response.header("Content-Type")).as(name).startsWith("application/problem+json");
			JsonNode body = MAPPER.readTree(response.body());
			assertThat(body.path("type").asString()).as(name + ": " + response.body())
				.isEqualTo("https://signet.dev/problems/" + testCase.type());
			assertThat(body.has("signature")).isFalse();
		}
		assertThat(response.body()).doesNotContainPattern("\"signature\"\\s*:\\s*\"[0-9a-f]{40}")
			.doesNotContain("Exception")
			.doesNotContain("at dev.signet")
			.doesNotContain(TestAccounts.CANARY_SECRET);
		assertThat(issued()).as(name + ": signatures issued").isEqualTo(issuedBefore);
	}

	private double issued() {
		return this.registry.find("signet.signatures.issued").counters().stream().mapToDouble(Counter::count).sum();
	}

	static Stream<Arguments> cases() {
		List<Arguments> cases = new ArrayList<>();
		long now = Instant.now().getEpochSecond();
		// Malformed and truncated JSON
		sign(cases, "truncated object", "{\"params\": {\"folder\": \"a\"", 400, "malformed-json");
		sign(cases, "truncated at key", "{\"params\":", 400, "malformed-json");
		sign(cases, "single quotes", "{'params': {}}", 400, "malformed-json");
		sign(cases, "trailing comma", "{\"params\": {\"folder\": \"a\",}}", 400, "malformed-json");
		sign(cases, "trailing data", "{\"params\": {}} {}", 400, "malformed-json");
		sign(cases, "comment", "{\"params\": {} /* x */}", 400, "malformed-json");
		sign(cases, "empty body", "", 400, "malformed-json");
		sign(cases, "JSON null", "null", 400, "invalid-request");
		sign(cases, "top-level array", "[]", 400, "invalid-request");
		sign(cases, "top-level string", "\"params\"", 400, "invalid-request");
		sign(cases, "params not an object", "{\"params\": []}", 400, "invalid-request");
		sign(cases, "params missing", "{}", 400, "invalid-request");
		sign(cases, "unknown envelope field", "{\"params\": {}, \"extra\": 1}", 400, "invalid-request");
		sign(cases, "unknown resource_type", "{\"params\": {}, \"resource_type\": \"pdf\"}", 400, "invalid-request");
		sign(cases, "profile with path chars", "{\"params\": {}, \"profile\": \"../admin\"}", 400, "invalid-request");
		sign(cases, "unknown profile", "{\"params\": {}, \"profile\": \"nope\"}", 400, "unknown-profile");
		sign(cases, "explain not boolean", "{\"params\": {}, \"explain\": \"yes\"}", 400, "invalid-request");
		sign(cases, "deep nesting", "{\"params\": {\"context\": " + "[".repeat(50) + "]".repeat(50) + "}}", 400,
				"malformed-json");
		sign(cases, "duplicate keys", "{\"params\": {\"tags\": [\"a\"], \"tags\": [\"b\"]}}", 400, "malformed-json");
		sign(cases, "duplicate envelope keys", "{\"params\": {}, \"params\": {}}", 400, "malformed-json");
		sign(cases, "number of 25 digits", "{\"params\": {\"public_id\": 1234567890123456789012345}}", 400,
				"malformed-json");
		sign(cases, "NaN", "{\"params\": {\"folder\": NaN}}", 400, "malformed-json");
		sign(cases, "Infinity", "{\"params\": {\"folder\": Infinity}}", 400, "malformed-json");
		// Key shapes
		param(cases, "key with &", "\"a&b\": \"x\"", 400, "invalid-parameter");
		param(cases, "key with =", "\"a=b\": \"x\"", 400, "invalid-parameter");
		param(cases, "key with space", "\"tags \": \"x\"", 400, "invalid-parameter");
		param(cases, "key in upper case", "\"Tags\": \"x\"", 400, "invalid-parameter");
		param(cases, "unicode key", "\"ｔａｇｓ\": \"x\"", 400, "invalid-parameter");
		param(cases, "key with NUL", "\"tags\\u0000\": \"x\"", 400, "invalid-parameter");
		param(cases, "key with control char", "\"tags\\u0007\": \"x\"", 400, "invalid-parameter");
		param(cases, "empty key", "\"\": \"x\"", 400, "invalid-parameter");
		param(cases, "key of 300 chars", "\"" + "a".repeat(300) + "\": \"x\"", 400, "malformed-json");
		// Value shapes
		param(cases, "value with &", "\"context\": \"a=1&overwrite=true\"", 200, null);
		param(cases, "tag with &", "\"tags\": [\"x&overwrite=true\"]", 400, "invalid-parameter");
		param(cases, "context with %26", "\"context\": \"a%26b\"", 400, "invalid-parameter");
		param(cases, "tag with %26", "\"tags\": [\"x%26y\"]", 400, "invalid-parameter");
		param(cases, "tag with comma", "\"tags\": [\"a,b\"]", 400, "invalid-parameter");
		param(cases, "lone surrogate", "\"display_name\": \"a\\ud800\"", 400, "invalid-parameter");
		param(cases, "bidi override", "\"display_name\": \"abc\\u202egpj.exe\"", 400, "invalid-parameter");
		param(cases, "zero-width joiner in tag", "\"tags\": [\"a\\u200db\"]", 400, "invalid-parameter");
		param(cases, "NUL in value", "\"display_name\": \"a\\u0000b\"", 400, "invalid-parameter");
		param(cases, "CRLF in value", "\"display_name\": \"a\\r\\nb\"", 400, "invalid-parameter");
		param(cases, "tab in tag", "\"tags\": [\"a\\tb\"]", 400, "invalid-parameter");
		param(cases, "100 KB value", "\"context\": \"" + "x".repeat(100_000) + "\"", 413, "payload-too-large");
		param(cases, "3 KB context value", "\"context\": \"" + "x".repeat(3_000) + "\"", 400, "invalid-parameter");
		param(cases, "float", "\"public_id\": 1.5", 400, "invalid-parameter");
		param(cases, "exponent number", "\"public_id\": 1e3", 400, "invalid-parameter");
		param(cases, "boolean where a fixed value is expected", "\"source\": true", 400, "invalid-parameter");
		param(cases, "non-boolean for a boolean", "\"use_filename\": \"yes\"", 400, "invalid-parameter");
		param(cases, "bidi override in tag", "\"tags\": [\"abc\\u202egpj\"]", 400, "invalid-parameter");
		param(cases, "null value", "\"display_name\": null", 400, "invalid-parameter");
		param(cases, "empty string", "\"folder\": \"\"", 400, "invalid-parameter");
		param(cases, "whitespace-only", "\"folder\": \"  \"", 400, "invalid-parameter");
		param(cases, "empty list", "\"tags\": []", 400, "invalid-parameter");
		param(cases, "array of objects", "\"tags\": [{\"a\": \"b\"}]", 400, "invalid-parameter");
		param(cases, "nested object", "\"context\": {\"alt\": \"x\"}", 400, "invalid-parameter");
		param(cases, "21 tags", "\"tags\": [" + "\"t\",".repeat(20) + "\"t\"]", 400, "invalid-parameter");
		// Signet's own and Cloudinary's envelope parameters
		for (String name : List.of("timestamp", "signature", "api_key", "api_secret", "file", "cloud_name",
				"resource_type", "signature_algorithm", "signature_version", "unsigned")) {
			param(cases, "client " + name, "\"" + name + "\": \"1315060510\"", 400, "parameter-not-allowed");
		}
		// The deny-list
		for (String name : List.of("eval", "on_success", "notification_url", "eager_notification_url", "callback",
				"proxy", "headers", "invalidate", "type", "access_mode", "access_control", "eager", "eager_async",
				"transformation", "responsive_breakpoints", "ocr", "categorization", "detection", "auto_tagging",
				"background_removal", "moderation", "raw_convert", "quality_analysis", "accessibility_analysis",
				"cinemagraph_analysis", "visual_search", "auto_transcription", "auto_chaptering", "backup",
				"return_delete_token")) {
			param(cases, "deny-listed " + name, "\"" + name + "\": \"x\"", 400, "parameter-not-allowed");
		}
		param(cases, "overwrite true", "\"overwrite\": true", 400, "invalid-parameter");
		param(cases, "unknown parameter", "\"public_id_prefix\": \"x\"", 400, "parameter-not-allowed");
		// Path traversal
		for (String value : List.of("../x", "a/../../b", "/etc/passwd", "a//b", "..\\\\x", "%2e%2e/x", "a/./b")) {
			param(cases, "folder " + value, "\"folder\": \"" + value + "\"", 400, "invalid-parameter");
			param(cases, "public_id " + value, "\"public_id\": \"" + value + "\"", 400, "invalid-parameter");
		}
		// 10,000 parameters (over the body limit) and 1 MiB body
		StringBuilder many = new StringBuilder("{\"params\": {");
		for (int i = 0; i < 10_000; i++) {
			many.append((i > 0) ? "," : "").append("\"p").append(i).append("\": \"v\"");
		}
		sign(cases, "10,000 parameters", many.append("}}").toString(), 413, "payload-too-large");
		sign(cases, "1 MiB body", "{\"params\": {\"context\": \"" + "x".repeat(1 << 20) + "\"}}", 413,
				"payload-too-large");
		// Widget timestamps
		widget(cases, "stale widget timestamp", "{\"paramsToSign\": {\"timestamp\": " + (now - 3600) + "}}", 400,
				"timestamp-out-of-window");
		widget(cases, "future widget timestamp", "{\"paramsToSign\": {\"timestamp\": " + (now + 3600) + "}}", 400,
				"timestamp-out-of-window");
		widget(cases, "millisecond widget timestamp", "{\"paramsToSign\": {\"timestamp\": " + (now * 1000) + "}}", 400,
				"invalid-parameter");
		widget(cases, "missing widget timestamp", "{\"paramsToSign\": {\"source\": \"uw\"}}", 400, "invalid-parameter");
		widget(cases, "negative widget timestamp", "{\"paramsToSign\": {\"timestamp\": -1}}", 400, "invalid-parameter");
		widget(cases, "float widget timestamp", "{\"paramsToSign\": {\"timestamp\": " + now + ".5}}", 400,
				"invalid-parameter");
		widget(cases, "widget with both spellings", "{\"paramsToSign\": {}, \"params_to_sign\": {}}", 400,
				"invalid-request");
		widget(cases, "widget deny-listed eval", "{\"paramsToSign\": {\"timestamp\": " + now + ", \"eval\": \"x\"}}",
				400, "parameter-not-allowed");
		// Content types
		raw(cases, "text/plain", (t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", "text/plain",
				"X-Api-Key", TestAccounts.CLIENT_KEY), 415, "unsupported-media-type");
		raw(cases, "form encoded", (t) -> t.http.send("POST", SIGN, "params=x", "Content-Type",
				"application/x-www-form-urlencoded", "X-Api-Key", TestAccounts.CLIENT_KEY), 415,
				"unsupported-media-type");
		raw(cases, "multipart",
				(t) -> t.http.send("POST", SIGN, "--b\r\n\r\nx\r\n--b--", "Content-Type",
						"multipart/form-data; boundary=b", "X-Api-Key", TestAccounts.CLIENT_KEY),
				415, "unsupported-media-type");
		raw(cases, "missing content type",
				(t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "X-Api-Key", TestAccounts.CLIENT_KEY), 415,
				"unsupported-media-type");
		raw(cases, "Accept xml only", (t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON,
				"Accept", "application/xml", "X-Api-Key", TestAccounts.CLIENT_KEY), 406, "not-acceptable");
		// Credentials
		raw(cases, "no credentials", (t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON), 401,
				"unauthenticated");
		raw(cases, "wrong API key", (t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON,
				"X-Api-Key", "web-key-0123456789abcdeX"), 401, "unauthenticated");
		raw(cases, "empty API key",
				(t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON, "X-Api-Key", ""), 401,
				"unauthenticated");
		raw(cases, "API key and bearer",
				(t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON, "X-Api-Key",
						TestAccounts.CLIENT_KEY, "Authorization", "Bearer " + jwks.token("alice")),
				401, "unauthenticated");
		bearer(cases, "malformed bearer", (t) -> "abc", 401);
		bearer(cases, "expired JWT",
				(t) -> jwks.token("alice", JwksServer.AUDIENCE, "signet:sign", Instant.now().minusSeconds(120)), 401);
		bearer(cases, "wrongly signed JWT", (t) -> jwks.tokenFromStranger(), 401);
		bearer(cases, "wrong-audience JWT",
				(t) -> jwks.token("alice", "other-api", "signet:sign", Instant.now().plusSeconds(600)), 401);
		bearer(cases, "alg none JWT", (t) -> jwks.unsignedToken(), 401);
		bearer(cases, "tampered JWT", (t) -> {
			String[] parts = jwks.token("alice").split("\\.");
			return parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
		}, 401);
		raw(cases, "JWT without signing scope",
				(t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON, "Authorization", "Bearer "
						+ jwks.token("alice", JwksServer.AUDIENCE, "profile:read", Instant.now().plusSeconds(600))),
				403, "forbidden");
		raw(cases, "token in query string", (t) -> t.http.send("POST", SIGN + "?access_token=" + jwks.token("alice"),
				"{\"params\": {}}", "Content-Type", JSON), 401, "unauthenticated");
		// Methods
		for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
			raw(cases, method + " on signatures",
					(t) -> t.http.send(method, SIGN, null, "X-Api-Key", TestAccounts.CLIENT_KEY), 405,
					"method-not-allowed");
		}
		raw(cases, "TRACE on signatures", (t) -> t.socket("TRACE " + SIGN + " HTTP/1.1\r\nHost: x\r\nX-Api-Key: "
				+ TestAccounts.CLIENT_KEY + "\r\nConnection: close\r\n\r\n"), 405, null);
		// Protocol abuse over a raw socket
		raw(cases, "header injection in API key",
				(t) -> t.socket("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "X-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\n X-Injected: 1\r\nContent-Length: 14\r\n"
						+ "Connection: close\r\n\r\n{\"params\": {}}"),
				401, "unauthenticated");
		raw(cases, "bare LF header injection",
				(t) -> t.socket("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
						+ "X-Api-Key: bad\nX-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\nContent-Length: 14\r\n"
						+ "Connection: close\r\n\r\n{\"params\": {}}"),
				// Tomcat reads two X-Api-Key headers: refused before authentication.
				400, "invalid-request");
		raw(cases, "invalid UTF-8 bytes",
				(t) -> t.socketBody(new byte[] { '{', '"', 'p', 'a', 'r', 'a', 'm', 's', '"', ':', '{', '"', 'f', 'o',
						'l', 'd', 'e', 'r', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '}' }),
				400, "malformed-json");
		raw(cases, "overlong UTF-8 slash",
				(t) -> t.socketBody(new byte[] { '{', '"', 'p', 'a', 'r', 'a', 'm', 's', '"', ':', '{', '"', 'f', 'o',
						'l', 'd', 'e', 'r', '"', ':', '"', 'a', (byte) 0xC0, (byte) 0xAF, 'x', '"', '}', '}' }),
				400, "malformed-json");
		raw(cases, "chunked 1 MiB body", (t) -> t.chunked(1 << 20), 413, "payload-too-large");
		raw(cases, "header of 64 KiB", (t) -> t.socket("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nX-Big: "
				+ "a".repeat(64 * 1024) + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"), 400, null);
		return cases.stream();
	}

	private static void sign(List<Arguments> cases, String name, String body, int status, String type) {
		raw(cases, name, (t) -> t.http.postJson(SIGN, body), status, type);
	}

	private static void param(List<Arguments> cases, String name, String param, int status, String type) {
		if (status == 200) {
			// A control: the same shape is accepted; asserted by
			// acceptedControlsAreSigned.
			return;
		}
		sign(cases, name, "{\"params\": {" + param + "}}", status, type);
	}

	private static void widget(List<Arguments> cases, String name, String body, int status, String type) {
		raw(cases, name, (t) -> t.http.postJson(WIDGET, body), status, type);
	}

	private static void bearer(List<Arguments> cases, String name, Function<BadInputMatrixTests, String> token,
			int status) {
		raw(cases, name, (t) -> t.http.send("POST", SIGN, "{\"params\": {}}", "Content-Type", JSON, "Authorization",
				"Bearer " + token.apply(t)), status, "unauthenticated");
	}

	private static void raw(List<Arguments> cases, String name, Sender sender, int status, String type) {
		cases.add(Arguments.of(name, new Case(sender, status, type)));
	}

	private Response socket(String request) {
		return socketBytes(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	private Response socketBody(byte[] body) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Api-Key: "
				+ TestAccounts.CLIENT_KEY + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1));
		request.writeBytes(body);
		return socketBytes(request.toByteArray());
	}

	private Response chunked(int size) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + SIGN + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Api-Key: "
					+ TestAccounts.CLIENT_KEY + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			byte[] chunk = ("{\"params\": {\"context\": \"" + "x".repeat(8192)).getBytes(StandardCharsets.US_ASCII);
			try {
				for (int sent = 0; sent < size; sent += chunk.length) {
					out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(chunk);
					out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					chunk = "x".repeat(8192).getBytes(StandardCharsets.US_ASCII);
				}
				out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before the whole body is sent.
			}
			return parse(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Response socketBytes(byte[] request) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			try {
				socket.getOutputStream().write(request);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				// The server may answer and close before the whole request is sent.
			}
			return parse(socket.getInputStream());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Response parse(InputStream in) throws IOException {
		String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		int headerEnd = text.indexOf("\r\n\r\n");
		String head = (headerEnd >= 0) ? text.substring(0, headerEnd) : text;
		String body = (headerEnd >= 0) ? text.substring(headerEnd + 4) : "";
		String[] lines = head.split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		java.util.Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
		boolean chunked = false;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			String name = lines[i].substring(0, colon).trim();
			String value = lines[i].substring(colon + 1).trim();
			headers.computeIfAbsent(name, (k) -> new ArrayList<>()).add(value);
			chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked");
		}
		if (chunked) {
			body = dechunk(body);
		}
		return new Response(status, body, headers);
	}

	private static String dechunk(String body) {
		StringBuilder out = new StringBuilder();
		int at = 0;
		while (at < body.length()) {
			int lineEnd = body.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				break;
			}
			out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return out.toString();
	}

	@FunctionalInterface
	interface Sender extends Function<BadInputMatrixTests, Response> {

	}

	/**
	 * One row of the table.
	 *
	 * @param send sends the request
	 * @param status the expected status
	 * @param type the expected problem type slug, {@code null} when the connector answers
	 * before Signet sees the request
	 */
	record Case(Sender send, int status, String type) {

		@Override
		public String toString() {
			return this.status + " " + this.type;
		}

	}

}
