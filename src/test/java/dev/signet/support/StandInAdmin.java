package dev.signet.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

import com.cloudinary.SignatureAlgorithm;
import com.cloudinary.Util;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stand-in's Admin API resource lookup (basic auth with API key and secret) and the
 * Upload API's signed {@code destroy}, with fault knobs.
 *
 * @author Signet developers
 */
public final class StandInAdmin {

	private static final Set<String> EXCLUDED = Set.of("file", "cloud_name", "resource_type", "api_key", "signature");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StandInAssets assets;

	private final String cloudName;

	private final String apiKey;

	private final String secret;

	private final SignatureAlgorithm algorithm;

	private final Clock clock;

	private final AtomicInteger lookups = new AtomicInteger();

	private final AtomicInteger adminFailures = new AtomicInteger();

	private volatile int adminFailureStatus = 500;

	private volatile Duration adminDelay = Duration.ZERO;

	private final AtomicInteger destroyFailures = new AtomicInteger();

	private volatile int destroyFailureStatus = 500;

	private final List<Destroy> destroys = new CopyOnWriteArrayList<>();

	StandInAdmin(StandInAssets assets, String cloudName, String apiKey, String secret, SignatureAlgorithm algorithm,
			Clock clock) {
		this.assets = assets;
		this.cloudName = cloudName;
		this.apiKey = apiKey;
		this.secret = secret;
		this.algorithm = algorithm;
		this.clock = clock;
	}

	void failAdminApi(int status, int times) {
		this.adminFailureStatus = status;
		this.adminFailures.set(times);
	}

	void delayAdminApi(Duration delay) {
		this.adminDelay = delay;
	}

	int adminLookups() {
		return this.lookups.get();
	}

	void failDestroy(int status, int times) {
		this.destroyFailureStatus = status;
		this.destroyFailures.set(times);
	}

	List<Destroy> destroys() {
		return List.copyOf(this.destroys);
	}

	void lookup(HttpExchange exchange, Matcher path) throws IOException {
		this.lookups.incrementAndGet();
		if (!this.adminDelay.isZero()) {
			try {
				Thread.sleep(this.adminDelay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((this.apiKey + ":" + this.secret).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			respond(exchange, 401, error("Invalid credentials"));
			return;
		}
		if (!path.group(1).equals(this.cloudName)) {
			respond(exchange, 401, error("Invalid cloud_name " + path.group(1)));
			return;
		}
		if (this.adminFailures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			respond(exchange, this.adminFailureStatus, error("General Error"));
			return;
		}
		String publicId = URLDecoder.decode(path.group(4), StandardCharsets.UTF_8);
		StandInAssets.StoredAsset asset = this.assets.find(path.group(2), path.group(3), publicId);
		if (asset == null) {
			respond(exchange, 404, error("Resource not found - " + publicId));
			return;
		}
		respond(exchange, 200, JSON.writeValueAsString(this.assets.resource(asset)));
	}

	void destroy(HttpExchange exchange, Matcher path) throws IOException {
		Map<String, Object> fields = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String resourceType = path.group(2);
		String publicId = (String) fields.get("public_id");
		String type = (fields.get("type") != null) ? fields.get("type").toString() : "upload";
		boolean invalidate = "true".equals(fields.get("invalidate")) || "1".equals(fields.get("invalidate"));
		Map<String, Object> signed = new TreeMap<>(fields);
		EXCLUDED.forEach(signed::remove);
		boolean valid = Util.produceSignature(signed, this.secret, this.algorithm, 2).equals(fields.get("signature"));
		if (this.destroyFailures.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			this.destroys.add(new Destroy(publicId, resourceType, type, invalidate, valid, this.destroyFailureStatus));
			respond(exchange, this.destroyFailureStatus, error("General Error"));
			return;
		}
		int status;
		String body;
		String timestamp = (String) fields.get("timestamp");
		if (!path.group(1).equals(this.cloudName)) {
			status = 401;
			body = error("Invalid cloud_name " + path.group(1));
		}
		else if (!this.apiKey.equals(fields.get("api_key"))) {
			status = 401;
			body = error("Invalid api_key " + fields.get("api_key"));
		}
		else if (timestamp == null) {
			status = 400;
			body = error("Missing required parameter - timestamp");
		}
		else if (!timestamp.matches("\\d{1,12}")
				|| Long.parseLong(timestamp) < this.clock.instant().getEpochSecond() - 3600) {
			status = 400;
			body = error("Stale request - reported time is " + timestamp + " which is more than 1 hour ago");
		}
		else if (!valid) {
			status = 401;
			body = error("Invalid Signature " + fields.get("signature") + ". String to sign - '"
					+ String.join("&", signed.entrySet().stream().map((e) -> e.getKey() + "=" + e.getValue()).toList())
					+ "'.");
		}
		else if (publicId == null || publicId.isEmpty()) {
			status = 400;
			body = error("Missing required parameter - public_id");
		}
		else {
			status = 200;
			boolean removed = this.assets.remove(resourceType, type, publicId) != null;
			body = JSON.writeValueAsString(Map.of("result", removed ? "ok" : "not found"));
		}
		this.destroys.add(new Destroy(publicId, resourceType, type, invalidate, valid, status));
		respond(exchange, status, body);
	}

	private static Map<String, Object> form(String body) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			fields.put(name, value);
		}
		return fields;
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

	/**
	 * One destroy call and the stand-in's verdict.
	 *
	 * @param publicId the {@code public_id} sent
	 * @param resourceType the resource type from the path
	 * @param type the {@code type} sent ({@code upload} when absent)
	 * @param invalidate whether {@code invalidate=true} was sent
	 * @param signatureValid whether the signature matched the secret
	 * @param status the status answered
	 */
	public record Destroy(String publicId, String resourceType, String type, boolean invalidate, boolean signatureValid,
			int status) {
	}

}
