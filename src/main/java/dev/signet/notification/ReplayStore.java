package dev.signet.notification;

import java.time.Duration;

/**
 * Remembers the notifications the receiver has accepted, so that a replay inside the
 * window is dropped.
 *
 * @author Signet developers
 */
interface ReplayStore {

	/**
	 * Records a notification unless it is already recorded.
	 * @param id the notification's id
	 * @param ttl how long to remember it
	 * @return {@code true} the first time, {@code false} for a replay
	 * @throws UnavailableException when the store cannot answer
	 */
	boolean markFirstSeen(String id, Duration ttl);

	/**
	 * Forgets a notification that was marked but could not be accepted after all, so that
	 * Cloudinary's retry is not taken for a replay.
	 * @param id the notification's id
	 */
	void forget(String id);

	/**
	 * Thrown when the store is down; the receiver then answers 503 so that Cloudinary
	 * retries later rather than accept without replay protection.
	 */
	class UnavailableException extends RuntimeException {

		UnavailableException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
