package dev.signet.cloudinary;

/**
 * One Cloudinary account (product environment) as configured by {@code CLOUDINARY_URL}.
 *
 * @param cloudName the cloud name
 * @param apiKey the public API key, returned to clients
 * @param secret the API secret, never returned or logged
 * @param algorithm the digest used for signatures
 * @param signatureVersion 1 or 2 (2 escapes {@code "&"} in values)
 * @param uploadPrefix scheme and host of the upload API, without a trailing slash
 * @author Signet developers
 */
public record CloudinaryAccount(String cloudName, String apiKey, ApiSecret secret, SignatureAlgorithm algorithm,
		int signatureVersion, String uploadPrefix) {

	/** Cloudinary's upload API host. */
	public static final String DEFAULT_UPLOAD_PREFIX = "https://api.cloudinary.com";

	/**
	 * A signer for this account.
	 * @return the signer
	 */
	public UploadSigner signer() {
		return new UploadSigner(this.secret, this.algorithm, this.signatureVersion);
	}

	/**
	 * The upload endpoint for a resource type.
	 * @param resourceType {@code image}, {@code video}, {@code raw} or {@code auto}
	 * @return the URL a client posts the file to
	 */
	public String uploadUrl(String resourceType) {
		return this.uploadPrefix + "/v1_1/" + this.cloudName + "/" + resourceType + "/upload";
	}

	/**
	 * The {@code Authorization} header value for the Admin API: HTTP basic auth with the
	 * API key and secret. Never log it.
	 * @return {@code Basic <base64(api_key:api_secret)>}
	 */
	public String basicAuthorization() {
		return this.secret.basicAuthorization(this.apiKey);
	}

	@Override
	public String toString() {
		return "CloudinaryAccount[cloudName=" + this.cloudName + ", apiKey=" + this.apiKey + ", secret=" + this.secret
				+ ", algorithm=" + this.algorithm.configName() + ", signatureVersion=" + this.signatureVersion
				+ ", uploadPrefix=" + this.uploadPrefix + "]";
	}

}
