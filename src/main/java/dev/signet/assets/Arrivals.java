package dev.signet.assets;

import org.jspecify.annotations.Nullable;

/**
 * Ties a verified Cloudinary notification to the upload Signet signed, completes its
 * record and judges the asset. Called by the notification receiver after the signature
 * and replay checks and before it answers Cloudinary: the record change is stored first.
 * Idempotent: the same notification again answers the same arrival and counts nothing
 * twice.
 *
 * @author Signet developers
 */
public interface Arrivals {

	/**
	 * Records what arrived.
	 * @param account the account whose secret signed the notification
	 * @param body the notification's raw body (verified)
	 * @param contentType its content type, or {@code null}
	 * @return the arrival, or {@code null} when the notification is not about an upload
	 * Signet signed (another notification type, or an asset it never signed)
	 * @throws Unavailable when the record store does not answer: the receiver answers 503
	 * and Cloudinary retries
	 */
	@Nullable Arrival arrived(String account, byte[] body, @Nullable String contentType);

	/**
	 * The record store does not answer now.
	 */
	class Unavailable extends RuntimeException {

		private static final long serialVersionUID = 1L;

		/**
		 * The failure.
		 * @param message why (no URL, no password)
		 */
		public Unavailable(String message) {
			super(message);
		}

	}

}
