package dev.signet.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A closed-loop load generator over raw keep-alive connections, like {@code wrk}: each
 * connection sends a signing request as soon as the previous answer is read, and records
 * the status line and content type of every answer. Each request is sent in two parts,
 * split in the middle of the request line with a short pause between them, like a client
 * whose request spans two TCP segments, so the server sees many half-read requests. A
 * connection that is closed or refused opens a new one until {@link #stop()}.
 *
 * @author Signet developers
 */
public final class KeepAliveClient {

	private static final String BODY = "{\"params\": {\"folder\": \"load\", \"tags\": [\"a\", \"b\"]}}";

	private static final byte[] REQUEST = ("POST /v1/signatures HTTP/1.1\r\nHost: 127.0.0.1\r\n"
			+ "Content-Type: application/json\r\nX-Api-Key: " + TestAccounts.CLIENT_KEY + "\r\nContent-Length: "
			+ BODY.length() + "\r\n\r\n" + BODY)
		.getBytes(StandardCharsets.US_ASCII);

	/** Bytes of {@link #REQUEST} in its first part (within the request line). */
	private static final int FIRST_PART = 9;

	private final int port;

	private final ExecutorService executor;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<Answer> answers = new CopyOnWriteArrayList<>();

	/**
	 * Opens the connections and starts sending.
	 * @param port the port on 127.0.0.1
	 * @param connections how many connections send in parallel
	 */
	public KeepAliveClient(int port, int connections) {
		this.port = port;
		this.executor = Executors.newFixedThreadPool(connections);
		for (int i = 0; i < connections; i++) {
			this.executor.execute(this::connection);
		}
	}

	private void connection() {
		while (this.running.get()) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(30_000);
				socket.setTcpNoDelay(true);
				OutputStream out = socket.getOutputStream();
				InputStream in = new BufferedInputStream(socket.getInputStream());
				while (this.running.get()) {
					out.write(REQUEST, 0, FIRST_PART);
					out.flush();
					Thread.sleep(1);
					out.write(REQUEST, FIRST_PART, REQUEST.length - FIRST_PART);
					out.flush();
					Answer answer = read(in);
					if (answer == null) {
						break;
					}
					this.answers.add(answer);
					if (answer.close()) {
						break;
					}
				}
			}
			catch (IOException ex) {
				pause();
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Answer read(InputStream in) throws IOException {
		String statusLine = line(in);
		if (statusLine == null) {
			return null;
		}
		String contentType = "";
		String retryAfter = "";
		long length = 0;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			String name = header.substring(0, Math.max(colon, 0)).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-type" -> contentType = value;
				case "retry-after" -> retryAfter = value;
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.toLowerCase(Locale.ROOT).contains("close");
				default -> {
				}
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (long size = Long.parseLong(line(in).trim(), 16); size > 0; size = Long.parseLong(line(in).trim(),
					16)) {
				body.write(in.readNBytes((int) size));
				line(in);
			}
			line(in);
		}
		else {
			body.write(in.readNBytes((int) length));
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		return new Answer(status, contentType, retryAfter, body.toString(StandardCharsets.UTF_8), close);
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0) {
				return (line.length() == 0) ? null : line.toString();
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/**
	 * Stops sending and waits for the connections to end.
	 * @return every answer read
	 */
	public List<Answer> stop() {
		this.running.set(false);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return List.copyOf(this.answers);
	}

	/**
	 * The answers read so far.
	 * @return the answers
	 */
	public List<Answer> answers() {
		return List.copyOf(this.answers);
	}

	/**
	 * One answer.
	 *
	 * @param status the status code
	 * @param contentType the content type, empty when none
	 * @param retryAfter the {@code Retry-After} header, empty when none
	 * @param body the body
	 * @param close whether the answer closed the connection
	 */
	public record Answer(int status, String contentType, String retryAfter, String body, boolean close) {

	}

}
