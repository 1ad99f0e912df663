package dev.signet.assets;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Where upload records live: in process for one replica, or in the Redis all replicas
 * share, each with a TTL (the record's expiry plus the retention). A record is found by
 * its id, and by its account and public id when it is tied by public id.
 *
 * @author Signet developers
 */
public interface UploadRecordStore {

	/**
	 * Stores a new record (and, when tied by public id, its index entry).
	 * @param record the record
	 * @throws Unavailable when the store cannot take it
	 */
	void create(UploadRecord record);

	/**
	 * Finds a record.
	 * @param id the upload id
	 * @return the record, or {@code null} when unknown or past its retention
	 * @throws Unavailable when the store cannot answer
	 */
	@Nullable UploadRecord find(String id);

	/**
	 * Finds the id of the record tied by a public id.
	 * @param account the account
	 * @param publicId the full public id (folder included) Cloudinary answered
	 * @return the upload id, or {@code null}
	 * @throws Unavailable when the store cannot answer
	 */
	@Nullable String findByPublicId(String account, String publicId);

	/**
	 * Changes a record atomically: the change sees the current record and answers the
	 * next one (or the same instance for no change); concurrent changes of one record on
	 * any replica never overwrite each other.
	 * @param id the upload id
	 * @param change from the current record to the next
	 * @return the record after the change, or {@code null} when there is no such record
	 * @throws Unavailable when the store cannot answer
	 */
	@Nullable UploadRecord update(String id, UnaryOperator<UploadRecord> change);

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
