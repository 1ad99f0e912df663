package dev.signet.notification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.web.PayloadTooLargeException;

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

	static final long RETRY_AFTER_SECONDS = 5;

	private final int maxBytes;

	private final int maxConcurrent;

	private final Semaphore permits;

	private final int maxPerSource;

	private final Map<String, Integer> perSource = new ConcurrentHashMap<>();

	private final long readTimeoutNanos;

	NotificationBodies(int maxBytes, int maxConcurrent, int maxPerSource, Duration readTimeout) {
		if (maxBytes < 1 || maxConcurrent < 1 || maxPerSource < 1 || readTimeout.isNegative() || readTimeout.isZero()) {
			throw new IllegalArgumentException("body size, concurrency and read timeout must be positive");
		}
		this.maxBytes = maxBytes;
		this.maxConcurrent = maxConcurrent;
		this.maxPerSource = maxPerSource;
		this.permits = new Semaphore(maxConcurrent);
		this.readTimeoutNanos = readTimeout.toNanos();
	}

	/**
	 * Reads a whole body.
	 * @param body the body stream
	 * @param contentLength the declared length, or -1 when not declared (chunked)
	 * @param source the sender's address
	 * @return the raw bytes
	 * @throws Refusal 413 over the size limit, 503 when too many bodies are being read
	 * (in all or from this address), 408 when the body does not arrive in time, 400 when
	 * it cannot be read
	 */
	byte[] read(InputStream body, long contentLength, String source) {
		if (contentLength > this.maxBytes) {
			throw tooLarge();
		}
		if (!this.permits.tryAcquire()) {
			throw busy("as many notification bodies as it allows at once");
		}
		try {
			if (this.perSource.merge(source, 1, Integer::sum) > this.maxPerSource) {
				throw busy("as many notification bodies from this address as it allows at once");
			}
			try {
				return readWithin(body, contentLength);
			}
			finally {
				this.perSource.computeIfPresent(source, (key, count) -> (count > 1) ? count - 1 : null);
			}
		}
		finally {
			this.permits.release();
		}
	}

	private static Refusal busy(String what) {
		return new Refusal(Reason.SERVICE_UNAVAILABLE, "Signet is reading " + what + "; retry in " + RETRY_AFTER_SECONDS
				+ " s (Cloudinary retries by itself).", List.of(), Map.of())
			.retryAfter(RETRY_AFTER_SECONDS);
	}

	/**
	 * How many bodies are being read now.
	 * @return the bodies in flight
	 */
	int reading() {
		return this.maxConcurrent - this.permits.availablePermits();
	}

	private byte[] readWithin(InputStream body, long contentLength) {
		long allowed = this.readTimeoutNanos;
		if (contentLength >= 0) {
			// One second, plus one per 32 KB declared: a stalled small body frees its
			// slot soon.
			allowed = Math.min(allowed, Duration.ofSeconds(1).toNanos() + contentLength * 1_000_000_000L / 32_768);
		}
		long deadline = System.nanoTime() + allowed;
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
			throw (timedOut(ex)) ? timeout() : new Refusal(Reason.BAD_REQUEST,
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

	private Refusal tooLarge() {
		return new Refusal(Reason.PAYLOAD_TOO_LARGE,
				"The notification body is larger than " + this.maxBytes
						+ " bytes (signet.http.max-notification-body-size); raise it if Cloudinary's notifications "
						+ "for your account are larger.");
	}

	private Refusal timeout() {
		return new Refusal(Reason.REQUEST_TIMEOUT,
				"The notification body did not arrive in time (at most "
						+ Duration.ofNanos(this.readTimeoutNanos).toMillis()
						+ " ms, signet.notifications.body-read-timeout; less for small bodies); send it at once.");
	}

}
