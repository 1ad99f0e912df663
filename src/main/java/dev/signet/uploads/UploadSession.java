package dev.signet.uploads;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import dev.signet.signing.DeclaredFile;

/**
 * An upload session, as every replica stores it: whose it is, what it signs and until
 * when. It holds no secret and no signature: the owner is a digest of the caller's
 * identity, and a part's signature is made afresh from the parameters each time.
 *
 * @param id the upload id, sent as {@code X-Unique-Upload-Id}
 * @param owner the SHA-256 (hex) of the creating caller's identity
 * @param profile the signing profile
 * @param account the Cloudinary account the profile signed with
 * @param resourceType the resource type of the upload URL
 * @param params what every part signs but the timestamp, templates resolved once
 * @param chunkSize the bytes per part clients were told
 * @param file what the client declared about the file
 * @param createdAt when the session began (UNIX seconds)
 * @param expiresAt when re-signing ends (UNIX seconds)
 * @param status {@code issued} or {@code finished}
 * @author Signet developers
 */
public record UploadSession(String id, String owner, String profile, String account, String resourceType,
		Map<String, String> params, long chunkSize, DeclaredFile file, long createdAt, long expiresAt, String status) {

	/** The status of a session whose parts are being signed. */
	public static final String ISSUED = "issued";

	/** The status of a session its caller ended. */
	public static final String FINISHED = "finished";

	public UploadSession {
		params = new TreeMap<>(params);
	}

	/**
	 * The same session, finished.
	 * @return the session
	 */
	public UploadSession finished() {
		return new UploadSession(this.id, this.owner, this.profile, this.account, this.resourceType, this.params,
				this.chunkSize, this.file, this.createdAt, this.expiresAt, FINISHED);
	}

	/**
	 * When re-signing ends.
	 * @return the instant
	 */
	public Instant expiry() {
		return Instant.ofEpochSecond(this.expiresAt);
	}

}
