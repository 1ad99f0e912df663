package dev.signet.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis for tests: the one named by {@code SIGNET_TEST_REDIS_URL} (as
 * {@code .ci/parts/20-redis.sh} starts it), or else a {@code redis-server} from the PATH
 * started on a free port and stopped afterwards. Fails, rather than skips, when neither
 * is available.
 *
 * @author Signet developers
 */
public final class RedisServer implements AutoCloseable {

	private final String url;

	private final @Nullable Process process;

	private RedisServer(String url, @Nullable Process process) {
		this.url = url;
		this.process = process;
	}

	/**
	 * Finds or starts a Redis.
	 * @return the server
	 */
	public static RedisServer start() {
		String configured = System.getenv("SIGNET_TEST_REDIS_URL");
		if (configured != null && !configured.isBlank()) {
			return new RedisServer(configured, null);
		}
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Process process;
		try {
			process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
					"--save", "", "--appendonly", "no")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No Redis for the replay-store tests: set SIGNET_TEST_REDIS_URL or install "
					+ "redis-server (apt-get install redis-server); .ci/parts/20-redis.sh does both", ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", port)) {
				return new RedisServer("redis://127.0.0.1:" + port, process);
			}
			catch (IOException ex) {
				Eventually.within(Duration.ofMillis(50), () -> false);
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("redis-server did not start on port " + port);
	}

	public String url() {
		return this.url;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
