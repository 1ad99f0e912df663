package dev.signet.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Holds a Cloudinary API secret. Its {@code toString()} never shows the value; only a
 * fingerprint (first 8 hex characters of its SHA-256) may be shown to operators.
 *
 * @author Signet developers
 */
public final class ApiSecret {

	private final byte[] value;

	private final String fingerprint;

	private ApiSecret(byte[] value) {
		this.value = value;
		byte[] digest = SignatureAlgorithm.SHA256.newDigest().digest(value);
		this.fingerprint = HexFormat.of().formatHex(digest, 0, 4);
	}

	/**
	 * Wraps a secret.
	 * @param secret the secret as configured
	 * @return the holder
	 */
	public static ApiSecret of(String secret) {
		if (secret.isEmpty()) {
			throw new IllegalArgumentException("API secret must not be empty");
		}
		return new ApiSecret(secret.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The value of an {@code Authorization} header for HTTP basic auth with a key and
	 * this secret; package-private so the secret leaves this package only inside it.
	 * @param apiKey the API key
	 * @return {@code Basic <base64(key:secret)>}
	 */
	String basicAuthorization(String apiKey) {
		byte[] key = (apiKey + ":").getBytes(StandardCharsets.UTF_8);
		byte[] both = new byte[key.length + this.value.length];
		System.arraycopy(key, 0, both, 0, key.length);
		System.arraycopy(this.value, 0, both, key.length, this.value.length);
		return "Basic " + Base64.getEncoder().encodeToString(both);
	}

	void appendTo(MessageDigest digest) {
		digest.update(this.value);
	}

	/**
	 * First 8 hex characters of the secret's SHA-256: enough to tell which secret is
	 * loaded, useless to recover it.
	 * @return the fingerprint
	 */
	public String fingerprint() {
		return this.fingerprint;
	}

	@Override
	public String toString() {
		return "ApiSecret[fingerprint=" + this.fingerprint + "]";
	}

}
