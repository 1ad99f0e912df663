package dev.signet.assets;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.signet.access.Caller;
import org.jspecify.annotations.Nullable;

/**
 * The records of the uploads Signet signed: created when a feature signs an upload,
 * completed by a notification ({@link Arrivals}) or by the client's pull, judged against
 * the profile's {@link AssetRules}, shown to the caller that owns them. (Skeleton: the
 * signatures below are what the features call; the records work fills them in.)
 *
 * @author Signet developers
 */
public class UploadRecords implements Arrivals {

	/**
	 * A new upload id: 32 lowercase hex characters from a secure random source.
	 * @return the id
	 */
	public String newId() {
		throw new UnsupportedOperationException("not built yet");
	}

	/**
	 * Creates the record of an upload being signed.
	 * @param id the upload id ({@link #newId()}, or the session's id)
	 * @param caller who signs
	 * @param profile the profile
	 * @param account the account
	 * @param resourceType the upload URL's resource type
	 * @param publicId the signed public id (folder included as Cloudinary will answer
	 * it), or {@code null}
	 * @param tie {@link UploadRecord#TIE_CONTEXT}, {@link UploadRecord#TIE_PUBLIC_ID} or
	 * {@link UploadRecord#TIE_NONE}
	 * @param declaredBytes the declared size, or {@code null}
	 * @param declaredType the declared filename or media type, or {@code null}
	 * @param rules the profile's rules now
	 * @param expiresAt when the signature (or session) expires, UNIX seconds
	 * @return the record
	 * @throws UploadRecordStore.Unavailable when it cannot be stored
	 */
	public UploadRecord issue(String id, Caller caller, String profile, String account, String resourceType,
			@Nullable String publicId, String tie, @Nullable Long declaredBytes, @Nullable String declaredType,
			AssetRules rules, long expiresAt) {
		throw new UnsupportedOperationException("not built yet");
	}

	/**
	 * Refuses a new signature when the caller used up its {@code max-bytes-per-day} of
	 * the profile today.
	 * @param caller who signs
	 * @param profile the profile
	 * @param rules its rules
	 * @throws dev.signet.refusal.Refusal 429 with limit {@code max-bytes-per-day}
	 */
	public void checkQuota(Caller caller, String profile, AssetRules rules) {
		throw new UnsupportedOperationException("not built yet");
	}

	/**
	 * A record as its owner sees it ({@code expired} when nothing arrived in time).
	 * @param caller who asks
	 * @param id the upload id
	 * @return the record, or {@code null} when unknown or not the caller's (never told
	 * apart)
	 */
	public @Nullable UploadRecord find(Caller caller, String id) {
		throw new UnsupportedOperationException("not built yet");
	}

	/**
	 * Waits until the record's status is no longer {@code issued} (or the wait ends).
	 * @param caller who asks
	 * @param id the upload id
	 * @param wait how long at most
	 * @return completes with the record (or {@code null} when unknown or not the
	 * caller's)
	 */
	public CompletableFuture<@Nullable UploadRecord> await(Caller caller, String id, Duration wait) {
		throw new UnsupportedOperationException("not built yet");
	}

	/**
	 * Completes a record from the upload response the client got from Cloudinary: checks
	 * its signature and that it is this upload's, then judges what Cloudinary's Admin API
	 * says about the asset.
	 * @param caller who asks (must own the record)
	 * @param id the upload id
	 * @param uploadResponse the response body as the client got it
	 * @return the record after the judgement
	 * @throws dev.signet.refusal.Refusal when unknown, foreign, not signed by Cloudinary,
	 * not this upload's, or when Cloudinary cannot be asked now (503)
	 */
	public UploadRecord complete(Caller caller, String id, byte[] uploadResponse) {
		throw new UnsupportedOperationException("not built yet");
	}

	@Override
	public @Nullable Arrival arrived(String account, byte[] body, @Nullable String contentType) {
		throw new UnsupportedOperationException("not built yet");
	}

}
