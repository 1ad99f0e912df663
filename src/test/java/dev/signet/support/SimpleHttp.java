package dev.signet.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that call Signet over a real socket.
 *
 * @author Signet developers
 */
public final class SimpleHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public SimpleHttp(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/**
	 * Posts a body.
	 * @param path the path and query
	 * @param headers header names and values
	 * @param body the raw body
	 * @return the response
	 */
	public Response post(String path, Map<String, String> headers, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Posts a JSON body.
	 * @param path the path
	 * @param headers header names and values (Content-Type is added)
	 * @param json the JSON text
	 * @return the response
	 */
	public Response postJson(String path, Map<String, String> headers, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Gets a path.
	 * @param path the path
	 * @param headers header names and values
	 * @return the response
	 */
	public Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.client.send(request,
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param contentType the content type
	 * @param body the body text
	 */
	public record Response(int status, String contentType, String body) {

		/**
		 * The body as JSON.
		 * @return the tree
		 */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
