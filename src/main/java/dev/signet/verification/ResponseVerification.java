package dev.signet.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /v1/responses/verify}.
 *
 * @param valid whether Cloudinary signed this public ID and version
 * @param reason {@code valid}, {@code malformed} or {@code bad_signature}
 * @param account the account checked
 * @param apiKey the API key whose secret signed it, when one did
 * @author Signet developers
 */
public record ResponseVerification(boolean valid, String reason, String account,
		@JsonProperty("api_key") @Nullable String apiKey) {

}
