package dev.signet.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.Assertions;

/**
 * Real Redis servers for tests: the one {@code .ci/parts/20-redis.sh} starts (named by
 * {@code SIGNET_TEST_REDIS_URL}), or {@code redis-server} processes that a test starts,
 * kills and restarts itself. Tests that use them say so with {@code @Needs(Tool.REDIS)}
 * (a Redis to talk to) or {@code @Needs(Tool.REDIS_SERVER)} (servers of their own).
 *
 * @author Signet developers
 */
public final class RedisServers {

	private RedisServers() {
	}

	/**
	 * The URL of the shared test Redis: {@code SIGNET_TEST_REDIS_URL}, else a server
	 * started for this test run.
	 * @return a URL that answers PING
	 */
	public static String sharedUrl() {
		String url = Tool.REDIS.location();
		if (url.contains("://")) {
			return url;
		}
		return "redis://127.0.0.1:" + Shared.SERVER.port();
	}

	/**
	 * The port of a {@code redis://host:port} URL.
	 * @param url the URL
	 * @return the port
	 */
	static int port(String url) {
		return Integer.parseInt(url.replaceAll(".*:(\\d+)/?$", "$1"));
	}

	/**
	 * Starts a private {@code redis-server} on a free port.
	 * @return the running server
	 */
	public static Server start() {
		return start(freePort());
	}

	/**
	 * Starts a private {@code redis-server} on the given port.
	 * @param port the port
	 * @return the running server
	 */
	public static Server start(int port) {
		try {
			Process process = new ProcessBuilder(Tool.REDIS_SERVER.location(), "--port", Integer.toString(port),
					"--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--loglevel", "warning")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			Server server = new Server(port, process);
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (!ping(port)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					server.kill();
					Assertions.fail("redis-server did not start on port " + port);
				}
				Thread.sleep(20);
			}
			return server;
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
	 * A port nothing listens on right now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Whether a Redis on 127.0.0.1 answers PING.
	 * @param port the port
	 * @return true on {@code +PONG}
	 */
	public static boolean ping(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[7];
			int read = in.readNBytes(buffer, 0, 7);
			return new String(buffer, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A {@code redis-server} process owned by a test.
	 */
	public static final class Server implements AutoCloseable {

		private final int port;

		private Process process;

		private Server(int port, Process process) {
			this.port = port;
			this.process = process;
		}

		public int port() {
			return this.port;
		}

		public String url() {
			return "redis://127.0.0.1:" + this.port;
		}

		public long pid() {
			return this.process.pid();
		}

		/**
		 * Kills the server at once (SIGKILL), as a crash would.
		 */
		public void kill() {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/**
		 * Starts the server again on the same port, empty.
		 */
		public void restart() {
			kill();
			this.process = start(this.port).process;
		}

		@Override
		public void close() {
			kill();
		}

	}

	private static final class Shared {

		static final Server SERVER = start();

		static {
			Runtime.getRuntime().addShutdownHook(new Thread(SERVER::kill));
		}

	}

}
