package dev.signet.codec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the places that fingerprint, hash or key something (audit hashes,
 * client-key digests, namespaces, bucket keys, replay ids), so that none of them repeats
 * the JCA lookup.
 *
 * @author Signet developers
 */
public final class Sha256 {

	private Sha256() {
	}

	/**
	 * A new SHA-256 digest, for hashing several parts.
	 * @return the digest
	 */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("JVM lacks SHA-256", ex);
		}
	}

	/**
	 * The SHA-256 of the UTF-8 bytes of a text.
	 * @param text the text
	 * @return the 32-byte digest
	 */
	public static byte[] digest(String text) {
		return newDigest().digest(text.getBytes(StandardCharsets.UTF_8));
	}

}
