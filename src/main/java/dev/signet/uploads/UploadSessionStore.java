package dev.signet.uploads;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where upload sessions live: in process for one replica, or in the Redis all replicas
 * share. A store keeps a session for {@link #GRACE} after it expires, so that a late
 * re-signature hears that the session ended rather than that it never was.
 *
 * @author Signet developers
 */
public interface UploadSessionStore {

	/** How long a store keeps a session after it expired. */
	Duration GRACE = Duration.ofHours(1);

	/**
	 * Stores a new or changed session.
	 * @param session the session
	 * @throws Unavailable when the store cannot take it
	 */
	void save(UploadSession session);

	/**
	 * Finds a session.
	 * @param id the upload id
	 * @return the session, or {@code null} when the store does not know it
	 * @throws Unavailable when the store cannot answer
	 */
	@Nullable UploadSession find(String id);

	/**
	 * The store cannot answer now; the message says why (never a URL or password).
	 */
	class Unavailable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/**
		 * A failure.
		 * @param message why, for logs
		 * @param cause the cause, or {@code null}
		 */
		public Unavailable(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

	}

}
