package dev.signet.assets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small Cloudinary for {@link HttpCloudinaryAdmin}'s tests: the Admin API resource
 * lookup checking basic auth, and {@code destroy} checking the SHA-1 signature as
 * Cloudinary does. Failures to play can be queued.
 *
 * @author Signet developers
 */
final class AdminApiServer implements AutoCloseable {

	static final String CLOUD = "demo-cloud";

	static final String KEY = "123456789012345";

	static final String SECRET = "test-secret-abc";

	private final HttpServer server;

	/** Raw request paths of lookups, as received. */
	final List<String> lookups = new CopyOnWriteArrayList<>();

	/** Verified destroy forms. */
	final List<Map<String, String>> destroys = new CopyOnWriteArrayList<>();

	/** Public ids Cloudinary has. */
	final Map<String, String> assets = new ConcurrentHashMap<>();

	/** How many of the next calls answer 500. */
	final AtomicInteger failNext = new AtomicInteger();

	/** How many of the next calls answer after this many milliseconds. */
	volatile long delayMillis;

	final AtomicInteger calls = new AtomicInteger();

	AdminApiServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	String prefix() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			this.calls.incrementAndGet();
			if (this.delayMillis > 0) {
				try {
					Thread.sleep(this.delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (this.failNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				answer(exchange, 500, "{\"error\":{\"message\":\"General Error\"}}");
				return;
			}
			String raw = exchange.getRequestURI().getRawPath();
			String resources = "/v1_1/" + CLOUD + "/resources/";
			if ("GET".equals(exchange.getRequestMethod()) && raw.startsWith(resources)) {
				lookup(exchange, raw.substring(resources.length()));
			}
			else if ("POST".equals(exchange.getRequestMethod()) && raw.matches("/v1_1/" + CLOUD + "/[a-z]+/destroy")) {
				destroy(exchange);
			}
			else {
				answer(exchange, 404, "{\"error\":{\"message\":\"no route\"}}");
			}
		}
	}

	private void lookup(HttpExchange exchange, String rest) throws IOException {
		String expected = "Basic "
				+ Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
		if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			answer(exchange, 401, "{\"error\":{\"message\":\"Invalid credentials\"}}");
			return;
		}
		this.lookups.add(rest);
		String[] parts = rest.split("/", 3);
		String publicId = URLDecoder.decode(parts[2].replace("+", "%2B"), StandardCharsets.UTF_8);
		if (!this.assets.containsKey(publicId)) {
			answer(exchange, 404, "{\"error\":{\"message\":\"Resource not found - " + publicId + "\"}}");
			return;
		}
		answer(exchange, 200,
				"{\"asset_id\":\"" + this.assets.get(publicId) + "\",\"public_id\":\"" + publicId
						+ "\",\"resource_type\":\"" + parts[0] + "\",\"type\":\"" + parts[1]
						+ "\",\"version\":1700000000,\"secure_url\":\"https://res.example.com/x.jpg\",\"bytes\":500,"
						+ "\"format\":\"jpg\",\"width\":640,\"height\":480}");
	}

	private void destroy(HttpExchange exchange) throws IOException {
		Map<String, String> form = new TreeMap<>();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		for (String pair : body.split("&")) {
			String[] kv = pair.split("=", 2);
			form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
					URLDecoder.decode((kv.length > 1) ? kv[1] : "", StandardCharsets.UTF_8));
		}
		String toSign = form.entrySet()
			.stream()
			.filter((e) -> !List.of("api_key", "signature", "resource_type", "file", "cloud_name").contains(e.getKey()))
			.map((e) -> e.getKey() + "=" + e.getValue())
			.collect(Collectors.joining("&"));
		if (!KEY.equals(form.get("api_key")) || !sha1Hex(toSign + SECRET).equals(form.get("signature"))) {
			answer(exchange, 401, "{\"error\":{\"message\":\"Invalid Signature\"}}");
			return;
		}
		this.destroys.add(form);
		boolean had = this.assets.remove(form.get("public_id")) != null;
		answer(exchange, 200, had ? "{\"result\":\"ok\"}" : "{\"result\":\"not found\"}");
	}

	private static String sha1Hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void answer(HttpExchange exchange, int status, String json) throws IOException {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
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
