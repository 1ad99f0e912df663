package dev.signet.uploads;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.signet.signing.SignatureResponse;
import org.jspecify.annotations.Nullable;

/**
 * An upload session's signature: everything {@code POST /v1/signatures} answers, plus the
 * upload id to send as {@code X-Unique-Upload-Id}, the part size and when the session
 * ends. Creation and every re-signature answer this same shape.
 *
 * @param signature the lowercase hex signature
 * @param timestamp the UNIX time Signet stamped (also in {@code params})
 * @param apiKey the API key to post
 * @param cloudName the cloud name
 * @param signatureAlgorithm {@code sha1} or {@code sha256}
 * @param params every field to post besides file, api_key and signature
 * @param uploadUrl where to post every part
 * @param expiresAt when Cloudinary stops accepting this signature
 * @param profile the signing profile
 * @param stringToSign with explain (at creation): the string Signet hashed
 * @param signedKeys with explain (at creation): the signed parameter names
 * @param uploadId the session's id, to send as {@code X-Unique-Upload-Id} on every part
 * @param chunkSize bytes per part: every part but the last has exactly this size
 * @param sessionExpiresAt when re-signing ends (ISO-8601 UTC)
 * @author Signet developers
 */
public record UploadSessionResponse(String signature, long timestamp, @JsonProperty("api_key") String apiKey,
		@JsonProperty("cloud_name") String cloudName, @JsonProperty("signature_algorithm") String signatureAlgorithm,
		Map<String, String> params, @JsonProperty("upload_url") String uploadUrl,
		@JsonProperty("expires_at") String expiresAt, String profile,
		@JsonProperty("string_to_sign") @Nullable String stringToSign,
		@JsonProperty("signed_keys") @Nullable List<String> signedKeys, @JsonProperty("upload_id") String uploadId,
		@JsonProperty("chunk_size") long chunkSize, @JsonProperty("session_expires_at") String sessionExpiresAt) {

	static UploadSessionResponse of(SignatureResponse signed, UploadSession session) {
		return new UploadSessionResponse(signed.signature(), signed.timestamp(), signed.apiKey(), signed.cloudName(),
				signed.signatureAlgorithm(), signed.params(), signed.uploadUrl(), signed.expiresAt(), signed.profile(),
				signed.stringToSign(), signed.signedKeys(), session.id(), session.chunkSize(),
				session.expiry().toString());
	}

}
