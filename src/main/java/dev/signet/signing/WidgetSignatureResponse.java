package dev.signet.signing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The answer to the Upload Widget's {@code uploadSignature} function and
 * next-cloudinary's {@code signatureEndpoint}: they read {@code signature}.
 *
 * @param signature the lowercase hex signature
 * @param apiKey the API key the widget must be configured with
 * @param cloudName the cloud name
 * @param timestamp the widget's own timestamp, as signed
 * @param uploadId the upload's id ({@code GET /v1/uploads/{id}}) when the profile forces
 * a unique {@code public_id} that ties the upload; omitted otherwise
 * @author Signet developers
 */
public record WidgetSignatureResponse(String signature, @JsonProperty("api_key") String apiKey,
		@JsonProperty("cloud_name") String cloudName, long timestamp,
		@JsonProperty("upload_id") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String uploadId) {

}
