package dev.signet.assets;

import org.jspecify.annotations.Nullable;

/**
 * The record of one upload Signet signed, as every replica stores it. It holds no secret
 * and no signature; the owner is a digest of the caller's identity.
 *
 * @param id the {@code upload_id} (32 lowercase hex; an upload session's id)
 * @param owner the SHA-256 (hex) of the signing caller's {@code Caller.key()}
 * @param caller who signed, as the forwarded event names it ({@code key:<client>} or
 * {@code jwt:<client>}, with the subject after a {@code /} when it is an end user)
 * @param profile the signing profile
 * @param account the Cloudinary account it was signed for
 * @param resourceType the resource type of the upload URL ({@code auto} possible)
 * @param publicId the signed {@code public_id} (folder not included), or {@code null}
 * when Cloudinary picks it
 * @param tie how Cloudinary's answer is tied to the record: {@code context} (a signed
 * {@code signet_upload_id} context entry), {@code public_id} (a unique signed public id)
 * or {@code none} (cannot be completed)
 * @param declaredBytes the size the client declared, or {@code null}
 * @param declaredType the filename or media type the client declared, or {@code null}
 * @param rules the profile's asset rules when it was signed
 * @param createdAt when it was signed (UNIX seconds)
 * @param expiresAt when its signature (or session) stops being accepted (UNIX seconds)
 * @param status {@code issued}, {@code complete}, {@code rejected} or {@code expired}
 * @param asset what arrived, once known
 * @param reason why it was rejected, or {@code null}
 * @param removed whether a rejected asset was destroyed at Cloudinary
 * @author Signet developers
 */
public record UploadRecord(String id, String owner, String caller, String profile, String account, String resourceType,
		@Nullable String publicId, String tie, @Nullable Long declaredBytes, @Nullable String declaredType,
		AssetRules rules, long createdAt, long expiresAt, String status, @Nullable AssetFacts asset,
		@Nullable String reason, boolean removed) {

	/** Signed; nothing known to have arrived yet. */
	public static final String ISSUED = "issued";

	/** Arrived and kept every rule. */
	public static final String COMPLETE = "complete";

	/** Arrived and broke a rule: removed (or being removed) from Cloudinary. */
	public static final String REJECTED = "rejected";

	/** Nothing arrived before its signature expired (shown, not stored). */
	public static final String EXPIRED = "expired";

	/** Tied by a signed context entry {@value #CONTEXT_KEY}. */
	public static final String TIE_CONTEXT = "context";

	/** Tied by a unique signed public id. */
	public static final String TIE_PUBLIC_ID = "public_id";

	/** Not tied: the record cannot be completed. */
	public static final String TIE_NONE = "none";

	/** The context key that carries the upload id. */
	public static final String CONTEXT_KEY = "signet_upload_id";

}
