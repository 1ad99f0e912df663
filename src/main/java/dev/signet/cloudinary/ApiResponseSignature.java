package dev.signet.cloudinary;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signature Cloudinary's upload API returns with {@code public_id} and
 * {@code version}: {@code api_sign_request({public_id, version})} pinned to signature
 * version 1, so {@code HASH("public_id=<id>&version=<v>" + secret)} with empty values
 * left out (spec §3).
 *
 * @author Signet developers
 */
public final class ApiResponseSignature {

	private ApiResponseSignature() {
	}

	/**
	 * Computes the signature of an upload API response.
	 * @param publicId the public ID as returned
	 * @param version the version as returned, in decimal
	 * @param secret the API secret
	 * @param algorithm the digest
	 * @return the lowercase hex signature
	 */
	public static String compute(String publicId, String version, ApiSecret secret, SignatureAlgorithm algorithm) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("public_id", publicId);
		params.put("version", version);
		return new UploadSigner(secret, algorithm, 1).sign(params);
	}

	/**
	 * Checks a response signature in constant time; the algorithm follows from its
	 * length.
	 * @param publicId the public ID as returned
	 * @param version the version as returned, in decimal
	 * @param signature the signature as returned
	 * @param secret the API secret to check against
	 * @return whether it matches
	 */
	public static boolean matches(String publicId, String version, String signature, ApiSecret secret) {
		SignatureAlgorithm algorithm = NotificationSignature.algorithmOf(signature);
		if (algorithm == null) {
			return false;
		}
		byte[] expected = HexFormat.of().parseHex(compute(publicId, version, secret, algorithm));
		return MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature));
	}

}
