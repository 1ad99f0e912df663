package dev.signet.signing;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer to the Upload Widget's {@code uploadSignature} function and
 * next-cloudinary's {@code signatureEndpoint}: they read {@code signature}.
 *
 * @param signature the lowercase hex signature
 * @param apiKey the API key the widget must be configured with
 * @param cloudName the cloud name
 * @param timestamp the widget's own timestamp, as signed
 * @author Signet developers
 */
public record WidgetSignatureResponse(String signature, @JsonProperty("api_key") String apiKey,
		@JsonProperty("cloud_name") String cloudName, long timestamp) {

}
