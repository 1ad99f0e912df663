package dev.signet.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /v1/notifications/verify}.
 *
 * @param valid whether the notification is authentic and inside the window
 * @param reason {@code valid}, {@code malformed}, {@code bad_signature}, {@code too_old}
 * or {@code too_far_in_future}
 * @param detail a sentence for humans
 * @param account the account checked
 * @param apiKey the API key whose secret signed the notification, when one did
 * @param timestamp the notification's UNIX time, when authentic
 * @author Signet developers
 */
public record NotificationVerification(boolean valid, String reason, String detail, String account,
		@JsonProperty("api_key") @Nullable String apiKey, @Nullable Long timestamp) {

}
