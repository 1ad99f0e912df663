package dev.signet.cloudinary;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The digests Cloudinary accepts for upload signatures.
 *
 * @author Signet developers
 */
public enum SignatureAlgorithm {

	/** SHA-1, the default of every official SDK. */
	SHA1("sha1", "SHA-1"),

	/** SHA-256, recommended; some accounts accept only this one. */
	SHA256("sha256", "SHA-256");

	private final String configName;

	private final String jcaName;

	SignatureAlgorithm(String configName, String jcaName) {
		this.configName = configName;
		this.jcaName = jcaName;
	}

	/**
	 * The name used in {@code CLOUDINARY_URL} and in responses.
	 * @return {@code sha1} or {@code sha256}
	 */
	public String configName() {
		return this.configName;
	}

	/**
	 * Number of lowercase hex characters of a signature made with this algorithm.
	 * @return 40 or 64
	 */
	public int hexLength() {
		return (this == SHA1) ? 40 : 64;
	}

	MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance(this.jcaName);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("JVM lacks " + this.jcaName, ex);
		}
	}

	/**
	 * Parses {@code sha1} or {@code sha256}, in any case.
	 * @param name the name
	 * @return the algorithm, or {@code null} when the name is not one of them
	 */
	public static SignatureAlgorithm fromName(String name) {
		return switch (name.toLowerCase(Locale.ROOT)) {
			case "sha1" -> SHA1;
			case "sha256" -> SHA256;
			default -> null;
		};
	}

}
