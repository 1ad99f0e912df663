package dev.signet.notification;

import dev.signet.assets.Arrival;
import org.jspecify.annotations.Nullable;

/**
 * A verified notification the receiver accepted and must forward.
 *
 * @param id Signet's id of the notification (a digest of account, timestamp and body),
 * sent as {@code X-Signet-Notification-Id} so that the internal service can de-duplicate
 * too
 * @param account the account's name
 * @param apiKey the API key whose secret signed it
 * @param body the raw body bytes
 * @param contentType the content type Cloudinary sent, or {@code null}
 * @param signature the {@code X-Cld-Signature} header
 * @param timestamp the {@code X-Cld-Timestamp} header
 * @param arrival what Signet decided about the upload it signed, or {@code null} when the
 * notification is not about one (or the records are not wired)
 * @author Signet developers
 */
record AcceptedNotification(String id, String account, String apiKey, byte[] body, @Nullable String contentType,
		String signature, String timestamp, @Nullable Arrival arrival) {

	AcceptedNotification(String id, String account, String apiKey, byte[] body, @Nullable String contentType,
			String signature, String timestamp) {
		this(id, account, apiKey, body, contentType, signature, timestamp, null);
	}

}
