package dev.signet.signing;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Everything a client needs to upload straight to Cloudinary: post {@code params},
 * {@code api_key}, {@code signature} and the file to {@code upload_url}.
 *
 * @param signature the lowercase hex signature
 * @param timestamp the UNIX time Signet stamped (also in {@code params})
 * @param apiKey the API key to post
 * @param cloudName the cloud name
 * @param signatureAlgorithm {@code sha1} or {@code sha256}
 * @param params every field to post besides file, api_key and signature, as exact strings
 * @param uploadUrl where to post
 * @param expiresAt when Cloudinary stops accepting the signature (ISO-8601 UTC)
 * @param profile the signing profile applied
 * @param stringToSign with explain: the string Signet hashed, the secret shown as
 * {@code <api_secret>}
 * @param signedKeys with explain: the signed parameter names
 * @param uploadId the upload's id ({@code GET /v1/uploads/{id}}), also signed in
 * {@code context} as {@code signet_upload_id}; {@code null} when no record is kept
 * @author Signet developers
 */
public record SignatureResponse(String signature, long timestamp, @JsonProperty("api_key") String apiKey,
		@JsonProperty("cloud_name") String cloudName, @JsonProperty("signature_algorithm") String signatureAlgorithm,
		Map<String, String> params, @JsonProperty("upload_url") String uploadUrl,
		@JsonProperty("expires_at") String expiresAt, String profile,
		@JsonProperty("string_to_sign") @Nullable String stringToSign,
		@JsonProperty("signed_keys") @Nullable List<String> signedKeys,
		@JsonProperty("upload_id") @Nullable String uploadId) {

}
