package dev.signet.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReadinessCheck}.
 *
 * @author Signet developers
 */
class ReadinessCheckTests {

	private HttpServer server;

	private volatile int readyzStatus = 200;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/readyz", (exchange) -> {
			byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.readyzStatus, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	@Test
	void runWhenReadinessAnswers200IsReady() {
		assertThat(run(url("/readyz"))).isEqualTo(ReadinessCheck.READY);
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("ready: ").contains("answered 200");
	}

	@Test
	void runWhenReadinessAnswers503IsNotReady() {
		this.readyzStatus = 503;
		assertThat(run(url("/readyz"))).isEqualTo(ReadinessCheck.NOT_READY);
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("not ready: ").contains("answered 503");
	}

	@Test
	void runWhenPathIsMissingIsNotReady() {
		assertThat(run(url("/nothing-here"))).isEqualTo(ReadinessCheck.NOT_READY);
	}

	@Test
	void runWhenNothingListensIsNotReady() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		assertThat(run("http://127.0.0.1:" + port + "/readyz")).isEqualTo(ReadinessCheck.NOT_READY);
		assertThat(this.output.toString(StandardCharsets.UTF_8)).contains("not ready: ");
	}

	@Test
	void runWhenUrlIsNotHttpIsNotReady() {
		assertThat(run("file:///etc/passwd")).isEqualTo(ReadinessCheck.NOT_READY);
		assertThat(run("not a url")).isEqualTo(ReadinessCheck.NOT_READY);
	}

	@Test
	void runWithoutArgumentChecksServerPortOnLoopback() {
		int port = this.server.getAddress().getPort();
		int status = ReadinessCheck.run(new String[0], Map.of("SERVER_PORT", String.valueOf(port)),
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
		assertThat(status).isEqualTo(ReadinessCheck.READY);
	}

	@Test
	void defaultUrlWhenServerPortIsUnsetOrInvalidUses8080() {
		assertThat(ReadinessCheck.defaultUrl(null)).isEqualTo("http://127.0.0.1:8080/readyz");
		assertThat(ReadinessCheck.defaultUrl("80; rm -rf /")).isEqualTo("http://127.0.0.1:8080/readyz");
		assertThat(ReadinessCheck.defaultUrl("9090")).isEqualTo("http://127.0.0.1:9090/readyz");
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	private int run(String url) {
		return ReadinessCheck.run(new String[] { url }, Map.of(),
				new PrintStream(this.output, true, StandardCharsets.UTF_8));
	}

}
