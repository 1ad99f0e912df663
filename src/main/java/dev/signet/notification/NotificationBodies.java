package dev.signet.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import dev.signet.system.PayloadTooLargeException;
import dev.signet.system.ProblemException;
import dev.signet.system.ProblemType;

/**
 * Reads notification bodies within bounds, so that the unauthenticated receiver cannot be
 * used to fill the heap: at most {@code maxBytes} a body, at most {@code maxConcurrent}
 * bodies being read at once (others get 503 with {@code Retry-After}, which Cloudinary
 * retries), and the whole body within {@code readTimeout} of the first read. Callers
 * check the headers before they read. Plain Java.
 *
 * @author Signet developers
 */
final class NotificationBodies {

	static final String RETRY_AFTER_SECONDS = "5";

	private final int maxBytes;

	private final int maxConcurrent;

	private final Semaphore permits;

	private final long readTimeoutNanos;

	NotificationBodies(int maxBytes, int maxConcurrent, Duration readTimeout) {
		if (maxBytes < 1 || maxConcurrent < 1 || readTimeout.isNegative() || readTimeout.isZero()) {
			throw new IllegalArgumentException("body size, concurrency and read timeout must be positive");
		}
		this.maxBytes = maxBytes;
		this.maxConcurrent = maxConcurrent;
		this.permits = new Semaphore(maxConcurrent);
		this.readTimeoutNanos = readTimeout.toNanos();
	}

	/**
	 * Reads a whole body.
	 * @param body the body stream
	 * @param contentLength the declared length, or -1 when not declared (chunked)
	 * @return the raw bytes
	 * @throws ProblemException 413 over the size limit, 503 when too many bodies are
	 * being read, 408 when the body does not arrive in time, 400 when it cannot be read
	 */
	byte[] read(InputStream body, long contentLength) {
		if (contentLength > this.maxBytes) {
			throw tooLarge();
		}
		if (!this.permits.tryAcquire()) {
			throw new ProblemException(503, ProblemType.SERVICE_UNAVAILABLE,
					"Signet is reading as many notification bodies as it allows at once; retry in "
							+ RETRY_AFTER_SECONDS + " s (Cloudinary retries by itself).",
					List.of(), Map.of(), Map.of("Retry-After", RETRY_AFTER_SECONDS));
		}
		try {
			return readWithin(body, contentLength);
		}
		finally {
			this.permits.release();
		}
	}

	/**
	 * The largest body read.
	 * @return the limit in bytes
	 */
	int maxBytes() {
		return this.maxBytes;
	}

	/**
	 * How many bodies are being read now.
	 * @return the bodies in flight
	 */
	int reading() {
		return this.maxConcurrent - this.permits.availablePermits();
	}

	private byte[] readWithin(InputStream body, long contentLength) {
		long deadline = System.nanoTime() + this.readTimeoutNanos;
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				(int) Math.min(Math.max(contentLength, 256), this.maxBytes));
		byte[] buffer = new byte[8192];
		try {
			int n;
			while ((n = body.read(buffer)) != -1) {
				if (out.size() + n > this.maxBytes) {
					throw tooLarge();
				}
				out.write(buffer, 0, n);
				if (System.nanoTime() - deadline > 0) {
					throw timeout();
				}
			}
		}
		catch (PayloadTooLargeException ex) {
			throw tooLarge();
		}
		catch (IOException ex) {
			throw (timedOut(ex)) ? timeout() : new ProblemException(400, ProblemType.BAD_REQUEST,
					"The notification body could not be read to its end; send it again.");
		}
		return out.toByteArray();
	}

	private static boolean timedOut(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private ProblemException tooLarge() {
		return new ProblemException(413, ProblemType.PAYLOAD_TOO_LARGE,
				"The notification body is larger than " + this.maxBytes
						+ " bytes (signet.http.max-notification-body-size); raise it if Cloudinary's notifications "
						+ "for your account are larger.");
	}

	private ProblemException timeout() {
		return new ProblemException(408, ProblemType.REQUEST_TIMEOUT,
				"The notification body did not arrive within " + Duration.ofNanos(this.readTimeoutNanos).toMillis()
						+ " ms (signet.notifications.body-read-timeout); send it at once.");
	}

}
