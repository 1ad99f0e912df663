package dev.signet.assets;

import org.jspecify.annotations.Nullable;

/**
 * What Signet decided about an upload it signed once Cloudinary said it arrived: the
 * fields the notification forwarder adds to what it forwards.
 *
 * @param uploadId the upload's id
 * @param caller who signed it ({@link UploadRecord#caller()})
 * @param profile the signing profile
 * @param verdict {@code accepted} or {@code rejected}
 * @param reason why it was rejected, or {@code null}
 * @author Signet developers
 */
public record Arrival(String uploadId, String caller, String profile, String verdict, @Nullable String reason) {

	/** The asset kept every rule. */
	public static final String ACCEPTED = "accepted";

	/** The asset broke a rule and is removed. */
	public static final String REJECTED = "rejected";

}
