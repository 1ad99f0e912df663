package dev.signet.clients;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example page's own web server, as a site would run it: it serves the built page
 * ({@code examples/react-upload/dist}) on its own origin, the runtime
 * {@code signet-config.json}, and the page's two backend routes:
 * <ul>
 * <li>{@code POST /auth/token}: the site's sign-in, here a client_credentials grant
 * against the test's authorization server, answering a short-lived access token;</li>
 * <li>{@code /api/signet/**}: a backend route that forwards to Signet and adds a trusted
 * API key, so that the page needs neither a token nor CORS.</li>
 * </ul>
 *
 * @author Signet developers
 */
final class ExamplePageServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
			"text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "json", "application/json", "svg",
			"image/svg+xml", "png", "image/png", "ico", "image/x-icon");

	private static final Set<String> FORWARDED_HEADERS = Set.of("Content-Type", "Accept");

	private final HttpServer server;

	private final Path dist;

	private final HttpClient client = HttpClient.newHttpClient();

	private volatile Map<String, Object> config = Map.of();

	private volatile String signetUrl;

	private volatile String apiKey;

	private volatile Supplier<String> issuer;

	ExamplePageServer(Path dist) {
		this.dist = dist.toAbsolutePath().normalize();
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/**
	 * The page's origin, e.g. {@code http://127.0.0.1:41234}.
	 * @return the origin
	 */
	String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Sets what {@code signet-config.json} answers.
	 * @param config the configuration
	 */
	void config(Map<String, Object> config) {
		this.config = new LinkedHashMap<>(config);
	}

	/**
	 * Sets where the backend route forwards to and the key it adds.
	 * @param signetUrl Signet's base URL
	 * @param apiKey a client key configured in Signet
	 */
	void backendRoute(String signetUrl, String apiKey) {
		this.signetUrl = signetUrl;
		this.apiKey = apiKey;
	}

	/**
	 * Sets the authorization server the sign-in route asks for tokens.
	 * @param issuer its base URL
	 */
	void signIn(Supplier<String> issuer) {
		this.issuer = issuer;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.equals("/signet-config.json")) {
				respond(exchange, 200, "application/json", JSON.writeValueAsBytes(this.config));
			}
			else if (path.equals("/auth/token") && "POST".equals(exchange.getRequestMethod())) {
				token(exchange);
			}
			else if (path.startsWith("/api/signet/")) {
				forward(exchange, path.substring("/api/signet".length()));
			}
			else {
				file(exchange, path);
			}
		}
	}

	private void token(HttpExchange exchange) throws IOException {
		respond(exchange, 200, "application/json",
				Tokens.response(this.issuer.get(), "web-app").getBytes(StandardCharsets.UTF_8));
	}

	private void forward(HttpExchange exchange, String path) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		String query = exchange.getRequestURI().getRawQuery();
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.signetUrl + path + ((query != null) ? "?" + query : "")))
			.method(exchange.getRequestMethod(),
					(body.length > 0) ? HttpRequest.BodyPublishers.ofByteArray(body)
							: HttpRequest.BodyPublishers.noBody())
			.header("X-Api-Key", this.apiKey);
		FORWARDED_HEADERS.forEach((name) -> {
			String value = exchange.getRequestHeaders().getFirst(name);
			if (value != null) {
				request.header(name, value);
			}
		});
		HttpResponse<byte[]> response = send(request.build());
		respond(exchange, response.statusCode(), response.headers().firstValue("Content-Type").orElse("text/plain"),
				response.body());
	}

	private void file(HttpExchange exchange, String path) throws IOException {
		Path file = this.dist.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
		if (!file.startsWith(this.dist) || !Files.isRegularFile(file)) {
			respond(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
			return;
		}
		String name = file.getFileName().toString();
		String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
		respond(exchange, 200, type, Files.readAllBytes(file));
	}

	private HttpResponse<byte[]> send(HttpRequest request) throws IOException {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
