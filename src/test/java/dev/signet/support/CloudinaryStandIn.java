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
import java.util.TreeMap;
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
 * Cloudinary's error texts. Like Cloudinary's upload API it answers CORS preflights and
 * lets any origin read its answers, so that a browser page can upload straight to it, but
 * it does not allow an {@code Authorization} header. Every attempt is recorded with its
 * verdict, the sender's {@code Origin} and {@code User-Agent}, and the file it carried.
 *
 * @author Signet developers
 */
public final class CloudinaryStandIn implements AutoCloseable {

	private static final Set<String> EXCLUDED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

	private static final Pattern PATH = Pattern.compile("/v1_1/([^/]+)/(image|video|raw|auto)/upload");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The request headers a page may send; like Cloudinary's, no Authorization. */
	private static final String ALLOWED_HEADERS = "Content-Type, Content-Range, Content-Disposition, X-Requested-With, X-Unique-Upload-Id";

	private final HttpServer server;

	private final String cloudName;

	private final String apiKey;

	private final String secret;

	private final SignatureAlgorithm algorithm;

	private final Clock clock;

	private final List<Map<String, Object>> accepted = new CopyOnWriteArrayList<>();

	private final List<Attempt> attempts = new CopyOnWriteArrayList<>();

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

	/**
	 * Every upload attempt so far, accepted or not, in order.
	 * @return the attempts
	 */
	public List<Attempt> attempts() {
		return this.attempts;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Matcher matcher = PATH.matcher(exchange.getRequestURI().getPath());
			exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
			if ("OPTIONS".equals(exchange.getRequestMethod()) && matcher.matches()) {
				exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
				exchange.getResponseHeaders().set("Access-Control-Allow-Headers", ALLOWED_HEADERS);
				exchange.getResponseHeaders().set("Access-Control-Max-Age", "600");
				exchange.sendResponseHeaders(204, -1);
				return;
			}
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
		Map<String, Object> signed = new LinkedHashMap<>(fields);
		EXCLUDED.forEach(signed::remove);
		Object file = fields.get("file");
		Attempt.Builder attempt = new Attempt.Builder(signed, (file instanceof byte[] bytes) ? bytes : null,
				exchange.getRequestHeaders().getFirst("Origin"), exchange.getRequestHeaders().getFirst("User-Agent"));
		if (!this.apiKey.equals(fields.get("api_key"))) {
			reject(exchange, attempt, 401, "Invalid api_key " + fields.get("api_key"));
			return;
		}
		if (file == null) {
			reject(exchange, attempt, 400, "Missing required parameter - file");
			return;
		}
		String timestamp = (String) signed.get("timestamp");
		if (timestamp == null) {
			reject(exchange, attempt, 400, "Missing required parameter - timestamp");
			return;
		}
		long now = this.clock.instant().getEpochSecond();
		if (Long.parseLong(timestamp) < now - 3600) {
			reject(exchange, attempt, 400,
					"Stale request - reported time is " + timestamp + " which is more than 1 hour ago");
			return;
		}
		String expected = Util.produceSignature(signed, this.secret, this.algorithm, 2);
		if (!expected.equals(fields.get("signature"))) {
			String stringToSign = stringToSign(signed);
			reject(exchange, attempt, 401,
					"Invalid Signature " + fields.get("signature") + ". String to sign - '" + stringToSign + "'.");
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
		if (file instanceof String remote) {
			body.put("url", remote);
		}
		else {
			body.put("bytes", ((byte[]) file).length);
		}
		this.attempts.add(attempt.verdict(200, "accepted: public_id=" + publicId));
		respond(exchange, 200, JSON.writeValueAsString(body));
	}

	private void reject(HttpExchange exchange, Attempt.Builder attempt, int status, String message) throws IOException {
		this.attempts.add(attempt.verdict(status, message));
		respond(exchange, status, error(message));
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

	/**
	 * One upload attempt and the stand-in's verdict.
	 *
	 * @param status the HTTP status answered (200 when accepted)
	 * @param verdict {@code accepted: public_id=...} or Cloudinary's error message
	 * @param params the posted parameters but file, api_key and signature
	 * @param file the uploaded file's bytes, or {@code null} without a file part
	 * @param origin the Origin header (browsers only)
	 * @param userAgent the User-Agent header
	 */
	public record Attempt(int status, String verdict, Map<String, Object> params, byte[] file, String origin,
			String userAgent) {

		public boolean accepted() {
			return this.status == 200;
		}

		@Override
		public String toString() {
			return this.status + " " + this.verdict + " (" + this.userAgent
					+ ((this.origin != null) ? ", Origin " + this.origin : "") + "; sent " + new TreeMap<>(this.params)
					+ ")";
		}

		record Builder(Map<String, Object> params, byte[] file, String origin, String userAgent) {

			Attempt verdict(int status, String verdict) {
				return new Attempt(status, verdict, Map.copyOf(this.params), this.file, this.origin, this.userAgent);
			}

		}

	}

}
