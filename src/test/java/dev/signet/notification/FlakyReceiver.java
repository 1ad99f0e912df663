package dev.signet.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP receiver that fails the first {@code failures} deliveries of each
 * notification with 500 and then accepts it, recording every successful delivery.
 *
 * @author Signet developers
 */
final class FlakyReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

	private final List<Delivery> delivered = new CopyOnWriteArrayList<>();

	private volatile int failures;

	FlakyReceiver(int failures) throws IOException {
		this(failures, 0);
	}

	FlakyReceiver(int failures, int port) throws IOException {
		this.failures = failures;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		this.server.createContext("/hook", (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String id = exchange.getRequestHeaders().getFirst("X-Signet-Notification-Id");
			int attempt = this.attempts.computeIfAbsent(String.valueOf(id), (key) -> new AtomicInteger())
				.incrementAndGet();
			int status = (attempt <= this.failures) ? 500 : 204;
			if (status == 204) {
				this.delivered.add(new Delivery(id, body, exchange.getRequestHeaders().getFirst("X-Cld-Signature"),
						exchange.getRequestHeaders().getFirst("X-Cld-Timestamp"),
						exchange.getRequestHeaders().getFirst("Content-Type"), signetHeaders(exchange)));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hook";
	}

	void failures(int failures) {
		this.failures = failures;
	}

	List<Delivery> delivered() {
		return this.delivered;
	}

	int attempts(String id) {
		AtomicInteger count = this.attempts.get(id);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static Map<String, String> signetHeaders(com.sun.net.httpserver.HttpExchange exchange) {
		Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (name.toLowerCase(java.util.Locale.ROOT).startsWith("x-signet-")) {
				headers.put(name, values.get(0));
			}
		});
		return headers;
	}

	record Delivery(String id, byte[] body, String signature, String timestamp, String contentType,
			Map<String, String> signet) {

	}

}
