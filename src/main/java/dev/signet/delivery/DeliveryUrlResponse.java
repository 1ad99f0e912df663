package dev.signet.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A signed delivery URL.
 *
 * @param url the full URL on Cloudinary's CDN
 * @param signature the signature component, {@code s--XXXXXXXX--}
 * @param profile the delivery profile that allowed it
 * @param account the Signet account whose key signed
 * @param apiKey the API key whose secret signed
 * @param cloudName the cloud name
 * @author Signet developers
 */
public record DeliveryUrlResponse(String url, String signature, String profile, String account,
		@JsonProperty("api_key") String apiKey, @JsonProperty("cloud_name") String cloudName) {

}
