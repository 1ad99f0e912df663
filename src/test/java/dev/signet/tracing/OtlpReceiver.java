package dev.signet.tracing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An in-process OTLP/HTTP traces receiver, like an OpenTelemetry Collector's {@code otlp}
 * receiver: accepts protobuf {@code POST /v1/traces} on a random loopback port, keeps
 * every request's raw bytes and decodes its spans.
 *
 * @author Signet developers
 */
final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<byte[]> exports = new CopyOnWriteArrayList<>();

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private final List<String> refused = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/", receiver::handle);
		server.start();
		return receiver;
	}

	/**
	 * The traces URL to give Signet.
	 * @return the URL
	 */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * The bodies of every export received, decompressed.
	 * @return the bodies
	 */
	List<byte[]> exports() {
		return List.copyOf(this.exports);
	}

	/**
	 * Every span received.
	 * @return the spans
	 */
	List<ReceivedSpan> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Requests that were not a protobuf POST to {@code /v1/traces}.
	 * @return method, path and content type of each
	 */
	List<String> refused() {
		return List.copyOf(this.refused);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			if (!"POST".equals(exchange.getRequestMethod()) || !"/v1/traces".equals(exchange.getRequestURI().getPath())
					|| contentType == null || !contentType.startsWith("application/x-protobuf")) {
				this.refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + contentType);
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = exchange.getRequestBody().readAllBytes();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
					body = gzip.readAllBytes();
				}
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			this.exports.add(body);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				Map<String, String> resourceAttributes = attributes(resource.getResource().getAttributesList());
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
						this.spans.add(new ReceivedSpan(span.getName(),
								HexFormat.of().formatHex(span.getTraceId().toByteArray()),
								attributes(span.getAttributesList()), resourceAttributes));
					}
				}
			}
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
		}
		finally {
			exchange.close();
		}
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue(),
					(first, second) -> first));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A span as received.
	 *
	 * @param name the span's name
	 * @param traceId the trace id, 32 hex digits
	 * @param attributes the span's attributes (string values; others as empty strings)
	 * @param resource the attributes of the resource that sent it
	 */
	record ReceivedSpan(String name, String traceId, Map<String, String> attributes, Map<String, String> resource) {

		static List<ReceivedSpan> withAttribute(List<ReceivedSpan> spans, String key, String value) {
			List<ReceivedSpan> matching = new ArrayList<>();
			for (ReceivedSpan span : spans) {
				if (value.equals(span.attributes().get(key))) {
					matching.add(span);
				}
			}
			return matching;
		}

	}

}
