package dev.signet.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local stand-in for Cloudinary's upload API. It re-checks signatures the way
 * Cloudinary documents: every posted field but {@code file}, {@code cloud_name},
 * {@code resource_type}, {@code api_key} and {@code signature} is signed (repeated
 * {@code tags[]} fields form a list), with the official Java SDK as an independent
 * implementation, and the timestamp must be under an hour old. It answers with
 * Cloudinary's error texts.
 *
 * @author Signet developers
 */
public final class CloudinaryStandIn implements AutoCloseable {

	private static final Set<String> EXCLUDED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

	private static final Pattern PATH = Pattern.compile("/v1_1/([^/]+)/(image|video|raw|auto)/upload");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final String cloudName;

	private final String apiKey;

	private final String secret;

	private final SignatureAlgorithm algorithm;

	private final Clock clock;

	private final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();

	public CloudinaryStandIn(String cloudName, String apiKey, String secret, SignatureAlgorithm algorithm,
			Clock clock) {
		this.cloudName = cloudName;
		this.apiKey = apiKey;
		this.secret = secret;
		this.algorithm = algorithm;
		this.clock = clock;
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	public String uploadPrefix() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * The parameter sets of the uploads accepted so far.
	 * @return the uploads
	 */
	public List<Map<String, Object>> accepted() {
		return this.accepted;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
			if (!"POST".equals(exchange.getRequestMethod()) || !matcher.matches()) {
				respond(exchange, 404, error("Not found"));
				return;
			}
			if (!matcher.group(1).equals(this.cloudName)) {
				respond(exchange, 401, error("Invalid cloud_name " + matcher.group(1)));
				return;
			}
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			Map<String, Object> fields = Multipart.parse(exchange.getRequestBody().readAllBytes(), contentType);
			respond(exchange, fields);
		}
	}

	private void respond(HttpExchange exchange, Map<String, Object> fields) throws IOException {
		if (!this.apiKey.equals(fields.get("api_key"))) {
			respond(exchange, 401, error("Invalid api_key " + fields.get("api_key")));
			return;
		}
		Map<String, Object> signed = new LinkedHashMap<>(fields);
		EXCLUDED.forEach(signed::remove);
		String timestamp = (String) signed.get("timestamp");
		if (timestamp == null) {
			respond(exchange, 400, error("Missing required parameter - timestamp"));
			return;
		}
		long now = this.clock.instant().getEpochSecond();
		if (Long.parseLong(timestamp) < now - 3600) {
			respond(exchange, 400,
					error("Stale request - reported time is " + timestamp + " which is more than 1 hour ago"));
			return;
		}
		String expected = Util.produceSignature(signed, this.secret, this.algorithm, 2);
		if (!expected.equals(fields.get("signature"))) {
			String stringToSign = stringToSign(signed);
			respond(exchange, 401, error(
					"Invalid Signature " + fields.get("signature") + ". String to sign - '" + stringToSign + "'."));
			return;
		}
		this.accepted.add(signed);
		Map<String, Object> body = new LinkedHashMap<>();
		Object publicId = signed.get("public_id");
		String folder = (String) signed.get("folder");
		if (publicId == null) {
			publicId = ((folder != null) ? folder + "/" : "") + UUID.randomUUID().toString().substring(0, 20);
		}
		body.put("public_id", publicId);
		body.put("version", now);
		body.put("signature", "stand-in");
		respond(exchange, 200, JSON.writeValueAsString(body));
	}

	private static String stringToSign(Map<String, Object> signed) {
		List<String> pairs = new ArrayList<>();
		signed.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> pairs.add(e.getKey() + "=" + ((e.getValue() instanceof List<?> list)
					? String.join(",", list.stream().map(String::valueOf).toList()) : e.getValue())));
		return String.join("&", pairs);
	}

	private static String error(String message) {
		return JSON.writeValueAsString(Map.of("error", Map.of("message", message)));
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
