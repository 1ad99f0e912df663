package dev.signet.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code java -cp signet.jar dev.signet.deploy.ReadinessCheck [URL]}: exits 0 when
 * Signet's readiness endpoint answers 200, 1 otherwise. A JRE image has no curl or wget,
 * so the container {@code HEALTHCHECK} and the Helm test pod run this class. It uses only
 * the JDK, so it starts in a fraction of a second and loads none of the application.
 * <p>
 * Without an argument it checks {@code http://127.0.0.1:$SERVER_PORT/readyz} (port 8080
 * when {@code SERVER_PORT} is unset).
 *
 * @author Signet developers
 */
public final class ReadinessCheck {

	static final int READY = 0;

	static final int NOT_READY = 1;

	private static final int TIMEOUT_MILLIS = 3000;

	private ReadinessCheck() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out));
	}

	static int run(String[] args, Map<String, String> env, PrintStream out) {
		String target = (args.length > 0) ? args[0] : defaultUrl(env.get("SERVER_PORT"));
		try {
			URL url = URI.create(target).toURL();
			if (!"http".equals(url.getProtocol()) && !"https".equals(url.getProtocol())) {
				out.println("not ready: " + target + " is not an http(s) URL");
				return NOT_READY;
			}
			HttpURLConnection connection = (HttpURLConnection) url.openConnection();
			connection.setConnectTimeout(TIMEOUT_MILLIS);
			connection.setReadTimeout(TIMEOUT_MILLIS);
			connection.setInstanceFollowRedirects(false);
			try {
				int status = connection.getResponseCode();
				drain(connection);
				out.println(((status == 200) ? "ready: " : "not ready: ") + target + " answered " + status);
				return (status == 200) ? READY : NOT_READY;
			}
			finally {
				connection.disconnect();
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			out.println("not ready: " + target + ": " + ex);
			return NOT_READY;
		}
	}

	static String defaultUrl(@Nullable String port) {
		String value = (port != null && port.matches("[0-9]{1,5}")) ? port : "8080";
		return "http://127.0.0.1:" + value + "/readyz";
	}

	private static void drain(HttpURLConnection connection) throws IOException {
		InputStream body = (connection.getResponseCode() < 400) ? connection.getInputStream()
				: connection.getErrorStream();
		if (body != null) {
			try (body) {
				body.readAllBytes();
			}
		}
	}

}
