package dev.signet.cloudinary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Cloudinary's notification (webhook) signature: the lowercase hex SHA-1 or SHA-256 of
 * the raw body, the {@code X-Cld-Timestamp} value and the API secret, concatenated
 * without separators (spec §2, like every SDK's {@code verifyNotificationSignature}).
 * <p>
 * The body is taken as the bytes received, never a re-serialised form; verification
 * compares decoded digests in constant time and infers the algorithm from the signature's
 * length (40 hex characters for SHA-1, 64 for SHA-256), because Cloudinary picks it per
 * product environment, independently of how Signet signs uploads.
 *
 * @author Signet developers
 */
public final class NotificationSignature {

	private static final HexFormat HEX = HexFormat.of();

	private NotificationSignature() {
	}

	/**
	 * Computes the signature Cloudinary sends for a notification.
	 * @param body the raw body bytes
	 * @param timestamp the {@code X-Cld-Timestamp} header value, as sent
	 * @param secret the API secret
	 * @param algorithm the digest
	 * @return the lowercase hex signature
	 */
	public static String compute(byte[] body, String timestamp, ApiSecret secret, SignatureAlgorithm algorithm) {
		return HEX.formatHex(digest(body, timestamp, secret, algorithm));
	}

	/**
	 * Checks a signature in constant time.
	 * @param body the raw body bytes
	 * @param timestamp the {@code X-Cld-Timestamp} header value, as sent
	 * @param signature the {@code X-Cld-Signature} header value
	 * @param secret the API secret to check against
	 * @return whether the signature was made with this secret over this body and
	 * timestamp
	 */
	public static boolean matches(byte[] body, String timestamp, String signature, ApiSecret secret) {
		SignatureAlgorithm algorithm = algorithmOf(signature);
		if (algorithm == null) {
			return false;
		}
		byte[] presented = HEX.parseHex(signature);
		return MessageDigest.isEqual(digest(body, timestamp, secret, algorithm), presented);
	}

	/**
	 * The algorithm a hex signature was made with, judged by its length.
	 * @param signature the signature as received
	 * @return {@code SHA-1} for 40 hex characters, SHA-256 for 64, {@code null} when it
	 * is not a hex digest at all
	 */
	public static @Nullable SignatureAlgorithm algorithmOf(String signature) {
		SignatureAlgorithm algorithm = switch (signature.length()) {
			case 40 -> SignatureAlgorithm.SHA1;
			case 64 -> SignatureAlgorithm.SHA256;
			default -> null;
		};
		if (algorithm == null) {
			return null;
		}
		for (int i = 0; i < signature.length(); i++) {
			if (Character.digit(signature.charAt(i), 16) < 0) {
				return null;
			}
		}
		return algorithm;
	}

	private static byte[] digest(byte[] body, String timestamp, ApiSecret secret, SignatureAlgorithm algorithm) {
		MessageDigest digest = algorithm.newDigest();
		digest.update(body);
		digest.update(timestamp.getBytes(StandardCharsets.UTF_8));
		secret.appendTo(digest);
		return digest.digest();
	}

}
